import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument, PDFName } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BriefError, listBriefErrors } from '../scripts/errors.ts';
import { parseProfile } from '../scripts/deck/profile.ts';
import { E2E_BROWSER } from './helpers/browsers.ts';
import { readBrief, REAL_BRIEF, ROOT, SECOND_BRIEF, SECOND_BRIEF_RESTRICTED } from './helpers/briefs.ts';
import { buildInto, runBriefdeck } from './helpers/cli.ts';
import { convertToPdf, libreOfficeWriterAvailable } from './helpers/libreoffice.ts';
import { validatorErrors } from './helpers/ooxml.ts';
import { decodeXml, readPdf } from './helpers/outputs.ts';

// The read-ahead memo of the seed brief and of a brief with restricted items, for every audience,
// as Word and PDF: each parsed for what a committee office needs of it.
const AUDIENCES = ['committee', 'executive', 'public', 'house'];
const REAL = 'ukraine-security-guarantees';
const SECOND = 'black-sea-grain-corridor';
const squash = (text: string) => text.replace(/\s+/g, '');
const textOf = (xml: string) =>
  decodeXml([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join(''));

let out: string;
const file = (slug: string, name: string) => join(out, slug, name);
const docx = (slug: string, audience: string) =>
  unzipSync(new Uint8Array(readFileSync(file(slug, `${audience}-memo.docx`))));

beforeAll(async () => {
  out = await buildInto(
    'memo',
    [relative(ROOT, REAL_BRIEF), relative(ROOT, SECOND_BRIEF), '--format', 'memo'],
    E2E_BROWSER,
  );
}, 300_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the memo in Word', () => {
  it.each(AUDIENCES)('gives the %s memo zero errors from the Open XML SDK validator', async (audience) => {
    expect(await validatorErrors(file(REAL, `${audience}-memo.docx`))).toEqual([]);
  });

  it('uses Word’s heading and list styles, bottom line first, the pillars as numbered headings', () => {
    const xml = strFromU8(docx(REAL, 'committee')['word/document.xml']!);
    const { brief } = readBrief(REAL_BRIEF);
    const paragraphs = xml.split('</w:p>').map((paragraph) => ({
      style: /<w:pStyle w:val="([^"]+)"/.exec(paragraph)?.[1],
      text: textOf(paragraph),
    }));
    const styled = (style: string) => paragraphs.filter((paragraph) => paragraph.style === style).map((p) => p.text);
    expect(styled('Title')).toEqual([brief.title]);
    expect(styled('Heading1').slice(0, 2)).toEqual(['Bottom line', brief.context!.title]);
    expect(styled('Heading2').slice(0, brief.pillars.length)).toEqual(
      brief.pillars.map((pillar, index) => `${index + 1}. ${pillar.title}`),
    );
    expect(styled('ListBullet').length).toBeGreaterThan(10);
    expect(styled('ListNumber').length).toBe(brief.takeaways!.length + brief.sources!.length);
    const order = paragraphs.map((paragraph) => paragraph.text);
    expect(order.indexOf('Bottom line')).toBeLessThan(order.indexOf(`1. ${brief.pillars[0]!.title}`));
  });

  it('sets pros against cons in a table whose header row repeats on each page', () => {
    const xml = strFromU8(docx(REAL, 'committee')['word/document.xml']!);
    const table = xml.split('<w:tbl>').find((part) => part.includes('>Pros<'))!;
    const [header, ...rows] = table.split('</w:tr>');
    expect(header).toContain('<w:tblHeader/>');
    expect(textOf(header!)).toBe('ProsCons');
    const { brief } = readBrief(REAL_BRIEF);
    expect(rows.filter((row) => row.includes('<w:tc>'))).toHaveLength(Math.max(brief.pros!.length, brief.cons!.length));
  });

  it('carries the marking in the header and footer of every page, with the page number', () => {
    const parts = docx(REAL, 'committee');
    const { brief } = readBrief(REAL_BRIEF);
    const header = Object.keys(parts).find((name) => /^word\/header\d+\.xml$/.test(name))!;
    const footer = Object.keys(parts).find((name) => /^word\/footer\d+\.xml$/.test(name))!;
    expect(textOf(strFromU8(parts[header]!))).toContain(brief.marking!);
    expect(textOf(strFromU8(parts[footer]!))).toContain(brief.marking!);
    expect(strFromU8(parts[footer]!)).toMatch(/PAGE/);
    const publicFooter = strFromU8(docx(REAL, 'public')[footer]!);
    expect(textOf(publicFooter)).toContain('PUBLIC RELEASE');
  });

  it('numbers the sources as the text cites them, sets the language, and leaves presenter notes out', () => {
    const parts = docx(REAL, 'committee');
    const { brief } = readBrief(REAL_BRIEF);
    expect(strFromU8(parts['word/numbering.xml']!)).toContain('w:val="[%1]"');
    expect(strFromU8(parts['word/styles.xml']!)).toMatch(/<w:lang w:val="en"/);
    const text = squash(textOf(strFromU8(parts['word/document.xml']!)));
    expect(text).toContain(squash(`${brief.pillars[0]!.summary} [1] [2]`));
    for (const pillar of brief.pillars) if (pillar.notes) expect(text).not.toContain(squash(pillar.notes.slice(0, 60)));
    const core = strFromU8(parts['docProps/core.xml']!);
    expect(decodeXml(core)).toContain(`<dc:title>${brief.title}</dc:title>`);
    expect(core).toContain('2026-11-26T00:00:00Z');
  });

  it('leaves every restricted item out of the public memo', () => {
    const publicText = squash(textOf(strFromU8(docx(SECOND, 'public')['word/document.xml']!)));
    const committeeText = squash(textOf(strFromU8(docx(SECOND, 'committee')['word/document.xml']!)));
    for (const item of SECOND_BRIEF_RESTRICTED) expect(publicText).not.toContain(squash(item));
    expect(SECOND_BRIEF_RESTRICTED.some((item) => committeeText.includes(squash(item)))).toBe(true);
  });

  it.runIf(libreOfficeWriterAvailable())(
    'lays out in LibreOffice Writer, an independent reader, on one to four pages',
    async () => {
      const rendered = join(out, 'rendered');
      convertToPdf([file(REAL, 'committee-memo.docx')], rendered, out);
      const { pages } = await readPdf(join(rendered, 'committee-memo.pdf'));
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(4);
      expect(squash(pages[0]!)).toContain(squash('Bottom line'));
    },
    300_000,
  );
});

