import type { Readable, Writable } from 'node:stream';
import type { Browser, Page } from 'puppeteer-core';
import { BriefError } from '../errors.ts';
import { PipeTransport } from './pipe-transport.ts';

/** A browser briefdeck drives itself: to measure slides, print PDFs and handouts, and read layouts. */
export interface BrowserSession {
  /**
   * Opens a page holding `html`, with scripts off and every request that is not a `data:` URL
   * blocked, then runs `use` on it. Blocked addresses are passed to `use`. At most a few pages are
   * open at once; further calls wait their turn.
   */
  withPage<T>(html: string, use: (page: Page, blocked: readonly string[]) => Promise<T>): Promise<T>;
  /** Pictures part of a page holding `html`, as JPEG. */
  screenshot(
    html: string,
    clip: { x: number; y: number; width: number; height: number; scale: number },
  ): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface BrowserLaunchOptions {
  executablePath: string;
  /** Seconds the browser may take to start. */
  timeout: number;
  /** Chromium's sandbox needs kernel features a root user or a container often lacks. */
  sandbox: boolean;
  /** An empty folder for the browser's profile, removed by the caller. */
  profileDir: string;
  /** The environment the browser runs in (a distribution's wrapper script needs PATH). */
  env: Record<string, string | undefined>;
  /** Pages open at once: enough to keep two cores busy, few enough for a 20-brief build. */
  pages?: number;
  /** Told, as the browser is spawned, how to stop it and wait until it has stopped; may refuse (the build is stopping). */
  track?: (stop: () => Promise<void>) => void;
}

/** What a person can do about each way a browser fails. */
const BROWSER_HINTS = {
  exited: 'set CHROME_PATH to a working Chrome, Chromium or Edge, or unset it to use the bundled Chromium',
  timeout: 'raise --browser-timeout on a slow machine, or set CHROME_PATH to another browser',
};

/** A browser that did not start: what it printed (a wrapper's chatter included) is kept for the message. */
export class BrowserStartError extends BriefError {
  constructor(
    message: string,
    where: { file: string },
    hint: string,
    readonly output: string,
    options?: { cause?: unknown },
  ) {
    super('browser', message, where, hint, options);
  }
}

const DEFAULT_PAGES = 3;

// How long a swapped page body's images may take to load or fail, and how often that is asked.
const IMAGE_WAIT_MS = 10_000;
const IMAGE_POLL_MS = 5;
const IMAGES_SETTLED = '[...document.images].every((image) => image.complete)';

const delay = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms).unref());

