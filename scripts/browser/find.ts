import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import which from 'which';
import { BrowserStartError, openBrowserSession, type BrowserLaunchOptions, type BrowserSession } from './session.ts';
import { BriefError } from '../errors.ts';
import { ownerTag, type Temporaries } from '../temporaries.ts';

/** Where the Chromium that measures and prints comes from. */
export interface BrowserChoice {
  path: string;
  source: 'CHROME_PATH' | 'system' | 'bundled';
}

export interface BrowserEnvironment {
  CHROME_PATH?: string;
  /** `bundled` skips any system browser, as tests do to prove the fresh-machine path. */
  BRIEFDECK_BROWSER?: string;
  PATH?: string;
}

export interface BrowserCollaborators {
  isExecutable: (path: string) => boolean;
  /** The first executable of that name on PATH. */
  findOnPath: (name: string, path: string | undefined) => string | undefined;
  /** Unpacks the Chromium shipped in the `@sparticuz/chromium` npm package and returns its path. */
  bundledChromium: () => Promise<string>;
}

/** Names a Chrome, Chromium or Edge goes by on PATH (Linux packages, Homebrew, Nix, hand installs). */
const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
  'microsoft-edge',
  'msedge',
];

/** Where browsers live that are not on PATH: application bundles, snaps, Windows installs. */
const BROWSER_LOCATIONS = [
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

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function unpackBundledChromium(): Promise<string> {
  // Imported lazily: unpacking costs a second, and only a build that measures needs it.
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}

export const defaultBrowserCollaborators: BrowserCollaborators = {
  isExecutable: isExecutableFile,
  findOnPath: (name, path) => which.sync(name, { nothrow: true, path }) ?? undefined,
  bundledChromium: unpackBundledChromium,
};

/** The bundled Chromium, or an error saying how to get any browser at all. */
async function bundledBrowser(
  collaborators: BrowserCollaborators = defaultBrowserCollaborators,
): Promise<BrowserChoice> {
  try {
    return { path: await collaborators.bundledChromium(), source: 'bundled' };
  } catch (cause) {
    throw new BriefError(
      'browser',
      'no browser to measure and print slides: no system Chrome, Chromium or Edge, and the bundled Chromium could not be unpacked',
      { file: '@sparticuz/chromium' },
      'run "npm ci" to install the bundled Chromium, install Chromium, or set CHROME_PATH',
      { cause },
    );
  }
}

/**
 * CHROME_PATH if set (it must be an executable file), else a Chrome, Chromium or Edge on PATH or
 * in a usual place, else the bundled Chromium.
 */
export async function resolveBrowser(
  env: BrowserEnvironment,
  collaborators: BrowserCollaborators = defaultBrowserCollaborators,
): Promise<BrowserChoice> {
  const forced = env.BRIEFDECK_BROWSER?.trim().toLowerCase();
  if (forced && forced !== 'bundled' && forced !== 'auto') {
    throw new BriefError(
      'browser',
      `BRIEFDECK_BROWSER="${env.BRIEFDECK_BROWSER}" is not understood`,
      { file: 'BRIEFDECK_BROWSER' },
      'expected one of: auto, bundled',
    );
  }
  if (forced !== 'bundled') {
    if (env.CHROME_PATH) {
      if (!collaborators.isExecutable(env.CHROME_PATH)) {
        throw new BriefError(
          'browser',
          `"${env.CHROME_PATH}" is not an executable file`,
          { file: 'CHROME_PATH' },
          'fix the path, or unset CHROME_PATH to use a system browser or the bundled Chromium',
        );
      }
      return { path: env.CHROME_PATH, source: 'CHROME_PATH' };
    }
    const onPath = BROWSER_NAMES.map((name) => collaborators.findOnPath(name, env.PATH)).find(
      (path) => path !== undefined && collaborators.isExecutable(path),
    );
    const system = onPath ?? BROWSER_LOCATIONS.find((candidate) => collaborators.isExecutable(candidate));
    if (system) return { path: system, source: 'system' };
  }
  return bundledBrowser(collaborators);
}

export interface BrowserSupplyOptions {
  /** Seconds the browser may take to start. */
  timeout: number;
  isRoot: boolean;
  /** Says which browser the build uses, and when a system browser is passed over. */
  announce: (message: string) => void;
  /** Records the browser's profile folder, so an interrupted build removes it. */
  temporaries: Temporaries;
  /** Lets a failing browser's own output through (`--debug`). */
  debug?: boolean;
}

export type OpenBrowser = () => Promise<BrowserSession>;

const describe = (choice: BrowserChoice) =>
  choice.source === 'bundled' ? 'the bundled Chromium' : `${choice.path} (${choice.source})`;

/**
 * Starts the build's one browser. The sandbox stays on unless running as root, CHROME_NO_SANDBOX is
 * set, or the browser is the bundled one, which is built without it. A system browser found on its
 * own that does not start (a snap stub, a broken install) is passed over for the bundled Chromium,
 * with a line saying so; CHROME_PATH is the user's word and never falls back.
 */
export function supplyBrowser(
  env: BrowserEnvironment & { CHROME_NO_SANDBOX?: string } & Record<string, string | undefined>,
  options: BrowserSupplyOptions,
  collaborators: BrowserCollaborators & {
    launch?: (options: BrowserLaunchOptions) => Promise<BrowserSession>;
  } = defaultBrowserCollaborators,
): OpenBrowser {
  const launch = collaborators.launch ?? openBrowserSession;
  const start = async (choice: BrowserChoice): Promise<BrowserSession> => {
    // The profile folder carries briefdeck's owner tag, so a build killed outright has it swept.
    const profileDir = options.temporaries.add(
      join(tmpdir(), `${ownerTag(process.pid)}profile-${randomBytes(6).toString('hex')}`),
    );
    mkdirSync(profileDir, { mode: 0o700 });
    const sandbox = !options.isRoot && !env.CHROME_NO_SANDBOX && choice.source !== 'bundled';
    const removeProfile = () => {
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      options.temporaries.delete(profileDir);
    };
    // A build told to stop waits for the browser to end before removing its profile, which the
    // browser would otherwise go on writing.
    let untrack = () => {};
    const track = (stop: () => Promise<void>) => (untrack = options.temporaries.addStopper(stop));
    try {
      const session = await launch({
        executablePath: choice.path,
        timeout: options.timeout,
        sandbox,
        profileDir,
        env,
        track,
      });
      return {
        ...session,
        close: async () => {
          await session.close();
          untrack();
          removeProfile();
        },
      };
    } catch (error) {
      untrack();
      removeProfile();
      throw error;
    }
  };
  // A build killed while unpacking the bundled Chromium leaves half a browser, which the package
  // then takes for a whole one: unpack it again and try once more.
  const startUnpackedAfresh = async (choice: BrowserChoice, error: BrowserStartError): Promise<BrowserSession> => {
    rmSync(choice.path, { force: true });
    const unpacked = await bundledBrowser(collaborators).catch(() => undefined);
    if (!unpacked) throw withOutput(error);
    options.announce('the bundled Chromium did not start; unpacked it again');
    return start(unpacked).catch((again: unknown) =>
      Promise.reject(again instanceof BrowserStartError ? withOutput(again) : again),
    );
  };
  return async () => {
    const choice = await resolveBrowser(env, collaborators);
    options.announce(`using ${describe(choice)}`);
    try {
      return await start(choice);
    } catch (error) {
      if (!(error instanceof BrowserStartError)) throw error;
      if (options.debug && error.output) options.announce(`${choice.path} printed:\n${error.output}`);
      if (choice.source === 'bundled') return startUnpackedAfresh(choice, error);
      if (choice.source !== 'system') throw withOutput(error);
      const bundled = await bundledBrowser(collaborators);
      options.announce(
        `${choice.path} did not start (${error.message.replace(/^the browser did not start\s*/, '').replace(/[()]/g, '') || 'no reason given'}); using the bundled Chromium instead`,
      );
      return start(bundled);
    }
  };
}

/** A failing browser's last words belong in the message: they often name the missing library. */
function withOutput(error: BrowserStartError): BriefError {
  if (!error.output) return error;
  const said = error.output
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
  return new BriefError('browser', `${error.message}; it printed:\n${said}`, error.where, error.hint, { cause: error });
}