describe('the memo in PDF', () => {
  it.each(AUDIENCES)(
    'prints the %s memo on one to four tagged pages, bottom line before the first pillar',
    async (audience) => {
      const { pages } = await readPdf(file(REAL, `${audience}-memo.pdf`));
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThanOrEqual(4);
      const text = squash(pages.join(' '));
      const { brief } = readBrief(REAL_BRIEF);
      expect(text.indexOf(squash(brief.summary))).toBeGreaterThan(-1);
      expect(text.indexOf(squash(brief.summary))).toBeLessThan(text.indexOf(squash(`1. ${brief.pillars[0]!.title}`)));
      const pdf = await PDFDocument.load(readFileSync(file(REAL, `${audience}-memo.pdf`)), { updateMetadata: false });
      expect(pdf.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
      expect(String(pdf.catalog.lookup(PDFName.of('Lang')))).toBe('(en)');
      expect(pdf.getTitle()).toBe(brief.title);
    },
  );

  it('bookmarks every heading, and carries the marking on every page', async () => {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file(REAL, 'committee-memo.pdf'))) }).promise;
    type Item = { title: string; items: Item[] };
    const titles = (items: Item[]): string[] => items.flatMap((item) => [squash(item.title), ...titles(item.items)]);
    const bookmarks = titles(((await pdf.getOutline()) ?? []) as Item[]);
    await pdf.destroy();
    const { brief } = readBrief(REAL_BRIEF);
    for (const heading of ['Bottom line', brief.context!.title!, `1. ${brief.pillars[0]!.title}`, 'Sources'])
      expect(bookmarks).toContain(squash(heading));
    const { pages } = await readPdf(file(REAL, 'committee-memo.pdf'));
    for (const page of pages) expect(squash(page)).toContain(squash(brief.marking!));
  });

  it('leaves every restricted item out of the public memo', async () => {
    const text = squash((await readPdf(file(SECOND, 'public-memo.pdf'))).pages.join(' '));
    for (const item of SECOND_BRIEF_RESTRICTED) expect(text).not.toContain(squash(item));
  });

  it('is linked from the briefing book, Word and PDF', () => {
    const book = readFileSync(join(out, 'index.html'), 'utf8');
    expect(book).toContain(`${REAL}/committee-memo.pdf`);
    expect(book).toContain(`${REAL}/committee-memo.docx`);
  });
});

