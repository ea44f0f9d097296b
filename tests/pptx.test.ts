import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BROWSER, requireSystemBrowser } from './helpers/browsers.ts';
import { LONG_BRIEF, readBrief, REAL_BRIEF, ROOT, SECOND_BRIEF, TABLE_BRIEF } from './helpers/briefs.ts';
import { packageProblems, validatorErrors } from './helpers/ooxml.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { convertToPdf, libreOfficeAvailable, SOFFICE, textProblems } from './helpers/libreoffice.ts';
import { readPdf, readPdfLayout, readPptx } from './helpers/outputs.ts';

// Five briefs of different shapes (the seed; Cyrillic and Greek with audience restrictions; a
// pillar of fourteen long points with a chart; prose quoting HTML and CSS; an appendix table too
// long for one slide) built in every format
// in one run, then their PowerPoint files read as PowerPoint reads them, and rendered by
// LibreOffice Impress, an independent renderer that lacks the theme's fonts.
const TRACKERS_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'third-party-trackers.md');
const BRIEFS = [REAL_BRIEF, SECOND_BRIEF, LONG_BRIEF, TRACKERS_BRIEF, TABLE_BRIEF];
const AUDIENCES = ['committee', 'executive', 'public'];
const DECKS = BRIEFS.flatMap((file) => AUDIENCES.map((audience) => ({ file, slug: basename(file, '.md'), audience })));
const squash = (text: string) => text.replace(/\s+/g, '');
// 13.333 × 7.5 in, PowerPoint's widescreen slide, in EMU.
const SLIDE = { width: 12_192_000, height: 6_858_000 };

const usable = E2E_BROWSER === 'bundled' || (await requireSystemBrowser());
const soffice = SOFFICE;

let out: string;
let code: number;
let stderr: string;

