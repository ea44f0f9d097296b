import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderPptx, type PptxDeck } from '../scripts/export/pptx/presentation.ts';
import { joinColumns, withRoomToGrow } from '../scripts/export/pptx/room.ts';
import type { TableBlock } from '../scripts/export/slide-layout.ts';
import { layout, paragraph, text } from './helpers/layouts.ts';
import { packageProblems, validatorErrorsOf } from './helpers/ooxml.ts';

describe('withRoomToGrow', () => {
  it('lets each body text box reach down to the next block below it, and the last to the foot of the content area', () => {
    const grown = withRoomToGrow(layout([text('title', 76, 50), text('body', 140, 40), text('body', 300, 60)]));
    expect(grown.texts.map((block) => [block.box.y, block.box.h])).toEqual([
      [76, 64],
      [140, 160],
      [300, 348],
    ]);
  });

  it('stops at a rule or picture below, but not at a panel drawn behind the text itself', () => {
    const grown = withRoomToGrow(
      layout([text('body', 100, 40)], {
        shapes: [
          { box: { x: 60, y: 90, w: 1160, h: 60 }, fill: '#eeeeee' },
          { box: { x: 72, y: 400, w: 1136, h: 2 }, fill: '#000000' },
        ],
      }),
    );
    expect(grown.texts[0]!.box.h).toBe(300);
  });

  it('leaves side-by-side columns to grow independently, and the marking where it is', () => {
    const grown = withRoomToGrow(
      layout([text('body', 100, 40, 72, 540), text('body', 300, 40, 668, 540), text('footer', 680, 20)]),
    );
    expect(grown.texts.map((block) => block.box.h)).toEqual([548, 348, 20]);
  });
});

describe('joinColumns', () => {
  it('makes a column heading and its list one text box, the gap between them the space before the list', () => {
    const joined = joinColumns(
      layout([
        text('title', 40, 50, 72, 1136, 'Call to action'),
        text('body', 120, 30, 72, 540, 'Policymakers'),
        text('body', 160, 200, 72, 540, 'Keep dialogue open'),
        text('body', 120, 30, 668, 540, 'Citizens'),
        text('body', 160, 200, 668, 540, 'Stay informed'),
      ]),
    );
    const bodies = joined.texts.filter((block) => block.role === 'body');
    expect(bodies.map((block) => [block.box.x, block.box.y, block.box.h])).toEqual([
      [72, 120, 240],
      [668, 120, 240],
    ]);
    expect(bodies[0]!.paragraphs.map((p) => [p.runs[0]!.text, p.spaceBefore])).toEqual([
      ['Policymakers', 0],
      ['Keep dialogue open', 10],
    ]);
  });

  it('keeps blocks apart when a rule lies between them, and leaves filled panels alone', () => {
    const panel = { ...text('body', 100, 60, 72, 1136, 'Bottom line'), fill: '#eeeeee' };
    const joined = joinColumns(
      layout([panel, text('body', 170, 40, 72, 1136, 'Points'), text('body', 260, 40, 72, 1136, 'Sources')], {
        shapes: [{ box: { x: 72, y: 240, w: 1136, h: 1 }, fill: '#cccccc' }],
      }),
    );
    expect(joined.texts).toHaveLength(3);
  });
});

const table: TableBlock = {
  box: { x: 72, y: 200, w: 600, h: 120 },
  columns: [400, 200],
  caption: '',
  rows: [
    { header: true, height: 40, texts: ['Country', 'Share'] },
    { header: false, height: 40, texts: ['China', '89 %'] },
    { header: false, height: 40, texts: ['Malaysia', '4 %'] },
  ].map((row) => ({
    header: row.header,
    height: row.height,
    cells: row.texts.map((words, column) => ({
      paragraphs: [paragraph(words, { align: column === 1 ? 'right' : 'left' })],
      padding: [6, 12, 6, 12] as [number, number, number, number],
      fill: row.header ? '#14325c' : undefined,
      borders: { bottom: { width: 1, color: '#cccccc' } },
      anchor: 'ctr' as const,
    })),
  })),
};

