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
    const message = cause instanceof Error ? cause.message : String(cause);
    const where = { file: options.executablePath };
    if (/timed out/i.test(message)) {
      throw new BriefError('browser', `the browser did not start within ${options.timeout} s`, where, 'raise --browser-timeout on a slow machine, or set CHROME_PATH to another browser', { cause });
    }
    const exit = /Code:\s*(\d+)/.exec(message);
    const sandboxHint = options.sandbox ? '; where its sandbox cannot run (containers), set CHROME_NO_SANDBOX=1' : '';
    throw new BriefError('browser', `the browser did not start${exit ? ` (exit code ${exit[1]})` : ''}`, where, `set CHROME_PATH to a working Chrome, Chromium or Edge, or unset it to use the bundled Chromium${sandboxHint}`, { cause });
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
