import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { LONG_BRIEF, REAL_BRIEF, SECOND_BRIEF } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { launchBrowser, readPptx } from './helpers/outputs.ts';

// The shipped layouts, read from built decks laid out in the browser at 1280 × 720: the seed brief
// and two briefs of other shapes, in the two presented audiences.
const BRIEFS = [REAL_BRIEF, SECOND_BRIEF, LONG_BRIEF];
const DECKS = BRIEFS.flatMap((file) =>
  ['committee', 'executive'].map((audience) => [basename(file, '.md'), audience] as const),
);
let out: string;
let browser: Browser;

/** What each slide of a deck shows, as the browser laid it out. */
interface SlideReport {
  number: number;
  kind: string;
  /** The text scale the fit step set: 1 where the slide did not have to shrink. */
  fit: number;
  /** Body text smaller than 32 px, where any: the text and its size. */
  small: string[];
  /** How far down the room between heading and foot the content reaches, 0 to 1; its lines. */
  reach: number;
  lines: number;
  /** Cards of the pillars overview: their boxes. */
  cards: { top: number; left: number }[];
  /** Panels of pros against cons. */
  panels: { fill: string; height: number; sign: string; heading: string }[];
}

/** Runs in the page: a report of every slide. */
function reportSlides(): SlideReport[] {
  const sections = [...document.querySelectorAll<HTMLElement>('svg[data-marpit-svg] > foreignObject > section')].filter(
    (section) => (section.dataset.marpitAdvancedBackground ?? 'content') === 'content',
  );
  return sections.map((section, index) => {
    const style = getComputedStyle(section);
    const frame = section.getBoundingClientRect();
    const scale = frame.width / 1280;
    const kind = [...section.classList].find((name) => !/^(count|rows|columns)-/.test(name) && name !== 'cards') ?? '';
    const content = [...section.children].filter(
      (child) => !['HEADER', 'FOOTER'].includes(child.tagName),
    ) as HTMLElement[];
    const heading = content.find((child) => child.tagName === 'H2');
    // Body text: what the slide says, not its kicker, marking, source line or page number.
    const small: string[] = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      // A data table's cells are figures and short phrases, set at the theme's table size.
      if (!node.textContent?.trim() || element.closest('header, footer, blockquote, h1, h2, h3, td, th')) continue;
      if (section.classList.contains('pillar') && element.closest('section > p:first-of-type')) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 31.5) small.push(`${node.textContent.trim().slice(0, 30)} (${size.toFixed(1)} px)`);
    }
    const top = (heading?.getBoundingClientRect().bottom ?? frame.top + parseFloat(style.paddingTop) * scale) / 1;
    const foot = frame.bottom - parseFloat(style.paddingBottom) * scale;
    const body = content.filter((child) => child !== heading && child.tagName !== 'BLOCKQUOTE');
    const below = body.filter((child) => child.getBoundingClientRect().top >= top - 1);
    const bottom = Math.max(top, ...below.map((child) => child.getBoundingClientRect().bottom));
    const lines = below.reduce((sum, child) => {
      const lineHeight = parseFloat(getComputedStyle(child).lineHeight) * scale || 1;
      return sum + Math.round(child.getBoundingClientRect().height / lineHeight);
    }, 0);
    const cards = [...section.querySelectorAll('section.pillars-overview > ol > li')].map((card) => {
      const rect = card.getBoundingClientRect();
      return { top: Math.round(rect.top / scale), left: Math.round(rect.left / scale) };
    });
    const panels = [...section.querySelectorAll('section.pros-cons > h3')].map((h3) => {
      const list = h3.nextElementSibling as HTMLElement;
      const rect = list.getBoundingClientRect();
      return {
        fill: getComputedStyle(list).backgroundColor,
        height: Math.round((rect.bottom - h3.getBoundingClientRect().top) / scale),
        sign: list.tagName === 'UL' ? getComputedStyle(list).listStyleType : '',
        heading: h3.textContent?.trim() ?? '',
      };
    });
    return {
      number: index + 1,
      kind,
      fit: Number(style.getPropertyValue('--fit').trim() || 1),
      small,
      reach: (bottom - top) / (foot - top),
      lines,
      cards,
      panels,
    };
  });
}