const deck: PptxDeck = {
  layouts: [
    layout([text('title', 200, 120, 72, 1136, 'A brief'), text('body', 340, 40, 72, 800, 'The standfirst')], {
      shapes: [{ box: { x: 0, y: 0, w: 1280, h: 12 }, fill: '#14325c' }],
    }),
    layout(
      [
        text('title', 60, 50, 72, 1136, 'Pillars'),
        {
          ...text('body', 140, 120),
          paragraphs: [
            paragraph('First point', { bullet: { kind: 'bullet', char: '•', colour: '#b0802a' }, indent: 28 }),
            paragraph('Second point', {
              bullet: { kind: 'number', start: 2, style: 'decimal', colour: '#b0802a' },
              indent: 28,
            }),
          ],
        },
        text('header', 10, 20, 320, 640, 'UNCLASSIFIED'),
        text('footer', 690, 20, 320, 640, 'UNCLASSIFIED'),
      ],
      {
        pageNumber: {
          box: { x: 1092, y: 690, w: 160, h: 20 },
          color: '#555555',
          size: 16,
          font: 'Source Sans 3',
          align: 'right',
        },
      },
    ),
    layout([text('title', 60, 50, 72, 1136, 'Appendix: refining')], { tables: [table] }),
  ],
  notes: [[], ['Say this first.', 'Then this.'], []],
  titleSlides: new Set([0]),
  info: { title: 'A brief', subject: 'Its bottom line', lang: 'fr-CA', timestamp: new Date('2026-11-26T00:00:00Z') },
};

