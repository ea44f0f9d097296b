import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { E2E_BROWSER, findSystemBrowser, requireSystemBrowser } from './helpers/browsers.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { readBrief, REAL_BRIEF, ROOT, SECOND_BRIEF, SECOND_BRIEF_RESTRICTED } from './helpers/briefs.ts';
import { launchBrowser, readHtmlDeck, readPdf, readPptx } from './helpers/outputs.ts';
import { packageProblems, validatorErrors } from './helpers/ooxml.ts';

// These tests build real decks with the Chromium bundled in node_modules, even where a system
// browser exists, so every run proves that a fresh machine without a browser builds everything.
// BRIEFDECK_TEST_BROWSER=system runs them again with the machine's own Chrome or Chromium.
const usable = E2E_BROWSER === 'bundled' || (await requireSystemBrowser());
// The shipped audiences: house builds on the secretariat's PowerPoint template (templates/house/).
const AUDIENCES = ['committee', 'executive', 'house', 'public'];
const squash = (text: string) => text.replace(/\s+/g, '');

let out: string;
let stderr: string[];
let exitCode: number;
let browser: Browser;

beforeAll(async () => {
  if (!usable) return;
  out = mkdtempSync(join(tmpdir(), 'briefdeck-e2e-'));
  ({ code: exitCode, lines: stderr } = await runBriefdeck(
    ['build', relative(ROOT, REAL_BRIEF), relative(ROOT, SECOND_BRIEF), '--out', out],
    E2E_BROWSER,
  ));
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.runIf(usable)(`briefdeck build with the ${E2E_BROWSER} browser`, () => {
  it('exits 0, says which browser it used, and leaves no work files behind', async () => {
    expect(stderr.join('\n')).toContain(
      E2E_BROWSER === 'bundled' ? 'using the bundled Chromium' : `using ${await findSystemBrowser()} (system)`,
    );
    expect(exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '.briefdeck',
      'black-sea-grain-corridor',
      'index.html',
      'ukraine-security-guarantees',
    ]);
  });

  it.each(['ukraine-security-guarantees', 'black-sea-grain-corridor'])(
    'writes every audience × md, html, pdf, pptx, handout and memo for %s',
    (slug) => {
      const expected = AUDIENCES.flatMap((audience) => [
        ...['md', 'html', 'pdf', 'pptx'].map((ext) => `${audience}.${ext}`),
        `${audience}-handout.pdf`,
        `${audience}-memo.docx`,
        `${audience}-memo.pdf`,
      ]).sort();
      expect(readdirSync(join(out, slug)).sort()).toEqual(expected);
    },
  );

  it('writes PowerPoint files that pass the Open XML SDK validator and the package rules', async () => {
    const files = ['ukraine-security-guarantees', 'black-sea-grain-corridor'].flatMap((slug) =>
      AUDIENCES.map((audience) => join(out, slug, `${audience}.pptx`)),
    );
    for (const file of files) {
      expect(await validatorErrors(file), file).toEqual([]);
      expect(packageProblems(new Uint8Array(readFileSync(file))), file).toEqual([]);
    }
  }, 120_000);

  it('puts every pillar, pro and con title of the real brief into the committee PDF text', async () => {
    const { brief } = readBrief(REAL_BRIEF);
    const text = squash((await readPdf(join(out, 'ukraine-security-guarantees', 'committee.pdf'))).pages.join(' '));
    const titles = [...brief.pillars, ...(brief.pros ?? []), ...(brief.cons ?? [])].map((item) => item.title);
    expect(titles).toHaveLength(17);
    for (const title of titles) expect(text).toContain(squash(title));
  });

  it('keeps every item restricted to other audiences out of the public deck in every format', async () => {
    const dir = join(out, 'black-sea-grain-corridor');
    const pdf = (await readPdf(join(dir, 'public.pdf'))).pages.join(' ');
    const markdown = readFileSync(join(dir, 'public.md'), 'utf8');
    const pptx = readPptx(join(dir, 'public.pptx'));
    for (const restricted of SECOND_BRIEF_RESTRICTED) {
      expect(squash(pdf)).not.toContain(squash(restricted));
      expect(markdown).not.toContain(restricted.replace(/[-.]/g, (c) => `\\${c}`));
    }
    expect(squash(pdf)).toContain(squash('Naval de-mining'));
    expect(pptx.notes.every((note) => note === '')).toBe(true);
  });

  it('renders Cyrillic and Greek text into the PDF as real text', async () => {
    const text = squash((await readPdf(join(out, 'black-sea-grain-corridor', 'committee.pdf'))).pages.join(' '));
    expect(text).toContain(squash('Одеса, Чорноморськ і Південний'.replace(' і ', ', ')));
    expect(text).toContain(squash('ελληνόκτητα πλοία'));
  });

  it('keeps the executive deck to at most seven slides', async () => {
    for (const slug of ['ukraine-security-guarantees', 'black-sea-grain-corridor']) {
      expect((await readPdf(join(out, slug, 'executive.pdf'))).pages.length).toBeLessThanOrEqual(7);
    }
  });

  it.each(AUDIENCES)(
    'gives the %s deck the same slide count in PDF pages, PPTX slides and HTML slides',
    async (audience) => {
      for (const slug of ['ukraine-security-guarantees', 'black-sea-grain-corridor']) {
        const dir = join(out, slug);
        const pdf = await readPdf(join(dir, `${audience}.pdf`));
        const pptx = readPptx(join(dir, `${audience}.pptx`));
        const html = await readHtmlDeck(browser, join(dir, `${audience}.html`));
        expect(pdf.pages.length).toBeGreaterThan(2);
        expect(pptx.slides).toBe(pdf.pages.length);
        expect(html.slides).toBe(pdf.pages.length);
      }
    },
  );

  it('carries presenter notes into the committee PPTX and HTML, and none into the public ones', async () => {
    const dir = join(out, 'ukraine-security-guarantees');
    const committee = readPptx(join(dir, 'committee.pptx'));
    expect(committee.notes.join(' ')).toContain('beyond immediate battlefield needs');
    expect((await readHtmlDeck(browser, join(dir, 'committee.html'))).notes).toBeGreaterThan(0);
    expect((await readHtmlDeck(browser, join(dir, 'public.html'))).notes).toBe(0);
  });

  it('opens the HTML deck with its language and title and makes no network request', async () => {
    const html = await readHtmlDeck(browser, join(out, 'black-sea-grain-corridor', 'committee.html'));
    expect(html.lang).toBe('en-GB');
    expect(html.title).toBe('Keeping the Black Sea Grain Corridor Open');
    expect(html.externalRequests).toEqual([]);
  });

  it('shows slide numbers as n / N and the marking on every PDF page', async () => {
    const { pages } = await readPdf(join(out, 'ukraine-security-guarantees', 'committee.pdf'));
    pages.forEach((page, index) => {
      expect(squash(page)).toContain(squash(`${index + 1} / ${pages.length}`));
      expect(page.match(/UNCLASSIFIED \/\/ FOR COMMITTEE USE/g)?.length).toBe(2);
    });
  });

  it('writes the PDF document title from the brief', async () => {
    const { info } = await readPdf(join(out, 'black-sea-grain-corridor', 'committee.pdf'));
    expect(info.Title).toBe('Keeping the Black Sea Grain Corridor Open');
  });
});

describe.runIf(usable)('briefdeck build with a broken brief among good ones', () => {
  it('builds the good brief, writes nothing for the broken one, and exits 1 without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-mixed-'));
    try {
      const { code, lines } = await runBriefdeck(
        [
          'build',
          'tests/fixtures/invalid/undefined-source.md',
          relative(ROOT, SECOND_BRIEF),
          '--out',
          dir,
          '--format',
          'html',
        ],
        E2E_BROWSER,
      );
      expect(code).toBe(1);
      expect(existsSync(join(dir, 'undefined-source'))).toBe(false);
      expect(readdirSync(join(dir, 'black-sea-grain-corridor'))).toHaveLength(AUDIENCES.length * 2);
      expect(lines.join('\n')).toContain(
        'tests/fixtures/invalid/undefined-source.md:8:20: pillars[0].sources[1]: cites source "eu"',
      );
      expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(usable)('the briefing book after a build of several briefs', () => {
  async function openBook() {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href, { waitUntil: 'load' });
    return page;
  }

  it('links every output of every audience of every brief, each link to a file that is there', async () => {
    const page = await openBook();
    try {
      const links = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')!),
      );
      const expected = ['ukraine-security-guarantees', 'black-sea-grain-corridor'].flatMap((slug) =>
        AUDIENCES.flatMap((audience) =>
          ['.html', '.pdf', '.pptx', '-handout.pdf'].map((ending) => `${slug}/${audience}${ending}`),
        ),
      );
      for (const link of expected) expect(links).toContain(link);
      for (const link of links.filter((href) => !href.startsWith('#')))
        expect(existsSync(join(out, link)), link).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('shows each brief with its title, date, marking and presenter, and each deck with its slide count and title slide', async () => {
    const page = await openBook();
    try {
      const book = await page.evaluate(() => ({
        text: document.body.textContent ?? '',
        images: [...document.querySelectorAll('img')].map((image) => ({
          alt: image.alt,
          src: image.src.slice(0, 23),
          width: image.naturalWidth,
        })),
      }));
      expect(book.text).toContain('Keeping the Black Sea Grain Corridor Open');
      expect(book.text).toContain('2026-03-02');
      expect(book.text).toContain('UNCLASSIFIED // FOR COMMITTEE USE');
      expect(book.text).toContain('Dr. Elena Papadopoulou');
      const slides = (await readPdf(join(out, 'ukraine-security-guarantees', 'committee.pdf'))).pages.length;
      expect(book.text).toContain(`${slides} slides`);
      expect(book.images).toHaveLength(2 * AUDIENCES.length);
      for (const image of book.images) {
        expect(image.alt).toMatch(/^Title slide of the (Committee|Executive|House|Public) deck: /);
        expect(image.src).toBe('data:image/jpeg;base64,');
        expect(image.width).toBe(320);
      }
    } finally {
      await page.close();
    }
  });

  it('meets WCAG 2.1 AA by axe-core, in the browser', async () => {
    const page = await openBook();
    try {
      await page.addScriptTag({
        content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
      });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run: (options: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
          }
        ).axe;
        const result = await axe.run({
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
      });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