beforeAll(async () => {
  if (!usable) return;
  out = mkdtempSync(join(tmpdir(), 'briefdeck-pptx-'));
  const result = await runBriefdeck(
    // briefdeck's own PowerPoint writer; decks on a template are tested in pptx-template.test.ts.
    ['build', ...BRIEFS.map((file) => relative(ROOT, file)), '--audience', AUDIENCES.join(','), '--out', out],
    E2E_BROWSER,
  );
  code = result.code;
  stderr = result.lines.join('\n');
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const pptxOf = (slug: string, audience: string) => readPptx(join(out, slug, `${audience}.pptx`));

describe.runIf(usable)(`native PowerPoint from a five-brief build with the ${E2E_BROWSER} browser`, () => {
  it('builds all five briefs in every format', () => {
    expect(code, stderr).toBe(0);
    for (const slug of BRIEFS.map((file) => basename(file, '.md'))) {
      expect(readdirSync(join(out, slug)).sort()).toEqual(
        AUDIENCES.flatMap((audience) =>
          ['md', 'html', 'pdf', 'pptx']
            .map((ext) => `${audience}.${ext}`)
            .concat(`${audience}-handout.pdf`, `${audience}-memo.docx`, `${audience}-memo.pdf`),
        ).sort(),
      );
    }
  });

  it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
    'gives %s (%s) a 16:9 slide for every PDF page, each with its heading in the title placeholder and a slide-number field',
    async (slug, audience) => {
      const pptx = pptxOf(slug, audience);
      const pdf = await readPdf(join(out, slug, `${audience}.pdf`));
      expect(pptx.slideSize).toEqual(SLIDE);
      expect(pptx.slides).toBe(pdf.pages.length);
      pptx.slideParts.forEach((slide, index) => {
        expect(slide.title, `slide ${index + 1} has a title`).toBeTruthy();
        // The title is the slide's own heading, as the PDF page shows it.
        expect(squash(pdf.pages[index]!), `slide ${index + 1}`).toContain(squash(slide.title!));
        expect(slide.titleType, `slide ${index + 1}`).toBe(index === 0 ? 'ctrTitle' : 'title');
        expect(slide.slideNumberField, `slide ${index + 1}`).toBe(true);
      });
    },
  );

  it.each(BRIEFS.map((file) => [basename(file, '.md'), file]))(
    'carries every pillar, pro and con of %s into the committee PowerPoint as editable text',
    (slug, file) => {
      const { brief } = readBrief(file);
      const text = squash(
        pptxOf(slug, 'committee')
          .slideParts.map((slide) => slide.text)
          .join(' '),
      );
      const visible = <T extends { audiences?: string[] }>(items: T[] = []) =>
        items.filter((item) => !item.audiences || item.audiences.includes('committee'));
      const expected = [
        ...visible(brief.pillars).flatMap((pillar) => [
          pillar.title,
          pillar.summary ?? '',
          ...visible(pillar.points).map((point) => point.text),
        ]),
        ...visible(brief.pros).flatMap((pro) => [pro.title, pro.detail ?? '']),
        ...visible(brief.cons).flatMap((con) => [con.title, con.detail ?? '']),
      ].filter(Boolean);
      expect(expected.length).toBeGreaterThan(8);
      for (const words of expected) expect(text).toContain(squash(words));
    },
  );

  it('puts presenter notes in the notes pane for audiences with notes, and none for the public', () => {
    const { brief } = readBrief(REAL_BRIEF);
    const committee = squash(pptxOf('ukraine-security-guarantees', 'committee').notes.join(' '));
    for (const notes of [brief.context?.notes, ...brief.pillars.map((pillar) => pillar.notes)].filter(
      (note): note is string => Boolean(note),
    ))
      expect(committee).toContain(squash(notes));
    for (const slug of BRIEFS.map((file) => basename(file, '.md')))
      expect(pptxOf(slug, 'public').notes.every((note) => note === '')).toBe(true);
  });

  it('shows text that quotes HTML and CSS addresses literally, in the PowerPoint as in the PDF', async () => {
    const quotes = [
      '<img src="https://ads.example/pixel.gif?page=benefits" width="1" height="1">',
      'background: url(https://ads.example/bg.png)',
      '@import url("https://fonts.example/css")',
    ];
    const pptx = squash(
      pptxOf('third-party-trackers', 'committee')
        .slideParts.map((slide) => slide.text)
        .join(' '),
    );
    const pdf = squash((await readPdf(join(out, 'third-party-trackers', 'committee.pdf'))).pages.join(' '));
    for (const quote of quotes) {
      expect(pptx).toContain(squash(quote));
      expect(pdf).toContain(squash(quote));
    }
  });

  it('embeds the chart as a picture with its alt text as description, and no picture covers a slide', () => {
    const pictures = DECKS.flatMap(({ slug, audience }) =>
      pptxOf(slug, audience).slideParts.flatMap((slide) => slide.pictures),
    );
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures.some((picture) => picture.description.startsWith('Bar chart: one country refines 89'))).toBe(true);
    for (const picture of pictures) {
      expect(picture.description).not.toBe('');
      expect(picture.width * picture.height).toBeLessThan(SLIDE.width * SLIDE.height * 0.9);
    }
  });
});

const partsOf = (slug: string, audience: string) =>
  unzipSync(new Uint8Array(readFileSync(join(out, slug, `${audience}.pptx`))));
const textOfPart = (zip: Record<string, Uint8Array>, name: string) => strFromU8(zip[name]!);
const slideNames = (zip: Record<string, Uint8Array>) =>
  Object.keys(zip)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
const shapesOf = (xml: string) => xml.match(/<p:(sp|pic|graphicFrame)>[\s\S]*?<\/p:\1>/g) ?? [];

