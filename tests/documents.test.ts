import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { E2E_BROWSER } from './helpers/browsers.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { LONG_BRIEF, readBrief, REAL_BRIEF, ROOT } from './helpers/briefs.ts';
import { launchBrowser, readPdf, readPdfLayout, readPdfNavigation } from './helpers/outputs.ts';

// Decks built from the shipped brief and from a brief written to crowd every slide: a pillar of
// fourteen long points, a dozen takeaways, a pro whose detail is a paragraph, and an image.
const squash = (text: string) => text.replace(/\s+/g, '');
const PX = 0.75; // PDF points per CSS pixel

let out: string;
let browser: Browser;
const deck = (slug: string, name: string) => join(out, slug, name);
const LONG = 'critical-minerals-stockpile';
const REAL = 'ukraine-security-guarantees';

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'briefdeck-documents-'));
  const { code, lines } = await runBriefdeck(
    ['build', relative(ROOT, REAL_BRIEF), relative(ROOT, LONG_BRIEF), '--out', out],
    E2E_BROWSER,
  );
  expect(code, lines.join('\n')).toBe(0);
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
});

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('slides that fit', () => {
  it('puts every word of the fourteen long points, the dozen takeaways and the paragraph-long pro into the committee PDF', async () => {
    const { brief } = readBrief(LONG_BRIEF);
    const text = squash((await readPdf(deck(LONG, 'committee.pdf'))).pages.join(' '));
    const expected = [
      ...brief.pillars[0]!.points!.map((point) => point.text),
      ...brief.takeaways!.map((takeaway) => takeaway.title),
      brief.pros![0]!.detail!,
    ];
    expect(brief.pillars[0]!.points).toHaveLength(14);
    expect(brief.takeaways).toHaveLength(12);
    for (const words of expected) expect(text).toContain(squash(words));
  });

  it.each([REAL, LONG].flatMap((slug) => ['committee', 'executive', 'public'].map((audience) => [slug, audience])))(
    'keeps all text of %s (%s) inside the content area of every PDF page',
    async (slug, audience) => {
      const { brief } = readBrief(slug === REAL ? REAL_BRIEF : LONG_BRIEF);
      const marking = audience === 'public' ? 'PUBLIC RELEASE' : brief.marking;
      // The briefdeck themes' content area (house takes its template's): 72 px at the sides, 64 px at the top and the bottom, where the marking and page number sit.
      const pages = await readPdfLayout(deck(slug, `${audience}.pdf`));
      const strays = pages.flatMap((page, index) =>
        page.runs
          .filter((run) => run.text.trim() !== marking && !/^\d+ \/ \d+$/.test(run.text.trim()))
          .filter(
            (run) =>
              run.x + run.width > page.width - 72 * PX + 1 ||
              run.baseline < 64 * PX ||
              run.baseline + run.height * 0.75 > page.height - 64 * PX,
          )
          .map((run) => `page ${index + 1}: ${run.text}`),
      );
      expect(strays).toEqual([]);
    },
  );

  it('continues the long pillar on follow-up slides marked (cont.) instead of clipping it', async () => {
    const { pages } = await readPdf(deck(LONG, 'committee.pdf'));
    const continued = pages.filter((page) =>
      page.includes('Build the reserve in stages, starting with the scarcest inputs (cont.)'),
    );
    expect(continued.length).toBeGreaterThanOrEqual(1);
  });
});

