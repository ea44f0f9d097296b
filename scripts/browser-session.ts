import type { Browser, Page } from 'puppeteer-core';
import { BriefError } from './errors.ts';

/** A browser briefdeck drives itself, to measure slides and print handouts. */
export interface BrowserSession {
  /**
   * Opens a page holding `html`, with scripts off and every request that is not a `data:` URL
   * blocked, then runs `use` on it. Blocked addresses are passed to `use`.
   */
  withPage<T>(html: string, use: (page: Page, blocked: readonly string[]) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface BrowserLaunchOptions {
  executablePath: string;
  /** Seconds the browser may take to start. */
  timeout: number;
  /** Chromium's sandbox needs kernel features a root user or a container often lacks. */
  sandbox: boolean;
}

/** What a person can do about each way a browser fails. */
export const BROWSER_HINTS = {
  exited: 'set CHROME_PATH to a working Chrome, Chromium or Edge, or unset it to use the bundled Chromium',
  timeout: 'raise --browser-timeout on a slow machine, or set CHROME_PATH to another browser',
};

/**
 * How a browser failed, read from Puppeteer's message, for briefdeck's own session and for
 * marp-cli's exports alike: it exited as it started (with its exit code), or it did not answer in time.
 */
export function classifyBrowserFailure(cause: unknown): { kind: 'exited'; exitCode?: string } | { kind: 'timeout' } | undefined {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/Failed to launch the browser process/i.test(message)) return { kind: 'exited', exitCode: /Code:\s*(\d+)/.exec(message)?.[1] };
  if (/timed? ?out/i.test(message)) return { kind: 'timeout' };
  return undefined;
}

/** Starts the browser, or fails with one line saying what to do. */
export async function openBrowserSession(options: BrowserLaunchOptions): Promise<BrowserSession> {
  const { default: puppeteer } = await import('puppeteer-core');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      timeout: options.timeout * 1000,
      protocolTimeout: Math.max(options.timeout * 1000, 60_000),
      args: ['--disable-component-update', '--disable-background-networking', '--test-type', ...(options.sandbox ? [] : ['--no-sandbox'])],
    });
  } catch (cause) {
    const failure = classifyBrowserFailure(cause);
    const where = { file: options.executablePath };
    if (failure?.kind === 'timeout') {
      throw new BriefError('browser', `the browser did not start within ${options.timeout} s`, where, BROWSER_HINTS.timeout, { cause });
    }
    const sandboxHint = options.sandbox ? '; where its sandbox cannot run (containers), set CHROME_NO_SANDBOX=1' : '';
    throw new BriefError('browser', `the browser did not start${failure?.exitCode ? ` (exit code ${failure.exitCode})` : ''}`, where, BROWSER_HINTS.exited + sandboxHint, { cause });
  }

  return {
    async withPage(html, use) {
      const page = await browser.newPage();
      const blocked: string[] = [];
      try {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          const url = request.url();
          if (url.startsWith('data:') || url === 'about:blank') return void request.continue();
          blocked.push(url);
          void request.abort('blockedbyclient');
        });
        await page.setContent(html, { waitUntil: 'load' });
        // Load every font face before anything is measured or printed: `fonts.ready` alone may
        // resolve before layout has asked for the faces a slide uses.
        await page.evaluate('Promise.all([...document.fonts].map((face) => face.load().catch(() => null))).then(() => document.fonts.ready).then(() => undefined)');
        return await use(page, blocked);
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