describe.runIf(usable)(
  `PowerPoint files Office trusts, from the five-brief build with the ${E2E_BROWSER} browser`,
  () => {
    it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
      'gives %s (%s) zero errors from the Open XML SDK validator and the package rules',
      async (slug, audience) => {
        const file = join(out, slug, `${audience}.pptx`);
        expect(await validatorErrors(file)).toEqual([]);
        expect(packageProblems(new Uint8Array(readFileSync(file)))).toEqual([]);
      },
      60_000,
    );

    it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
      'embeds in %s (%s) each typeface its runs name, as a font of that family holding every character in that style',
      (slug, audience) => {
        const zip = partsOf(slug, audience);
        const presentation = textOfPart(zip, 'ppt/presentation.xml');
        const rels = textOfPart(zip, 'ppt/_rels/presentation.xml.rels');
        const used = new Map<string, Set<string>>();
        for (const name of slideNames(zip))
          for (const run of textOfPart(zip, name).matchAll(/<a:r><a:rPr\b([^>]*)>(.*?)<\/a:rPr><a:t>([^<]*)<\/a:t>/g)) {
            const typeface = /<a:latin typeface="([^"]+)"/.exec(run[2]!)?.[1];
            if (!typeface) continue;
            const style = `${/ b="1"/.test(run[1]!) ? 'b' : ''}${/ i="1"/.test(run[1]!) ? 'i' : ''}`;
            const key = `${typeface}|${style}`;
            const chars = used.get(key) ?? new Set<string>();
            used.set(key, chars);
            for (const char of run[3]!.replace(/&(amp|lt|gt|quot|apos);/g, '&')) chars.add(char);
          }
        expect(used.size).toBeGreaterThan(0);
        for (const [key, chars] of used) {
          const [typeface, style] = key.split('|') as [string, string];
          const entry = new RegExp(`<p:embeddedFont><p:font typeface="${typeface}"[^>]*/>(.*?)</p:embeddedFont>`).exec(
            presentation,
          );
          expect(entry, `${typeface} is embedded`).toBeTruthy();
          const slot = { '': 'regular', b: 'bold', i: 'italic', bi: 'boldItalic' }[style]!;
          const id = new RegExp(`<p:${slot} r:id="(rId\\d+)"/>`).exec(entry![1]!)?.[1];
          expect(id, `${typeface} ${slot} is embedded`).toBeTruthy();
          const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
          const font = fontkit.create(Buffer.from(zip[`ppt/${target}`]!)) as fontkit.Font;
          expect(font.familyName).toBe(typeface);
          const missing = [...chars].filter((char) => char.trim() && !font.hasGlyphForCodePoint(char.codePointAt(0)!));
          expect(missing, `${typeface} ${slot} lacks characters`).toEqual([]);
        }
      },
    );

    it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
      "builds %s (%s) on PowerPoint's placeholder structure, with no empty placeholder on a slide",
      (slug, audience) => {
        const zip = partsOf(slug, audience);
        const master = textOfPart(zip, 'ppt/slideMasters/slideMaster1.xml');
        for (const placeholder of [
          /<p:ph type="title"\/>/,
          /<p:ph type="body"[^>]*idx="1"/,
          /type="ftr"/,
          /type="sldNum"/,
        ])
          expect(master).toMatch(placeholder);
        slideNames(zip).forEach((name, index) => {
          const xml = textOfPart(zip, name);
          // A title placeholder without an idx has idx 0.
          expect(xml, name).toMatch(index === 0 ? /<p:ph type="ctrTitle"\/>/ : /<p:ph type="title"\/>/);
          for (const shape of shapesOf(xml).filter((shape) => /<p:ph\b/.test(shape)))
            expect(/<a:t>[^<]+<\/a:t>/.test(shape), `${name}: a placeholder with no text`).toBe(true);
          const layout = /Target="\.\.\/slideLayouts\/(slideLayout\d+\.xml)"/.exec(
            textOfPart(zip, `ppt/slides/_rels/${name.split('/').pop()}.rels`),
          )![1];
          expect(textOfPart(zip, `ppt/slideLayouts/_rels/${layout}.rels`)).toContain('slideMaster1.xml');
        });
      },
    );

    it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
      'flags every shape without text in %s (%s) as decorative and gives every run the brief language',
      (slug, audience) => {
        const zip = partsOf(slug, audience);
        const { brief } = readBrief(BRIEFS.find((file) => basename(file, '.md') === slug)!);
        let runs = 0;
        for (const name of slideNames(zip)) {
          const xml = textOfPart(zip, name);
          for (const shape of shapesOf(xml)) {
            const hasText = /<a:t>[^<]+<\/a:t>/.test(shape);
            const described = /<p:cNvPr [^>]*descr="[^"]+"/.test(shape);
            if (!hasText && !described) expect(shape, name).toContain('<adec:decorative xmlns:adec=');
          }
          for (const properties of xml.match(/<a:(?:rPr|endParaRPr)\b[^>]*>/g) ?? []) {
            runs++;
            expect(properties, name).toContain(` lang="${brief.lang}"`);
          }
        }
        expect(runs).toBeGreaterThan(20);
      },
    );

    it('writes the Markdown table as native tables with their header row marked and repeated on each slide', async () => {
      const zip = partsOf('strategic-reserve-drawdown', 'committee');
      const tables = slideNames(zip).flatMap((name) => textOfPart(zip, name).match(/<a:tbl>[\s\S]*?<\/a:tbl>/g) ?? []);
      expect(tables.length).toBeGreaterThan(1);
      const years = new Set<string>();
      for (const table of tables) {
        expect(table).toContain('<a:tblPr firstRow="1"');
        const rows = table.match(/<a:tr [\s\S]*?<\/a:tr>/g)!;
        expect(rows[0]).toContain('<a:t>Held at year end</a:t>');
        // Number columns follow the Markdown's right alignment.
        expect(rows[1]).toMatch(/<a:pPr [^>]*algn="r"[^>]*>.*?<a:t>\d+<\/a:t>/);
        for (const row of rows.slice(1)) years.add(/<a:t>(\d{4})<\/a:t>/.exec(row)![1]!);
      }
      expect([...years].sort()).toEqual(Array.from({ length: 17 }, (_, at) => String(2010 + at)));
      const pdf = await readPdf(join(out, 'strategic-reserve-drawdown', 'committee.pdf'));
      const tablePages = pdf.pages.filter((page) => page.includes('Held at year end'));
      expect(tablePages).toHaveLength(tables.length);
      expect(tablePages.at(-1)).toContain(`(${tables.length} of ${tables.length})`);
    });
  },
);

