import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultBrowserCollaborators,
  resolveBrowser,
  supplyBrowser,
  type BrowserCollaborators,
} from '../scripts/browser/find.ts';
import { BrowserStartError, type BrowserSession } from '../scripts/browser/session.ts';
import { BriefError } from '../scripts/errors.ts';
import { Temporaries } from '../scripts/temporaries.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { minimalBrief } from './helpers/briefs.ts';

/** A machine with these executables, these names on PATH, and a bundled Chromium at /tmp/chromium. */
const fake = (
  executables: string[],
  onPath: Record<string, string> = {},
  bundled: () => Promise<string> = async () => '/tmp/chromium',
): BrowserCollaborators => ({
  isExecutable: (path) => executables.includes(path),
  findOnPath: (name) => onPath[name],
  bundledChromium: bundled,
});

describe('resolveBrowser', () => {
  it('uses CHROME_PATH when it is an executable file', async () => {
    expect(await resolveBrowser({ CHROME_PATH: '/opt/chrome' }, fake(['/opt/chrome', '/usr/bin/chromium']))).toEqual({
      path: '/opt/chrome',
      source: 'CHROME_PATH',
    });
  });

  it('refuses a CHROME_PATH that is not an executable file instead of silently using another browser', async () => {
    await expect(resolveBrowser({ CHROME_PATH: '/nope/chrome' }, fake(['/usr/bin/chromium']))).rejects.toThrow(
      /"\/nope\/chrome" is not an executable file/,
    );
  });

  it('finds a Chrome that is only on PATH (Homebrew, Nix, a hand install)', async () => {
    const path = '/nix/store/abc-chrome/bin/google-chrome-stable';
    expect(
      await resolveBrowser({ PATH: '/nix/store/abc-chrome/bin' }, fake([path], { 'google-chrome-stable': path })),
    ).toEqual({ path, source: 'system' });
  });

  it('prefers a browser on PATH to the usual install locations', async () => {
    expect(
      await resolveBrowser(
        {},
        fake(['/home/me/bin/chromium', '/usr/bin/google-chrome'], { chromium: '/home/me/bin/chromium' }),
      ),
    ).toEqual({ path: '/home/me/bin/chromium', source: 'system' });
  });

  it('skips candidates that are not executable', async () => {
    expect(await resolveBrowser({}, fake(['/usr/bin/google-chrome'], { chromium: '/home/me/bin/chromium' }))).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'system',
    });
  });

  it('falls back to the bundled Chromium on a machine with no browser', async () => {
    expect(await resolveBrowser({}, fake([]))).toEqual({ path: '/tmp/chromium', source: 'bundled' });
  });

  it('uses the bundled Chromium when forced, even with a system browser and CHROME_PATH', async () => {
    expect(
      await resolveBrowser(
        { BRIEFDECK_BROWSER: 'bundled', CHROME_PATH: '/usr/bin/chromium' },
        fake(['/usr/bin/chromium']),
      ),
    ).toEqual({ path: '/tmp/chromium', source: 'bundled' });
  });

  it('says what to do when no browser can be had at all', async () => {
    const error = await resolveBrowser(
      {},
      fake([], {}, async () => Promise.reject(new Error('not installed'))),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).hint).toContain('set CHROME_PATH');
  });
});

