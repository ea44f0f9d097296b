import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { createDeckRenderer } from '../scripts/deck/marp-html.ts';
import { planDeck } from '../scripts/deck/plan.ts';
import { renderDeck } from '../scripts/deck/render.ts';
import { inlineThemeCss, loadTemplateSet, readThemeName, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { profile, readBrief, REAL_BRIEF, TEMPLATES } from './helpers/briefs.ts';
import { launchBrowser } from './helpers/outputs.ts';

// Every shipped theme, laid out in the browser with a deck that uses every slide kind; each piece
// of text is checked against the background actually behind it, as WCAG 2.x defines contrast.
const THEME_DIR = join(TEMPLATES, 'themes');
const themes = readdirSync(THEME_DIR)
  .filter((name) => name.endsWith('.css'))
  .map((name) => {
    const css = inlineThemeCss(readFileSync(join(THEME_DIR, name), 'utf8'), join(THEME_DIR, name));
    return { name: readThemeName(css)!, css };
  });

const TABLE_SLIDE =
  '## Aid by donor\n\n| Donor | Pledged |\n| :-- | --: |\n| United States | 64.1 |\n| Germany | 17.7 |';

function committeeMarkdown(): string {
  const { brief, loaded } = readBrief(REAL_BRIEF);
  const committee = profile('committee');
  const set = loadTemplateSet(TEMPLATES, committee);
  return renderDeck(
    // A table slide too, so the header row's text is checked against its fill.
    planDeck(brief, committee, { slug: 'x', body: `${loaded.body}\n\n---\n\n${TABLE_SLIDE}`, file: REAL_BRIEF }),
    renderTemplatesFor(set, 'en'),
  );
}

interface TextContrast {
  slide: number;
  text: string;
  ratio: number;
  large: boolean;
}

/** Runs in the page: the contrast of every text node against the nearest opaque background behind it. */
function measureContrast(): TextContrast[] {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const parse = (color: string): number[] => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  const opaque = (element: Element) => {
    const [r = 0, g = 0, b = 0, a = 1] = parse(getComputedStyle(element).backgroundColor);
    return a > 0 ? [r, g, b] : undefined;
  };
  // What is painted behind a point: the topmost element there with an opaque fill, which may be a
  // sibling the text is laid over (the title slide's band behind its marking), not an ancestor.
  const background = (element: Element, point?: { x: number; y: number }): number[] => {
    const stack = point ? document.elementsFromPoint(point.x, point.y) : [];
    for (const candidate of stack.length > 0 ? stack : []) {
      const fill = opaque(candidate);
      if (fill) return fill;
    }
    for (let current: Element | null = element; current; current = current.parentElement) {
      const fill = opaque(current);
      if (fill) return fill;
    }
    return [255, 255, 255];
  };
  const centre = (rect: DOMRect | undefined) =>
    rect && rect.width > 0 ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : undefined;
  const ratio = (fore: number, back: number) => (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
  const isLarge = (style: CSSStyleDeclaration) => {
    const size = parseFloat(style.fontSize);
    return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
  };
  const results: TextContrast[] = [];
  document.querySelectorAll('div.marpit > svg > foreignObject > section').forEach((section, index) => {
    section.scrollIntoView();
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement!;
      if (!node.textContent?.trim()) continue;
      const style = getComputedStyle(element);
      const range = document.createRange();
      range.selectNodeContents(node);
      const back = luminance(background(element, centre(range.getClientRects()[0])));
      results.push({
        slide: index + 1,
        text: node.textContent.trim().slice(0, 40),
        ratio: ratio(luminance(parse(style.color)), back),
        large: isLarge(style),
      });
    }
    // List markers are signs too (numbers, "+" and "−"): each against what is behind its item's start.
    for (const item of section.querySelectorAll('li')) {
      const marker = getComputedStyle(item, '::marker');
      if (getComputedStyle(item).listStyleType === 'none') continue;
      const rect = item.getBoundingClientRect();
      const back = luminance(background(item, { x: rect.left + 4, y: rect.top + 4 }));
      results.push({
        slide: index + 1,
        text: `marker of "${(item.textContent ?? '').trim().slice(0, 30)}"`,
        ratio: ratio(luminance(parse(marker.color)), back),
        large: isLarge(marker),
      });
    }
    // The page number is generated content, not a text node: check it too.
    const after = getComputedStyle(section, '::after');
    const fore = luminance(parse(after.color));
    const back = luminance(background(section));
    results.push({
      slide: index + 1,
      text: 'page number',
      ratio: (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05),
      large: false,
    });
  });
  return results;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
});
afterAll(async () => browser?.close());

describe('theme contrast', () => {
  it('finds the shipped themes', () => {
    expect(themes.map((theme) => theme.name).sort()).toEqual(['briefdeck', 'briefdeck-public']);
  });

  it.each(themes.map((theme) => theme.name))(
    'meets WCAG AA in theme %s: 4.5:1 for body text, 3:1 for large text',
    async (name) => {
      const markdown = committeeMarkdown().replace(/^theme: .*$/m, `theme: "${name}"`);
      const page = await browser.newPage();
      try {
        await page.setContent(createDeckRenderer(themes)(markdown, 'en').page, { waitUntil: 'load' });
        await page.evaluate('globalThis.__name = (target) => target'); // tsx's helper, absent in the page
        const contrasts = await page.evaluate(measureContrast);
        expect(contrasts.length).toBeGreaterThan(100);
        expect(contrasts.some((entry) => entry.text.includes('Pledged'))).toBe(true);
        const failing = contrasts
          .filter((entry) => entry.ratio < (entry.large ? 3 : 4.5))
          .map((entry) => `slide ${entry.slide} "${entry.text}": ${entry.ratio.toFixed(2)}:1`);
        expect(failing).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