/** A counting gate: at most `size` holders at once. */
function createGate(size: number): <T>(work: () => Promise<T>) => Promise<T> {
  let free = size;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

/** The last lines a failing browser printed, for the message; everything with --debug. */
function tail(logs: readonly string[]): string {
  return logs
    .filter((line) => line.trim() !== '')
    .slice(-6)
    .join('\n');
}

/**
 * Starts the browser over a pipe rather than a socket: when briefdeck dies, however it dies (even
 * SIGKILL), the pipe closes and Chromium exits with it, so no browser outlives a build.
 */
async function launchOverPipe(options: BrowserLaunchOptions): Promise<{ browser: Browser; stop: () => Promise<void> }> {
  const [{ launch }, { default: puppeteer }] = await Promise.all([
    import('@puppeteer/browsers'),
    import('puppeteer-core'),
  ]);
  const args = puppeteer.defaultArgs({
    headless: true,
    userDataDir: options.profileDir,
    args: [
      '--remote-debugging-pipe',
      '--disable-component-update',
      '--test-type',
      ...(options.sandbox ? [] : ['--no-sandbox']),
    ],
  });
  // Tracked and spawned in one step, so a build told to stop either never starts it or waits for it.
  let spawned: ReturnType<typeof launch> | undefined;
  options.track?.(async () => void (await spawned?.close()));
  const process = launch({
    executablePath: options.executablePath,
    args,
    pipe: true,
    env: options.env,
    dumpio: false,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  spawned = process;
  const where = { file: options.executablePath };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new BrowserStartError(
            `the browser did not start within ${options.timeout} s`,
            where,
            BROWSER_HINTS.timeout,
            tail(process.getRecentLogs()),
          ),
        ),
      options.timeout * 1000,
    );
  });
  const exited = process.hasClosed().then(() => {
    const code = process.nodeProcess.exitCode ?? process.nodeProcess.signalCode;
    const sandboxHint = options.sandbox ? '; where its sandbox cannot run (containers), set CHROME_NO_SANDBOX=1' : '';
    throw new BrowserStartError(
      `the browser did not start${code !== null ? ` (exit code ${code})` : ''}`,
      where,
      BROWSER_HINTS.exited + sandboxHint,
      tail(process.getRecentLogs()),
    );
  });
  // Once connected, the browser closing at the end of the build is no error.
  exited.catch(() => undefined);
  // The pipe's two ends are the browser's file descriptors 3 (it reads) and 4 (it writes).
  const stdio = process.nodeProcess.stdio as unknown as (Readable | Writable | null)[];
  const connected = puppeteer.connect({
    transport: new PipeTransport(stdio[3] as Writable, stdio[4] as Readable),
    defaultViewport: null,
    protocolTimeout: Math.max(options.timeout * 1000, 60_000),
  });
  try {
    // Whichever comes first: connected, the browser gone, or the time up.
    const browser = await Promise.race([connected, exited, timedOut]);
    return { browser, stop: () => process.close() };
  } catch (error) {
    connected.then(
      (browser) => browser.disconnect(),
      () => undefined,
    );
    // The pipe may close before the browser's exit is seen: give it a moment, for its exit code.
    const exit =
      error instanceof BriefError
        ? undefined
        : await Promise.race([exited.catch((reason: unknown) => reason), delay(2000)]);
    await process.close().catch(() => undefined);
    if (error instanceof BriefError) throw error;
    if (exit instanceof BrowserStartError) throw exit;
    throw new BrowserStartError(
      'the browser did not start',
      where,
      BROWSER_HINTS.exited,
      tail(process.getRecentLogs()),
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** A page of the pool, the requests it refused, and the head of the document it holds. */
interface Tab {
  page: Page;
  blocked: string[];
  head: string | undefined;
}

/** Starts the browser, or fails with one line saying what happened and what to do. */
export async function openBrowserSession(options: BrowserLaunchOptions): Promise<BrowserSession> {
  const { browser, stop } = await launchOverPipe(options);
  const gate = createGate(options.pages ?? DEFAULT_PAGES);
  // Pages are kept for the next deck: making one and setting it up costs more than loading a deck.
  // Each remembers the head it holds (the deck's styles, fonts inlined), so a deck with the same
  // head only swaps its body and the fonts are not parsed again.
  const idle: Tab[] = [];
  const openPage = async (): Promise<Tab> => {
    const page = await browser.newPage();
    const tab: Tab = { page, blocked: [], head: undefined };
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') return void request.continue();
      tab.blocked.push(url);
      void request.abort('blockedbyclient');
    });
    await page.setViewport({ width: 1280, height: 720 });
    return tab;
  };
  const load = async (tab: Tab, html: string) => {
    const split = html.indexOf('<body>');
    const head = split >= 0 && html.endsWith('</body></html>') ? html.slice(0, split) : undefined;
    if (head !== undefined && tab.head === head) {
      await tab.page.evaluate(
        (body: string) => {
          document.body.innerHTML = body;
        },
        html.slice(split + '<body>'.length, -'</body></html>'.length),
      );
      // Images start loading as the body is set: the page is used once each has loaded or failed,
      // so a refused request is seen first, as a new page's load event shows it. Asked from here:
      // the page runs no script, and a tab in the background may never decode an image.
      for (let waited = 0; waited < IMAGE_WAIT_MS; waited += IMAGE_POLL_MS) {
        if (await tab.page.evaluate(IMAGES_SETTLED)) break;
        await delay(IMAGE_POLL_MS);
      }
    } else {
      tab.head = undefined;
      await tab.page.setContent(html, { waitUntil: 'load' });
      tab.head = head;
    }
  };
  const withPage: BrowserSession['withPage'] = (html, use) =>
    gate(async () => {
      const same = idle.findIndex((tab) => tab.head !== undefined && html.startsWith(tab.head));
      const tab = (same >= 0 ? idle.splice(same, 1)[0] : idle.pop()) ?? (await openPage());
      tab.blocked = [];
      let reusable = false;
      try {
        await load(tab, html);
        // Load every font face before anything is measured or printed: `fonts.ready` alone may
        // resolve before layout has asked for the faces a slide uses.
        await tab.page.evaluate(
          'Promise.all([...document.fonts].map((face) => face.load().catch(() => null))).then(() => document.fonts.ready).then(() => undefined)',
        );
        const result = await use(tab.page, tab.blocked);
        reusable = true;
        return result;
      } finally {
        if (reusable) idle.push(tab);
        else await tab.page.close().catch(() => undefined);
      }
    });
  // Only the tab in front paints, so pictures are taken one at a time, each page brought forward.
  const pictures = createGate(1);
  return {
    withPage,
    screenshot: (html, clip) =>
      withPage(html, (page) =>
        pictures(async () => {
          await page.bringToFront();
          return page.screenshot({ type: 'jpeg', quality: 80, clip });
        }),
      ),
    close: async () => {
      await browser.close().catch(() => undefined);
      // Closing asks the browser to quit; this waits until it has, and makes sure.
      await stop().catch(() => undefined);
    },
  };
}
