import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import type { Browser } from 'puppeteer-core';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { scriptCharacters, scriptFontCss, scriptTypefaces } from '../scripts/deck/script-fonts.ts';
import { E2E_BROWSER } from './helpers/browsers.ts';
import { ROOT, TEMPLATES } from './helpers/briefs.ts';
import { buildInto } from './helpers/cli.ts';
import { buildWithLatinFontsOnly, canIsolate } from './helpers/latin-fonts-only.ts';
import { validatorErrors } from './helpers/ooxml.ts';
import { popplerAvailable } from './helpers/poppler.ts';
import { decodeXml, launchBrowser, readPdf } from './helpers/outputs.ts';

// Briefs in Arabic, Hebrew, Chinese and Japanese, written for the tests: every glyph drawn in the
// fonts briefdeck ships (none of the machine's), right to left where the language is, labels in
// the brief's language, and PDFs whose fonts are real embedded TrueType with the brief's text.
const BRIEFS = [
  { lang: 'ar', slug: 'water-sharing-ar', file: 'tests/fixtures/rtl/water-sharing-ar.md', family: 'Noto Sans Arabic' },
  {
    lang: 'he',
    slug: 'coastal-defence-he',
    file: 'tests/fixtures/scripts/coastal-defence-he.md',
    family: 'Noto Sans Hebrew',
  },
  { lang: 'zh-CN', slug: 'grid-storage-zh', file: 'tests/fixtures/scripts/grid-storage-zh.md', family: 'Noto Sans SC' },
  { lang: 'ja', slug: 'elderly-care-ja', file: 'tests/fixtures/scripts/elderly-care-ja.md', family: 'Noto Sans JP' },
] as const;
const ENGLISH = 'content/ukraine-security-guarantees.md';
// The name a browser reports is the file's own: Google's cut of these fonts calls itself "… Thin".
const SHIPPED_FONT = /^(Noto Sans (Arabic|Hebrew|SC|TC|JP|KR)|Source Sans 3)\b/;

/** Each font of a PDF as poppler's pdffonts lists it: name, type, embedded. */
function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  // Columns: name, type (one or two words), encoding, emb, sub, uni, object ID.
  return lines.map((line) => {
    const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim())!;
    return { name: match[1]!.replace(/^[A-Z]{6}\+/, ''), type: match[2]!, embedded: match[4] === 'yes' };
  });
}

/** PowerPoint's slot for a family: complex script for Arabic and Hebrew, East Asian for the rest. */
const slot = (family: string): 'ea' | 'cs' =>
  family === 'Noto Sans Arabic' || family === 'Noto Sans Hebrew' ? 'cs' : 'ea';

/**
 * A text as a reader compares it: without spaces, line breaks and bidi controls, and without the
 * punctuation an extractor may put on either side of a number at the end of a right-to-left line.
 */
const bare = (text: string) => text.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069.,;:!?()"]/g, '');

let out: string;
let isolated: boolean;
let english: string;
let browser: Browser;

beforeAll(async () => {
  ({ out, isolated } = await buildWithLatinFontsOnly(
    'scripts',
    [...BRIEFS.map((brief) => brief.file), '--audience', 'committee', '--format', 'html,pdf,pptx,handout'],
    E2E_BROWSER,
  ));
  english = await buildInto('latin', [ENGLISH, '--audience', 'executive', '--format', 'html'], E2E_BROWSER);
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const folder of [out, english]) if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the build machine', () => {
  it('had no system font for these scripts: the briefs were built where the fonts cover Latin only', () => {
    // Wherever the namespace can be made (as root on Linux: CI), it is; elsewhere the fonts the outputs use prove it.
    expect(isolated).toBe(canIsolate());
    if (process.env.CI) expect(isolated).toBe(true);
  });
});

describe('script fonts chosen by the text', () => {
  it('adds nothing for Latin, Greek and Cyrillic text', () => {
    expect(scriptFontCss('Security guarantees · Ελλάδα · Україна', 'en')).toBe('');
  });

  it('picks the pieces of one family a Chinese text needs, and the variant its language asks for', () => {
    const simplified = scriptFontCss('电网储能', 'zh-CN');
    expect(simplified).toContain('font-family:"Noto Sans SC"');
    expect(simplified).not.toContain('Noto Sans TC');
    // A few characters fall in a few of the ~100 pieces, in regular and bold.
    expect((simplified.match(/@font-face/g) ?? []).length).toBeLessThanOrEqual(8);
    expect(scriptFontCss('電網儲能', 'zh-TW')).toContain('--script-fonts:"Noto Sans TC"');
    expect(scriptFontCss('電網', 'ja')).toContain('--script-fonts:"Noto Sans JP"');
  });

  it('names the East Asian and complex-script typefaces PowerPoint draws a run in', () => {
    expect(scriptTypefaces('Water-for-Energy تقاسم', 'ar')).toEqual({ cs: 'Noto Sans Arabic' });
    expect(scriptTypefaces('2030年', 'zh-CN')).toEqual({ ea: 'Noto Sans SC' });
    expect(scriptTypefaces('Outlook', 'en')).toEqual({});
  });
});

