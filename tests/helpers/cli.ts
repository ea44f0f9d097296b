import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../scripts/cli.ts';
import { ROOT } from './briefs.ts';
import { browserEnv, type TestBrowser } from './browsers.ts';

/**
 * Runs the command line in-process from the project folder, as a user's shell would, with the
 * test's own environment and the browser the test names, and keeps what it printed.
 */
export async function runBriefdeck(
  argv: string[],
  browser: TestBrowser = 'none',
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; lines: string[] }> {
  const stdout: string[] = [];
  const lines: string[] = [];
  const code = await main(argv, {
    stdout: (text) => stdout.push(text),
    stderr: (line) => lines.push(line),
    env: { ...browserEnv(browser), ...env },
    cwd: ROOT,
    isRoot: process.getuid?.() === 0,
  });
  return { code, stdout: stdout.join('\n'), lines };
}

/** Builds into a new temporary folder, which it returns, failing the test with what the build printed. */
export async function buildInto(prefix: string, argv: string[], browser: TestBrowser): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), `briefdeck-${prefix}-`));
  const { code, lines } = await runBriefdeck(['build', ...argv, '--out', out], browser);
  expect(code, lines.join('\n')).toBe(0);
  return out;
}
