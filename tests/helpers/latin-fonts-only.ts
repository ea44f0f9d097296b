import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './briefs.ts';
import { browserEnv, type TestBrowser } from './browsers.ts';
import { buildInto } from './cli.ts';

// A machine whose fonts cover Latin text only, made for one build: a mount namespace in which
// /usr/share/fonts holds one Latin family and the fontconfig cache is empty, so no Arabic,
// Hebrew, Chinese or Japanese system font can draw a glyph. (With no fonts at all, Chromium fails
// to load some web fonts; see the closing notes of issue 21.)

const LATIN_FAMILIES = ['liberation2', 'liberation', 'dejavu'].map((name) => join('/usr/share/fonts/truetype', name));

/** Whether this machine can run a build in such a namespace: root on Linux, with `unshare` and a Latin family. */
export function canIsolate(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  if (!LATIN_FAMILIES.some((folder) => existsSync(folder))) return false;
  return spawnSync('unshare', ['-m', 'true']).status === 0;
}

/**
 * Builds into a new temporary folder on a machine with Latin fonts only where it can, else on
 * this machine as it is, and says which.
 */
export async function buildWithLatinFontsOnly(
  prefix: string,
  argv: string[],
  browser: TestBrowser,
): Promise<{ out: string; isolated: boolean }> {
  if (!canIsolate()) return { out: await buildInto(prefix, argv, browser), isolated: false };
  const out = mkdtempSync(join(tmpdir(), `briefdeck-${prefix}-`));
  const keep = mkdtempSync(join(tmpdir(), 'briefdeck-latin-fonts-'));
  const family = LATIN_FAMILIES.find((folder) => existsSync(folder))!;
  execFileSync('cp', ['-r', family, keep]);
  const script = [
    'mount -t tmpfs none /usr/share/fonts',
    `cp -r "${keep}"/* /usr/share/fonts/`,
    'if [ -d /var/cache/fontconfig ]; then mount -t tmpfs none /var/cache/fontconfig; fi',
    'exec "$0" "$@"',
  ].join(' && ');
  const run = spawnSync(
    'unshare',
    ['-m', 'sh', '-c', script, process.execPath, join(ROOT, 'scripts', 'bin.mjs'), 'build', ...argv, '--out', out],
    { cwd: ROOT, env: browserEnv(browser) as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 500_000 },
  );
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  return { out, isolated: true };
}