describe('renderPptx', () => {
  const bytes = renderPptx(deck);
  const zip = unzipSync(bytes);
  const part = (name: string) => strFromU8(zip[name]!);

  it('writes a package that passes the Open XML SDK validator and the package rules', async () => {
    expect(await validatorErrorsOf(bytes)).toEqual([]);
    expect(packageProblems(bytes)).toEqual([]);
  }, 60_000);

  it('is rejected by the validator when the notes master list follows the slide list, so the check can fail', async () => {
    const presentation = part('ppt/presentation.xml');
    const notesList = /<p:notesMasterIdLst>.*?<\/p:notesMasterIdLst>/.exec(presentation)![0];
    const moved = presentation.replace(notesList, '').replace('</p:sldIdLst>', `</p:sldIdLst>${notesList}`);
    const broken = zipSync({ ...zip, 'ppt/presentation.xml': strToU8(moved) });
    expect((await validatorErrorsOf(broken)).join('\n')).toContain('notesMasterIdLst');
  }, 60_000);

  it('finds a phantom part, a dangling relationship and a shared theme', () => {
    const types = part('[Content_Types].xml').replace(
      '</Types>',
      '<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="application/xml"/></Types>',
    );
    const notesRels = part('ppt/notesMasters/_rels/notesMaster1.xml.rels').replace('theme2.xml', 'theme1.xml');
    const broken = zipSync({
      ...zip,
      '[Content_Types].xml': strToU8(types),
      'ppt/notesMasters/_rels/notesMaster1.xml.rels': strToU8(notesRels),
      'ppt/slides/_rels/slide3.xml.rels': strToU8(
        part('ppt/slides/_rels/slide3.xml.rels').replace(/slideLayout\d+\.xml/, 'slideLayout9.xml'),
      ),
    });
    expect(packageProblems(broken)).toEqual([
      '[Content_Types].xml names ppt/slideMasters/slideMaster2.xml, which does not exist',
      'ppt/slides/slide3.xml refers to ppt/slideLayouts/slideLayout9.xml (rId1), which does not exist',
      'ppt/notesMasters/notesMaster1.xml shares its theme with another master',
    ]);
  });

  it('builds the master with title, body, footer and slide-number placeholders, and layouts that inherit them', () => {
    const master = part('ppt/slideMasters/slideMaster1.xml');
    for (const placeholder of ['<p:ph type="title"/>', '<p:ph type="body" idx="1"/>', 'type="ftr"', 'type="sldNum"'])
      expect(master).toContain(placeholder);
    const layouts = Object.keys(zip).filter((name) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name));
    expect(layouts.length).toBeGreaterThanOrEqual(2);
    for (const name of layouts) expect(part(name)).toMatch(/<p:ph type="(?:ctrTitle|title)"\/>/);
  });

  it('puts each heading in the idx-0 title placeholder, the marking and number in the footer placeholders', () => {
    expect(part('ppt/slides/slide1.xml')).toContain('<p:ph type="ctrTitle"/>');
    const slide = part('ppt/slides/slide2.xml');
    expect(slide).toContain('<p:ph type="title"/>');
    expect(slide).toMatch(/<p:ph type="ftr" sz="quarter" idx="11"\/>[\s\S]*UNCLASSIFIED/);
    expect(slide).toMatch(/<p:ph type="sldNum" sz="quarter" idx="12"\/>[\s\S]*<a:fld [^>]*type="slidenum"/);
    // Reading order: title, body, header marking, footer marking, slide number.
    const order = [
      'name="Title"',
      'First point',
      'name="Marking (header)"',
      'name="Marking (footer)"',
      'type="sldNum"',
    ];
    const positions = order.map((needle) => slide.indexOf(needle));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('flags every shape without text as decorative and gives every run the brief language', () => {
    for (const name of Object.keys(zip).filter((n) => /^ppt\/(slides|notesSlides)\/[^/]+\.xml$/.test(n))) {
      const xml = part(name);
      for (const shape of xml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? []) {
        const hasText = /<a:t>[^<]+<\/a:t>/.test(shape);
        const placeholder = /<p:ph\b/.test(shape);
        if (!hasText && !placeholder) expect(shape, name).toContain('<adec:decorative');
      }
      for (const properties of xml.match(/<a:(?:rPr|endParaRPr)\b[^>]*>/g) ?? [])
        expect(properties, name).toContain('lang="fr-CA"');
    }
  });

  it('writes a table as a native table with its header row marked and its columns aligned', () => {
    const slide = part('ppt/slides/slide3.xml');
    expect(slide).toContain('<a:tbl><a:tblPr firstRow="1" bandRow="1"/>');
    expect(slide.match(/<a:tr /g)).toHaveLength(3);
    expect(slide).toMatch(/<a:pPr [^>]*algn="r"[^>]*>.*?<a:t>89 %<\/a:t>/);
  });

  it('links each notes slide to its slide and gives the notes master a theme of its own', () => {
    expect(part('ppt/slides/_rels/slide2.xml.rels')).toContain('../notesSlides/notesSlide2.xml');
    expect(part('ppt/notesSlides/_rels/notesSlide2.xml.rels')).toContain('../slides/slide2.xml');
    expect(part('ppt/notesSlides/notesSlide2.xml')).toContain('Then this.');
    expect(part('ppt/notesMasters/_rels/notesMaster1.xml.rels')).toContain('theme2.xml');
  });

  it('gives a slide without a heading a title above the slide, from its first words, where no viewer shows it', () => {
    const untitled = renderPptx({
      ...deck,
      layouts: [deck.layouts[0]!, layout([text('body', 200, 40, 72, 1136, 'Share of refined output in 2025')])],
      notes: [],
    });
    const slide = strFromU8(unzipSync(untitled)['ppt/slides/slide2.xml']!);
    const title = /<p:sp><p:nvSpPr><p:cNvPr id="\d+" name="Title"\/>[\s\S]*?<\/p:sp>/.exec(slide)![0];
    expect(title).toContain('<p:ph type="title"/>');
    expect(title).toContain('<a:t>Share of refined output in 2025</a:t>');
    expect(Number(/<a:off x="-?\d+" y="(-?\d+)"\/>/.exec(title)![1])).toBeLessThan(0);
  });

  it('gives the same bytes for the same deck', () => {
    expect(Buffer.from(renderPptx(deck)).equals(Buffer.from(bytes))).toBe(true);
  });
});