describe.runIf(usable)('the PowerPoint rendered by LibreOffice Impress, which lacks the theme fonts', () => {
  libreOfficeAvailable();
  let rendered: string;

  beforeAll(() => {
    if (!soffice) return;
    rendered = join(out, 'impress');
    mkdirSync(rendered);
    const files = DECKS.map(({ slug, audience }) => join(out, slug, `${audience}.pptx`));
    // Each deck gets its own name in the one output folder.
    const named = join(out, 'named');
    mkdirSync(named);
    for (const { slug, audience } of DECKS)
      execFileSync('cp', [join(out, slug, `${audience}.pptx`), join(named, `${slug}--${audience}.pptx`)]);
    expect(files).toHaveLength(15);
    convertToPdf(
      DECKS.map(({ slug, audience }) => join(named, `${slug}--${audience}.pptx`)),
      rendered,
      out,
    );
  }, 300_000);

  it.runIf(soffice !== undefined).each(DECKS.map((deck) => [deck.slug, deck.audience]))(
    'shows %s (%s) with every text line on its slide and none running into another',
    async (slug, audience) => {
      const pages = await readPdfLayout(join(rendered, `${slug}--${audience}.pdf`));
      expect(pages.length).toBe(pptxOf(slug, audience).slides);
      expect(textProblems(pages)).toEqual([]);
    },
  );
});