describe('memo settings in a profile', () => {
  it('refuses an unknown paper size and memo section with their lines and fields', () => {
    const text =
      'label: Board\ntheme: briefdeck\nsections: [title]\nmemo:\n  paper: a5\n  sections: [bottom-line, appendix]\n';
    let messages: string[] = [];
    try {
      parseProfile('board', 'templates/board/profile.yaml', text);
    } catch (error) {
      messages = listBriefErrors(error as BriefError).map(
        (problem) => `${problem.where.line}: ${problem.where.field?.join('.')}: ${problem.message}`,
      );
    }
    expect(messages).toEqual([
      '5: memo.paper: expected a4 or letter',
      '6: memo.sections.1: expected one of: bottom-line, context, pillars, pros-cons, takeaways, outlook, actions, sources',
    ]);
  });
});

describe('an office’s Word template', () => {
  /** A .dotx as Word saves one, its headings in Georgia and the office's red; `lists` adds its list styles. */
  async function wordTemplate(lists: boolean): Promise<Buffer> {
    const written = await Packer.toBuffer(
      new Document({
        styles: {
          default: { heading1: { run: { font: 'Georgia', color: '8A1C1C', size: 30 } } },
          paragraphStyles: lists
            ? [
                { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', run: { font: 'Georgia' } },
                { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', run: { font: 'Georgia' } },
              ]
            : [],
        },
        sections: [{ children: [new Paragraph({ text: 'Office memo', heading: HeadingLevel.TITLE })] }],
      }),
    );
    return written;
  }

  it('takes the template’s styles, adds the brief’s language, and stays valid', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefdeck-dotx-'));
    try {
      cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
      mkdirSync(join(root, 'templates', 'board'));
      writeFileSync(
        join(root, 'templates', 'board', 'profile.yaml'),
        'label: Board\ntheme: briefdeck\nsections: [title, bottom-line]\nmemo:\n  template: office.dotx\n',
      );
      writeFileSync(join(root, 'templates', 'board', 'office.dotx'), await wordTemplate(true));
      const built = join(root, 'out');
      const templates = join(root, 'templates');
      const buildBoard = () =>
        runBriefdeck(
          [
            'build',
            relative(ROOT, REAL_BRIEF),
            '--templates',
            templates,
            '--audience',
            'board',
            '--format',
            'memo',
            '--out',
            built,
          ],
          E2E_BROWSER,
        );
      const { code, lines } = await buildBoard();
      expect(code, lines.join('\n')).toBe(0);
      const memo = join(built, REAL, 'board-memo.docx');
      const styles = strFromU8(unzipSync(new Uint8Array(readFileSync(memo)))['word/styles.xml']!);
      const heading1 = /<w:style [^>]*w:styleId="Heading1"[\s\S]*?<\/w:style>/.exec(styles)![0];
      expect(heading1).toContain('w:ascii="Georgia"');
      expect(heading1).toContain('8A1C1C');
      expect(styles).toMatch(/<w:rPrDefault><w:rPr>[\s\S]*<w:lang w:val="en"\/>/);
      expect(await validatorErrors(memo)).toEqual([]);

      writeFileSync(join(root, 'templates', 'board', 'office.dotx'), await wordTemplate(false));
      const refused = await buildBoard();
      expect(refused.code).not.toBe(0);
      expect(refused.lines.join('\n')).toContain('lacks the paragraph styles ListBullet, ListNumber');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
