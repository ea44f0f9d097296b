import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { E2E_BROWSER } from './helpers/browsers.ts';
import { ROOT } from './helpers/briefs.ts';
import { buildInto } from './helpers/cli.ts';
import { validatorErrors } from './helpers/ooxml.ts';
import { launchBrowser, readPptx } from './helpers/outputs.ts';
import { strFromU8, unzipSync } from 'fflate';

// An Arabic brief: its slides run right to left in the HTML (and so the PDF) and in PowerPoint.
const BRIEF = join(ROOT, 'tests', 'fixtures', 'rtl', 'water-sharing-ar.md');
const SLUG = 'water-sharing-ar';
let out: string;
let browser: Browser;

beforeAll(async () => {
  out = await buildInto(
    'rtl',
    [relative(ROOT, BRIEF), '--audience', 'committee', '--format', 'html,pptx'],
    E2E_BROWSER,
  );
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('a right-to-left brief', () => {
  it('runs every slide right to left: headings at the right, bullets on the right, pros to the right of cons', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, SLUG, 'committee.html')).href, { waitUntil: 'load' });
    const facts = await page.evaluate(() => {
      const sections = [...document.querySelectorAll<HTMLElement>('svg[data-marpit-svg] > foreignObject > section')];
      const list = document.querySelector('section ul')!;
      const heading = document.querySelector('section.context h2')!;
      const section = heading.closest('section')!;
      const text = document.createRange();
      text.selectNodeContents(heading);
      const [pros, cons] = ['.pros-cons h3:nth-of-type(1)', '.pros-cons h3:nth-of-type(2)'].map(
        (selector) => document.querySelector(selector)!.getBoundingClientRect().left,
      );
      return {
        directions: [...new Set(sections.map((slide) => getComputedStyle(slide).direction))],
        listPadding: [getComputedStyle(list).paddingLeft, getComputedStyle(list).paddingRight],
        headingGapRight: section.getBoundingClientRect().right - text.getBoundingClientRect().right,
        headingGapLeft: text.getBoundingClientRect().left - section.getBoundingClientRect().left,
        prosRightOfCons: pros! > cons!,
      };
    });
    await page.close();
    expect(facts.directions).toEqual(['rtl']);
    expect(facts.listPadding[0]).toBe('0px');
    expect(Number.parseFloat(facts.listPadding[1]!)).toBeGreaterThan(0);
    expect(facts.headingGapRight).toBeLessThan(facts.headingGapLeft);
    expect(facts.prosRightOfCons).toBe(true);
  });

  it('writes PowerPoint paragraphs right to left, right aligned, with complex-script fonts, the slide number on the left', async () => {
    const file = join(out, SLUG, 'committee.pptx');
    expect(await validatorErrors(file)).toEqual([]);
    const zip = unzipSync(new Uint8Array(readFileSync(file)));
    const slide = strFromU8(zip['ppt/slides/slide3.xml']!);
    const paragraphs = slide.match(/<a:pPr\b[^>]*>/g) ?? [];
    const rtl = paragraphs.filter((paragraph) => /\brtl="1"/.test(paragraph));
    expect(rtl.length).toBeGreaterThan(2);
    expect(rtl.every((paragraph) => /algn="(r|ctr)"/.test(paragraph))).toBe(true);
    expect(slide).toMatch(/<a:cs typeface="[^"]+"\/>/);
    const { slideParts, slideSize } = readPptx(file);
    const number = slideParts[2]!.shapes.find((shape) => /^\d+$/.test(shape.text) || shape.text === '‹#›');
    expect(number).toBeDefined();
    expect(number!.x).toBeLessThan(slideSize.width / 2);
  });
});