describe('supplyBrowser', () => {
  const session: BrowserSession = {
    withPage: async () => undefined as never,
    screenshot: async () => new Uint8Array(),
    close: async () => undefined,
  };
  const failing = (output: string) =>
    new BrowserStartError('the browser did not start (exit code 1)', { file: 'x' }, 'hint', output);

  async function open(env: Record<string, string>, launch: (path: string) => Promise<BrowserSession>, debug = false) {
    const said: string[] = [];
    const collaborators = {
      ...fake(['/usr/bin/chromium', '/opt/chrome']),
      launch: (options: { executablePath: string }) => launch(options.executablePath),
    };
    const result = await supplyBrowser(
      env,
      { timeout: 5, isRoot: true, announce: (line) => said.push(line), temporaries: new Temporaries(), debug },
      collaborators,
    )().then(
      (opened) => ({ opened, error: undefined }),
      (error: unknown) => ({ opened: undefined, error }),
    );
    return { ...result, said };
  }

  it('passes over an auto-detected browser that does not start, with one line saying so, for the bundled Chromium', async () => {
    const tried: string[] = [];
    const { opened, said } = await open({}, async (path) => {
      tried.push(path);
      if (path === '/usr/bin/chromium') throw failing('/usr/bin/chromium: 9: [: 25276510208: unexpected operator');
      return session;
    });
    expect(opened).toBeDefined();
    expect(tried).toEqual(['/usr/bin/chromium', '/tmp/chromium']);
    expect(said).toEqual([
      'using /usr/bin/chromium (system)',
      '/usr/bin/chromium did not start (exit code 1); using the bundled Chromium instead',
    ]);
  });

  it("never falls back from CHROME_PATH, which is the user's word, and shows what the browser printed", async () => {
    const { error, said } = await open({ CHROME_PATH: '/opt/chrome' }, async () =>
      Promise.reject(failing('libnss3.so: cannot open shared object file')),
    );
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).message).toBe(
      'the browser did not start (exit code 1); it printed:\n    libnss3.so: cannot open shared object file',
    );
    expect(said).toEqual(['using /opt/chrome (CHROME_PATH)']);
  });

  it('unpacks a bundled Chromium that does not start (left half-unpacked by a killed build) and tries once more', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'briefdeck-unpack-'));
    const unpacked = join(folder, 'chromium');
    writeFileSync(unpacked, 'half a browser');
    let unpacks = 0;
    const said: string[] = [];
    try {
      const collaborators = {
        ...fake([]),
        bundledChromium: async () => {
          unpacks += 1;
          writeFileSync(unpacked, unpacks === 1 ? 'half a browser' : 'a whole browser');
          return unpacked;
        },
        launch: async () =>
          readFileSync(unpacked, 'utf8') === 'a whole browser'
            ? session
            : Promise.reject(failing('Segmentation fault')),
      };
      const opened = await supplyBrowser(
        {},
        { timeout: 5, isRoot: true, announce: (line) => said.push(line), temporaries: new Temporaries() },
        collaborators,
      )();
      expect(opened).toBeDefined();
      expect(unpacks).toBe(2);
      expect(said).toEqual(['using the bundled Chromium', 'the bundled Chromium did not start; unpacked it again']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("keeps a browser wrapper's chatter out of a build that works, and shows it with --debug when it fails", async () => {
    const quiet = await open({}, async (path) =>
      path === '/usr/bin/chromium' ? Promise.reject(failing('[: unexpected operator')) : session,
    );
    expect(quiet.said.join('\n')).not.toContain('unexpected operator');
    const debug = await open(
      {},
      async (path) => (path === '/usr/bin/chromium' ? Promise.reject(failing('[: unexpected operator')) : session),
      true,
    );
    expect(debug.said.join('\n')).toContain('/usr/bin/chromium printed:\n[: unexpected operator');
  });
});

describe('browsers found on a real machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-path-'));
  const brief = join(dir, 'small.md');
  writeFileSync(brief, minimalBrief());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A folder to put on PATH, holding one executable script under a browser's name. */
  function onPath(name: string, body: string): string {
    const folder = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(folder, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(folder, name), 0o755);
    return folder;
  }

  it('builds with a Chrome found only on PATH', async () => {
    const chromium = await defaultBrowserCollaborators.bundledChromium();
    // Any real Chromium will do; this one is under a name and in a folder only PATH knows.
    const folder = onPath('google-chrome', `exec "${chromium}" --no-sandbox "$@"`);
    const { code, lines } = await runBriefdeck(
      ['build', brief, '--format', 'pdf', '--audience', 'committee', '--out', join(dir, 'out')],
      'system',
      { PATH: folder },
    );
    expect(lines.join('\n')).toContain(`using ${join(folder, 'google-chrome')} (system)`);
    expect(code, lines.join('\n')).toBe(0);
  });

  it('passes over a broken browser on PATH for the bundled Chromium, with a notice, and builds', async () => {
    const folder = onPath('chromium', 'echo "/usr/bin/chromium: 9: [: 25276510208: unexpected operator" >&2\nexit 1');
    const { code, lines } = await runBriefdeck(
      ['build', brief, '--format', 'html', '--audience', 'committee', '--out', join(dir, 'out')],
      'system',
      { PATH: folder },
    );
    const stderr = lines.join('\n');
    expect(stderr).toContain(
      `${join(folder, 'chromium')} did not start (exit code 1); using the bundled Chromium instead`,
    );
    expect(stderr).not.toContain('unexpected operator');
    expect(code, stderr).toBe(0);
  });
});
