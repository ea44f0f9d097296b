import { describe, expect, it } from 'vitest';
import { resolveBrowser, type BrowserCollaborators } from '../scripts/browser.ts';
import { BriefError } from '../scripts/errors.ts';

const fake = (existing: string[], bundled: () => Promise<string> = async () => '/tmp/chromium'): BrowserCollaborators => ({
  fileExists: (path) => existing.includes(path),
  bundledChromium: bundled,
});

describe('resolveBrowser', () => {
  it('uses CHROME_PATH when it exists', async () => {
    expect(await resolveBrowser({ CHROME_PATH: '/opt/chrome' }, fake(['/opt/chrome', '/usr/bin/chromium']))).toEqual({ path: '/opt/chrome', source: 'CHROME_PATH' });
  });

  it('refuses a CHROME_PATH that does not exist instead of silently using another browser', async () => {
    await expect(resolveBrowser({ CHROME_PATH: '/nope/chrome' }, fake(['/usr/bin/chromium']))).rejects.toThrow(/"\/nope\/chrome" does not exist/);
  });

  it('prefers a system Chromium to the bundled one', async () => {
    expect(await resolveBrowser({}, fake(['/usr/bin/chromium']))).toEqual({ path: '/usr/bin/chromium', source: 'system' });
  });

  it('falls back to the bundled Chromium on a machine with no browser', async () => {
    expect(await resolveBrowser({}, fake([]))).toEqual({ path: '/tmp/chromium', source: 'bundled' });
  });

  it('uses the bundled Chromium when forced, even with a system browser and CHROME_PATH', async () => {
    expect(await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled', CHROME_PATH: '/usr/bin/chromium' }, fake(['/usr/bin/chromium']))).toEqual({ path: '/tmp/chromium', source: 'bundled' });
  });

  it('says what to do when no browser can be had at all', async () => {
    const error = await resolveBrowser({}, fake([], async () => Promise.reject(new Error('not installed')))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefError);
    expect((error as BriefError).hint).toContain('set CHROME_PATH');
  });
});