describe.each(BRIEFS)('a brief in $lang', ({ lang, slug, family, file }) => {
  const brief = () => parse(readFileSync(join(ROOT, file), 'utf8').split('---')[1]!) as Record<string, string>;

  it('draws every slide’s text in shipped fonts, none of the machine’s, in the HTML deck', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, slug, 'committee.html')).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: 'section :is(h1, h2, h3, p, li, td, th, footer, header)',
    });
    const used = new Map<string, boolean>();
    for (const nodeId of nodeIds)
      for (const font of (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts)
        used.set(font.familyName, font.isCustomFont);
    const direction = await page.evaluate(() => document.documentElement.dir);
    await page.close();
    expect(nodeIds.length).toBeGreaterThan(20);
    expect([...used.keys()].some((name) => name.startsWith(family))).toBe(true);
    for (const [name, custom] of used) {
      expect(custom, `${name} is a system font`).toBe(true);
      expect(name).toMatch(SHIPPED_FONT);
    }
    expect(direction).toBe(lang === 'ar' || lang === 'he' ? 'rtl' : '');
  });

  it.runIf(popplerAvailable())(
    'embeds real TrueType fonts, no Type 3, in the PDF and the handout, and its text is the brief’s',
    async () => {
      for (const pdf of ['committee.pdf', 'committee-handout.pdf']) {
        const fonts = pdfFonts(join(out, slug, pdf));
        expect(fonts.length).toBeGreaterThan(2);
        for (const font of fonts) {
          expect(font.type, `${pdf}: ${font.name}`).toBe('CID TrueType');
          expect(font.embedded).toBe(true);
          expect(font.name, pdf).toMatch(/^(NotoSans(Arabic|Hebrew|SC|JP)|SourceSans3)/);
        }
        expect(fonts.some((font) => font.name.startsWith(family.replace(/ /g, '')))).toBe(true);
      }
      // poppler puts right-to-left text back in reading order, as copy and paste does.
      const text = bare(execFileSync('pdftotext', [join(out, slug, 'committee.pdf'), '-'], { encoding: 'utf8' }));
      const { title, summary } = brief();
      expect(text).toContain(bare(title!));
      expect(text).toContain(bare(summary!));
    },
  );

  it('shows no English label on its slides or its handout', async () => {
    const { pages } = await readPdf(join(out, slug, 'committee.pdf'));
    const english = parse(readFileSync(join(TEMPLATES, 'labels', 'en.yaml'), 'utf8')) as Record<string, string>;
    const headings = ['bottomLine', 'context', 'pillarsOverview', 'prosAndCons', 'takeaways', 'actions', 'sources'];
    const text = pages.join('\n');
    for (const key of headings) expect(text, key).not.toContain(english[key]);
    expect(text).not.toMatch(/Committee|briefing|Pillar \d/);
    // The handout's own headings too.
    const handout = (await readPdf(join(out, slug, 'committee-handout.pdf'))).pages.join('\n');
    expect(handout).not.toMatch(/Slide \d|Notes|Committee|briefing/);
  });

  it('sets the script font in every PowerPoint run that needs it, right to left where the language is', async () => {
    const pptx = join(out, slug, 'committee.pptx');
    expect(await validatorErrors(pptx)).toEqual([]);
    const zip = unzipSync(new Uint8Array(readFileSync(pptx)));
    const slide = strFromU8(zip['ppt/slides/slide2.xml']!);
    expect(slide).toContain(`<a:${slot(family)} typeface="${family}"/>`);
    const paragraphs = slide.match(/<a:pPr\b[^>]*>/g) ?? [];
    expect(paragraphs.some((paragraph) => /\brtl="1"/.test(paragraph))).toBe(slot(family) === 'cs');
  });

  it('embeds the script font in the PowerPoint file, named as its runs ask, with every character of the slides', () => {
    const zip = unzipSync(new Uint8Array(readFileSync(join(out, slug, 'committee.pptx'))));
    const presentation = strFromU8(zip['ppt/presentation.xml']!);
    const rels = strFromU8(zip['ppt/_rels/presentation.xml.rels']!);
    const entry = new RegExp(`<p:embeddedFont><p:font typeface="${family}"[^>]*/>(.*?)</p:embeddedFont>`).exec(
      presentation,
    );
    expect(entry, `${family} is embedded`).toBeTruthy();
    // Regular and bold each keep the characters of the runs set in them.
    const faces = [...entry![1]!.matchAll(/<p:(regular|bold) r:id="(rId\d+)"\/>/g)].map(([, , id]) => {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
      return fontkit.create(Buffer.from(zip[`ppt/${target}`]!)) as fontkit.Font;
    });
    expect(faces.length).toBeGreaterThan(0);
    for (const font of faces) expect(font.familyName).toBe(family);
    const slides = Object.keys(zip).filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part));
    const text = slides.map((part) => decodeXml(strFromU8(zip[part]!).replace(/<[^>]+>/g, ''))).join('');
    const needed = [...new Set(scriptCharacters(text))].filter(
      (code) => scriptTypefaces(String.fromCodePoint(code), lang)[slot(family)] === family,
    );
    expect(needed.length).toBeGreaterThan(10);
    const missing = needed.filter((code) => !faces.some((font) => font.hasGlyphForCodePoint(code)));
    expect(missing.map((code) => String.fromCodePoint(code))).toEqual([]);
  });
});

describe('an English deck', () => {
  it('carries no font data for scripts it does not use', () => {
    const html = readFileSync(join(english, 'ukraine-security-guarantees', 'executive.html'), 'utf8');
    expect(html).toMatch(/font-family: ?["']Source Sans 3["']/);
    expect(html).not.toMatch(/Noto Sans (Arabic|Hebrew|SC|TC|JP|KR)"[^}]*src:/);
  });
});