describe('accessible PDFs', () => {
  it('tags the PDF and sets its language, title, subject and author from the brief', async () => {
    const pdf = await PDFDocument.load(readFileSync(deck(LONG, 'committee.pdf')), { updateMetadata: false });
    const markInfo = pdf.catalog.lookup(PDFName.of('MarkInfo'));
    expect(String(markInfo)).toContain('/Marked true');
    expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(String(pdf.catalog.lookup(PDFName.of('Lang')))).toBe('(en-GB)');
    expect(pdf.getTitle()).toBe('A Strategic Reserve for Critical Minerals');
    expect(pdf.getSubject()).toMatch(/^A pooled allied reserve of critical minerals/);
    expect(pdf.getAuthor()).toBe('Economic Security Staff, Joint Committee on Trade and Industry');
  });

  it('bookmarks every section by its heading and every slide beneath, and carries no presenter-note annotations', async () => {
    const { pages } = await readPdf(deck(REAL, 'committee.pdf'));
    const navigation = await readPdfNavigation(deck(REAL, 'committee.pdf'));
    expect(navigation.bookmarks.slice(0, 5)).toEqual([
      '1. The Tightrope Walk: Can US Security Guarantees Pave the Way to Peace in Ukraine?',
      '2. Bottom line',
      '3. Context & Background: A Geopolitical Chessboard',
      '5. The pillars at a glance',
      '6. Long-Term Military Aid and Modernization',
    ]);
    expect(navigation.bookmarks).toContain('13. Pros in detail');
    expect(new Set(navigation.bookmarkedPages)).toEqual(new Set(pages.map((_, index) => index + 1)));
    expect(navigation.annotations.flat().filter((type) => type === 'Text' || type === 'Popup')).toEqual([]);
    // The presenter notes exist in the brief, yet never reach the distributed PDF's text.
    expect(squash(pages.join(' '))).not.toContain(squash('This goes beyond immediate battlefield needs'));
  });
});

describe('handouts', () => {
  it('prints each committee slide with its presenter notes beneath it', async () => {
    const slides = (await readPdf(deck(REAL, 'committee.pdf'))).pages.length;
    const { pages } = await readPdf(deck(REAL, 'committee-handout.pdf'));
    for (let slide = 1; slide <= slides; slide++)
      expect(pages.some((page) => page.includes(`Slide ${slide} of ${slides}`))).toBe(true);
    const pillarPage = pages.find(
      (page) => page.includes('Long-Term Military Aid and Modernization') && page.includes('Presenter notes'),
    )!;
    expect(squash(pillarPage)).toContain(
      squash('This goes beyond immediate battlefield needs to long-term modernisation.'),
    );
    expect(squash(pillarPage).indexOf(squash('Presenter notes'))).toBeGreaterThan(
      squash(pillarPage).indexOf(squash('Long-Term Military Aid and Modernization')),
    );
  });

  it('gives the public handout no presenter notes, only room to write', async () => {
    const { pages } = await readPdf(deck(REAL, 'public-handout.pdf'));
    const text = squash(pages.join(' '));
    expect(text).not.toContain('Presenternotes');
    expect(text).not.toContain(squash('This goes beyond immediate battlefield needs'));
    expect(pages.every((page) => page.includes('Notes'))).toBe(true);
  });

  it('titles the handout PDF and sets its language', async () => {
    const pdf = await PDFDocument.load(readFileSync(deck(REAL, 'committee-handout.pdf')), { updateMetadata: false });
    expect(pdf.getTitle()).toBe('The Tightrope Walk: Can US Security Guarantees Pave the Way to Peace in Ukraine?');
    expect(String(pdf.catalog.lookup(PDFName.of('Lang')))).toBe('(en)');
  });
});

describe('accessible HTML', () => {
  it('orders headings without skipping a level and gives every image alt text, embedded in the file', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`file://${deck(LONG, 'committee.html')}`, { waitUntil: 'load' });
      const result = await page.evaluate(() => ({
        levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1])),
        images: [...document.querySelectorAll('img')].map((image) => ({ alt: image.alt, src: image.src.slice(0, 22) })),
        lang: document.documentElement.lang,
        title: document.title,
      }));
      expect(result.levels[0]).toBe(1);
      const jumps = result.levels.slice(1).filter((level, index) => level > result.levels[index]! + 1);
      expect(jumps).toEqual([]);
      expect(result.images).toEqual([
        {
          alt: 'Bar chart: one country refines 89 % of rare earths, the next three 6 %, 3 % and 2 %'.replace(
            / %/g,
            '\u00A0%',
          ),
          src: 'data:image/png;base64,',
        },
      ]);
      expect(result.lang).toBe('en-GB');
      expect(result.title).toBe('A Strategic Reserve for Critical Minerals');
    } finally {
      await page.close();
    }
  });
});
