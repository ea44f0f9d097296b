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