async function report(slug: string, audience: string): Promise<SlideReport[]> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 720 });
    await page.goto(pathToFileURL(join(out, slug, `${audience}.html`)).href, { waitUntil: 'load' });
    await page.evaluate('globalThis.__name = (target) => target');
    return await page.evaluate(reportSlides);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'briefdeck-layout-'));
  const built = await runBriefdeck(
    ['build', ...BRIEFS, '--audience', 'committee,executive', '--format', 'html,pptx', '--out', out],
    'bundled',
  );
  expect(built.code, built.lines.join('\n')).toBe(0);
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe.each(DECKS)('the %s %s deck', (slug, audience) => {
  it('lays the pillars out side by side: one row of columns for up to five, two rows from six', async () => {
    const overviews = (await report(slug, audience)).filter((slide) => slide.kind === 'pillars-overview');
    expect(overviews.length).toBeGreaterThan(0);
    for (const { cards } of overviews) {
      const rows = new Set(cards.map((card) => card.top));
      expect(rows.size).toBe(cards.length <= 5 ? 1 : 2);
      // Within a row, each card stands to the right of the one before.
      for (const row of rows) {
        const lefts = cards.filter((card) => card.top === row).map((card) => card.left);
        expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
        expect(new Set(lefts).size).toBe(lefts.length);
      }
    }
  });

  it('sets pros against cons in two panels of one height, each its own tint and sign', async () => {
    const slides = (await report(slug, audience)).filter((slide) => slide.kind === 'pros-cons');
    expect(slides.length).toBeGreaterThan(0);
    for (const { panels } of slides) {
      expect(panels).toHaveLength(2);
      const [pros, cons] = panels as [SlideReport['panels'][number], SlideReport['panels'][number]];
      expect(pros.fill).not.toBe(cons.fill);
      expect(Math.abs(pros.height - cons.height)).toBeLessThanOrEqual(2);
      // A sign that is not colour: "+" against "−", as text markers a screen reader reads.
      if (pros.sign) expect(pros.sign).toContain('+');
      if (cons.sign) expect(cons.sign).toContain('−');
    }
  });

  it('sets body text at 32 px or more on every slide the fit step did not shrink', async () => {
    const slides = await report(slug, audience);
    const small = slides
      .filter((slide) => slide.fit === 1 && !['title', 'sources'].includes(slide.kind))
      .flatMap((slide) => slide.small.map((text) => `slide ${slide.number} (${slide.kind}): ${text}`));
    expect(small).toEqual([]);
  });

  it('uses the height of every slide: no content ends above 55 % of the room between heading and foot', async () => {
    const slides = await report(slug, audience);
    const huddled = slides
      .filter((slide) => !['title', 'sources'].includes(slide.kind) && slide.lines > 2 && slide.reach < 0.55)
      .map((slide) => `slide ${slide.number} (${slide.kind}) reaches ${Math.round(slide.reach * 100)} %`);
    expect(huddled).toEqual([]);
  });
});

describe.each(DECKS)('the %s %s PowerPoint file', (slug, audience) => {
  const slides = () => readPptx(join(out, slug, `${audience}.pptx`)).slideParts;
  const inside = (inner: { x: number; y: number }, outer: { x: number; y: number; width: number; height: number }) =>
    inner.x >= outer.x && inner.x < outer.x + outer.width && inner.y >= outer.y && inner.y < outer.y + outer.height;

  it('draws the pillars as cards side by side, native shapes each holding its pillar as text', () => {
    const overview = slides().find(
      (slide) => slide.title === 'The pillars at a glance' || slide.text.startsWith('The pillars at a glance'),
    )!;
    expect(overview).toBeDefined();
    // Cards: filled shapes without text, as tall as a column; each with a text box inside it.
    const cards = overview.shapes.filter((shape) => shape.fill && !shape.text && shape.height > 1_000_000);
    expect(cards.length).toBeGreaterThanOrEqual(3);
    const rows = new Set(cards.map((card) => card.y));
    expect(rows.size).toBeLessThanOrEqual(2);
    for (const card of cards) expect(overview.shapes.some((shape) => shape.text && inside(shape, card))).toBe(true);
  });

  it('draws pros against cons as two panels of different fills, their items marked + and −', () => {
    const comparison = slides().find((slide) => slide.text.includes('Pros and cons at a glance'))!;
    expect(comparison).toBeDefined();
    const panels = comparison.shapes.filter((shape) => shape.fill && !shape.text && shape.height > 1_000_000);
    expect(panels.length).toBeGreaterThanOrEqual(2);
    const [left, right] = [...panels].sort((a, b) => a.x - b.x);
    expect(left!.fill).not.toBe(right!.fill);
    const bullets = comparison.shapes.flatMap((shape) => shape.bullets);
    expect(bullets).toContain('+');
    expect(bullets).toContain('−');
    // Read panel by panel: the pros' heading and items, then the cons' heading and items.
    const order = comparison.shapes.filter((shape) => shape.text).map((shape) => shape.bullets[0] ?? shape.text);
    const at = (text: string) => order.indexOf(text);
    expect(at('Pros')).toBeGreaterThan(-1);
    expect([at('Pros'), at('+'), at('Cons'), at('−')]).toEqual(
      [...[at('Pros'), at('+'), at('Cons'), at('−')]].sort((a, b) => a - b),
    );
    expect(at('+')).toBeLessThan(at('Cons'));
  });
});

describe('the decks in the browser', () => {
  it('meet WCAG 2.1 AA by axe-core', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [slug, audience] of DECKS.slice(0, 2)) {
      const page = await browser.newPage();
      try {
        await page.goto(pathToFileURL(join(out, slug, `${audience}.html`)).href, { waitUntil: 'load' });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run: (options: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
            }
          ).axe;
          const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
          return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
        });
        expect(violations, `${slug} ${audience}`).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });
});
