import { existsSync } from 'node:fs';
import { openBrowserSession, type BrowserSession } from './browser-session.ts';
import { BriefError } from './errors.ts';

/** Where the Chromium that renders PDF and PPTX comes from. */
export interface BrowserChoice {
  path: string;
  source: 'CHROME_PATH' | 'system' | 'bundled';
}

export interface BrowserEnvironment {
  CHROME_PATH?: string;
  /** `bundled` skips any system browser, as tests do to prove the fresh-machine path. */
  BRIEFDECK_BROWSER?: string;
}

export interface BrowserCollaborators {
  fileExists: (path: string) => boolean;
  /** Unpacks the Chromium shipped in the `@sparticuz/chromium` npm package and returns its path. */
  bundledChromium: () => Promise<string>;
}

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

async function unpackBundledChromium(): Promise<string> {
  // Imported lazily: only PDF and PPTX need a browser, and unpacking costs a second.
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}

export const defaultBrowserCollaborators: BrowserCollaborators = { fileExists: existsSync, bundledChromium: unpackBundledChromium };

/** CHROME_PATH if set (and it must exist), else a system Chrome, Chromium or Edge, else the bundled Chromium. */
export async function resolveBrowser(env: BrowserEnvironment, collaborators: BrowserCollaborators = defaultBrowserCollaborators): Promise<BrowserChoice> {
  const forced = env.BRIEFDECK_BROWSER?.trim().toLowerCase();
  if (forced && forced !== 'bundled' && forced !== 'auto') {
    throw new BriefError('browser', `BRIEFDECK_BROWSER="${env.BRIEFDECK_BROWSER}" is not understood`, { file: 'BRIEFDECK_BROWSER' }, 'expected one of: auto, bundled');
  }
  if (forced !== 'bundled') {
    if (env.CHROME_PATH) {
      if (!collaborators.fileExists(env.CHROME_PATH)) {
        throw new BriefError('browser', `"${env.CHROME_PATH}" does not exist`, { file: 'CHROME_PATH' }, 'fix the path, or unset CHROME_PATH to use a system browser or the bundled Chromium');
      }
      return { path: env.CHROME_PATH, source: 'CHROME_PATH' };
    }
    const system = SYSTEM_BROWSERS.find((candidate) => collaborators.fileExists(candidate));
    if (system) return { path: system, source: 'system' };
  }
  try {
    return { path: await collaborators.bundledChromium(), source: 'bundled' };
  } catch (cause) {
    throw new BriefError('browser', 'no browser to render PDF and PPTX: no system Chrome, Chromium or Edge, and the bundled Chromium could not be unpacked', { file: '@sparticuz/chromium' }, 'run "npm ci" to install the bundled Chromium, install Chromium, or set CHROME_PATH', { cause });
  }
}

export interface BrowserSupply {
  /** The browser's path, resolved once per build. */
  browserPath: () => Promise<string>;
  /** Starts briefdeck's own session in that browser. */
  openBrowser: () => Promise<BrowserSession>;
}

/**
 * Resolves the browser once and hands it to both users: marp-cli (PDF, PPTX) and briefdeck's own
 * session (measuring, handouts). The sandbox stays on unless running as root, CHROME_NO_SANDBOX
 * is set, or the browser is the bundled one, which is built without it.
 */
export function supplyBrowser(env: BrowserEnvironment & { CHROME_NO_SANDBOX?: string }, options: { timeout: number; isRoot: boolean; announce: (choice: BrowserChoice) => void }): BrowserSupply {
  let choice: Promise<BrowserChoice> | undefined;
  const resolveOnce = () => {
    choice ??= resolveBrowser(env).then((resolved) => {
      options.announce(resolved);
      return resolved;
    });
    return choice;
  };
  return {
    browserPath: async () => (await resolveOnce()).path,
    openBrowser: async () => {
      const resolved = await resolveOnce();
      const sandbox = !options.isRoot && !env.CHROME_NO_SANDBOX && resolved.source !== 'bundled';
      return openBrowserSession({ executablePath: resolved.path, timeout: options.timeout, sandbox });
    },
  };
}
