import { defaultBrowserCollaborators, resolveBrowser } from '../../scripts/browser/find.ts';

/**
 * The browser a test builds with, named by the test rather than inherited from the machine:
 * `bundled` is the fresh-machine path, `system` a Chrome or Chromium installed on the machine (the
 * usual set-up), and `none` a test that must not start a browser at all.
 */
export type TestBrowser = 'bundled' | 'system' | 'none';

/** Where the tests that may use either take their browser from: BRIEFDECK_TEST_BROWSER, bundled by default. */
export const E2E_BROWSER: TestBrowser = process.env.BRIEFDECK_TEST_BROWSER === 'system' ? 'system' : 'bundled';

const NO_BROWSER = '/nonexistent/no-browser-for-this-test';

let found: Promise<string | undefined> | undefined;

/** The system browser briefdeck would pick on this machine, if there is one. */
export function findSystemBrowser(): Promise<string | undefined> {
  const noBundled = {
    ...defaultBrowserCollaborators,
    bundledChromium: () => Promise.reject(new Error('looking for a system browser only')),
  };
  found ??= resolveBrowser({ PATH: process.env.PATH }, noBundled).then(
    (choice) => (choice.source === 'system' ? choice.path : undefined),
    () => undefined,
  );
  return found;
}

/** The environment that makes briefdeck use that browser, and only it. */
export function browserEnv(browser: TestBrowser): Record<string, string | undefined> {
  const base = {
    ...process.env,
    BRIEFDECK_BROWSER: undefined,
    CHROME_PATH: undefined,
    BRIEFDECK_TEST_BROWSER: undefined,
  };
  if (browser === 'bundled') return { ...base, BRIEFDECK_BROWSER: 'bundled' };
  if (browser === 'none') return { ...base, CHROME_PATH: NO_BROWSER };
  return base;
}

/**
 * Whether a system-browser test can run here. In CI it must: `.ci/run` installs Debian's chromium,
 * so a missing one is a broken CI, not a reason to skip.
 */
export async function requireSystemBrowser(): Promise<boolean> {
  const path = await findSystemBrowser();
  if (!path && process.env.CI)
    throw new Error('CI has no system Chrome or Chromium; .ci/run should have installed one');
  return path !== undefined;
}
