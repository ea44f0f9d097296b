// The memo as a Word document people can work in: Word's own styles (Title, Heading 1 and 2,
// List Bullet, List Number), the document's language for proofing, the marking in every page's
// header and footer with the page number, pros against cons as a table whose header row repeats,
// the sources numbered as the text cites them. Written by the docx package, then stamped with the
// build's date and zipped the same way every time, so a rebuild gives the same bytes.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { zipTime } from '../export/pptx/package.ts';
import type { Cited, MemoDocument, MemoSection } from './memo.ts';
import type { WordTemplate } from './word-template.ts';

const FONT = 'Arial';
const HEADING_COLOUR = '14325C';
const MARKING_COLOUR = '7A1F1F';
/** Paper in twentieths of a point, portrait. */
const PAPER = { a4: { width: 11906, height: 16838 }, letter: { width: 12240, height: 15840 } } as const;
const MARGIN = 1134; // 2 cm

const withRefs = (item: Cited) => (item.refs ? `${item.text} ${item.refs}` : item.text);

const bullet = (text: string) =>
  new Paragraph({ text, style: 'ListBullet', numbering: { reference: 'bullets', level: 0 } });

function titled(title: string, detail: string | undefined, refs: string | undefined, style: string, numbering: string) {
  return new Paragraph({
    style,
    numbering: { reference: numbering, level: 0 },
    children: [
      new TextRun({ text: title, bold: true }),
      ...(detail ? [new TextRun({ text: `: ${detail}` })] : []),
      ...(refs ? [new TextRun({ text: ` ${refs}` })] : []),
    ],
  });
}

const heading = (text: string, level: 1 | 2) =>
  new Paragraph({ text, heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2 });

function cell(paragraphs: Paragraph[], header = false): TableCell {
  return new TableCell({
    children: paragraphs,
    width: { size: 50, type: WidthType.PERCENTAGE },
    shading: header ? { type: ShadingType.CLEAR, fill: HEADING_COLOUR, color: 'auto' } : undefined,
    margins: { top: 80, bottom: 80, left: 120, right: 120 },
  });
}

function prosCons(section: Extract<MemoSection, { kind: 'pros-cons' }>): (Paragraph | Table)[] {
  const item = (argument: { title: string; detail?: string; refs?: string }) =>
    new Paragraph({
      children: [
        new TextRun({ text: argument.title, bold: true }),
        ...(argument.detail ? [new TextRun({ text: `: ${argument.detail}` })] : []),
        ...(argument.refs ? [new TextRun({ text: ` ${argument.refs}` })] : []),
      ],
    });
  if (section.layout === 'lists')
    return [
      heading(section.headings.pros, 2),
      ...section.pros.map((argument) => bullet(`${argument.title}${argument.detail ? `: ${argument.detail}` : ''}`)),
      heading(section.headings.cons, 2),
      ...section.cons.map((argument) => bullet(`${argument.title}${argument.detail ? `: ${argument.detail}` : ''}`)),
    ];
  const rows = Math.max(section.pros.length, section.cons.length);
  const headerText = (text: string) =>
    new Paragraph({ children: [new TextRun({ text, bold: true, color: 'FFFFFF' })] });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: [cell([headerText(section.headings.pros)], true), cell([headerText(section.headings.cons)], true)],
        }),
        ...Array.from(
          { length: rows },
          (_, index) =>
            new TableRow({
              cantSplit: true,
              children: [section.pros[index], section.cons[index]].map((argument) =>
                cell([argument ? item(argument) : new Paragraph('')]),
              ),
            }),
        ),
      ],
    }),
  ];
}

function sectionBlocks(section: MemoSection): (Paragraph | Table)[] {
  switch (section.kind) {
    case 'bottom-line':
      return [heading(section.heading, 1), new Paragraph({ text: section.text, style: 'BottomLine' })];
    case 'context':
    case 'outlook':
      return [
        heading(section.heading, 1),
        ...(section.summary ? [new Paragraph(section.summary)] : []),
        ...section.points.map((point) => bullet(withRefs(point))),
      ];
    case 'pillars':
      return [
        heading(section.heading, 1),
        ...section.pillars.flatMap((pillar) => [
          heading(`${pillar.number}. ${pillar.title}`, 2),
          new Paragraph(pillar.refs ? `${pillar.summary} ${pillar.refs}` : pillar.summary),
          ...pillar.points.map((point) => bullet(withRefs(point))),
        ]),
      ];
    case 'pros-cons':
      return [heading(section.heading, 1), ...prosCons(section)];
    case 'takeaways':
      return [
        heading(section.heading, 1),
        ...section.items.map((item) => titled(item.title, item.detail, undefined, 'ListNumber', 'takeaways')),
      ];
    case 'actions':
      return [
        heading(section.heading, 1),
        ...section.groups.flatMap((group) => [
          new Paragraph({ children: [new TextRun({ text: group.for, bold: true })] }),
          ...group.points.map((point) => bullet(withRefs(point))),
        ]),
      ];
    case 'sources':
      return [
        heading(section.heading, 1),
        ...section.sources.map(
          (source) =>
            new Paragraph({
              style: 'ListNumber',
              numbering: { reference: 'sources', level: 0 },
              text: [source.publisher, source.title, source.date, source.url].filter(Boolean).join(', '),
            }),
        ),
      ];
  }
}

function markingParagraph(marking: string | undefined, extra: TextRun[] = []): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      ...(marking ? [new TextRun({ text: marking, bold: true, color: MARKING_COLOUR, allCaps: true })] : []),
      ...extra,
    ],
  });
}

/** Word's defaults for the memo's language and type, headings in the deck's heading colour. */
const defaultStyles = (lang: string) => ({
  document: { run: { font: FONT, size: 22, language: { value: lang } }, paragraph: { spacing: { after: 120 } } },
  title: { run: { font: FONT, size: 40, bold: true, color: HEADING_COLOUR } },
  heading1: {
    run: { font: FONT, size: 28, bold: true, color: HEADING_COLOUR },
    paragraph: { spacing: { before: 280, after: 100 }, keepNext: true },
  },
  heading2: {
    run: { font: FONT, size: 24, bold: true, color: HEADING_COLOUR },
    paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
  },
});

/** The paragraph styles the memo names beyond Word's headings. */
const OWN_STYLES = [
  { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 26, color: '4A5565' } },
  { id: 'ListBullet', name: 'List Bullet', basedOn: 'Normal', next: 'ListBullet', quickFormat: true },
  { id: 'ListNumber', name: 'List Number', basedOn: 'Normal', next: 'ListNumber', quickFormat: true },
  {
    id: 'BottomLine',
    name: 'Bottom Line',
    basedOn: 'Normal',
    next: 'Normal',
    run: { size: 26, bold: true, color: HEADING_COLOUR },
    paragraph: {
      indent: { left: 284 },
      border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'B0802A', space: 8 } },
    },
  },
];

function memoDocument(memo: MemoDocument, pageWord: string, word?: WordTemplate): Document {
  const numbered = (reference: string, text: string) => ({
    reference,
    levels: [
      {
        level: 0,
        format: LevelFormat.DECIMAL,
        text,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 567, hanging: 567 } } },
      },
    ],
  });
  const children = [
    new Paragraph({ text: memo.title, heading: HeadingLevel.TITLE }),
    ...(memo.subtitle ? [new Paragraph({ text: memo.subtitle, style: 'Subtitle' })] : []),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: {
        top: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        bottom: { style: BorderStyle.SINGLE, size: 8, color: HEADING_COLOUR },
        left: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        right: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'auto' },
        insideVertical: { style: BorderStyle.NONE, size: 0, color: 'auto' },
      },
      rows: memo.heading.map(
        (line) =>
          new TableRow({
            children: [
              new TableCell({
                width: { size: 18, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: [new TextRun({ text: `${line.label}:`, bold: true })] })],
              }),
              new TableCell({ width: { size: 82, type: WidthType.PERCENTAGE }, children: [new Paragraph(line.value)] }),
            ],
          }),
      ),
    }),
    ...memo.sections.flatMap(sectionBlocks),
  ];
  return new Document({
    creator: memo.author ?? 'briefdeck',
    title: memo.title,
    subject: memo.summary,
    description: memo.subtitle,
    // An office's template brings its own styles; briefdeck's fill in only those it lacks.
    ...(word
      ? {
          externalStyles: word.styles,
          styles: { paragraphStyles: OWN_STYLES.filter((style) => !word.ids.has(style.id)) },
        }
      : { styles: { default: defaultStyles(memo.lang), paragraphStyles: OWN_STYLES } }),
    numbering: {
      config: [
        {
          reference: 'bullets',
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } } },
            },
          ],
        },
        numbered('takeaways', '%1.'),
        numbered('sources', '[%1]'),
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: PAPER[memo.paper],
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: { default: new Header({ children: [markingParagraph(memo.marking)] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(memo.marking),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: [`${pageWord} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
}

/** Styles whose default run properties name `lang` as the document's language. */
function withLanguage(styles: string, lang: string): string {
  const language = `<w:lang w:val="${lang.replace(/[^A-Za-z0-9-]/g, '')}"/>`;
  const rPrDefault = `<w:rPrDefault><w:rPr>${language}</w:rPr></w:rPrDefault>`;
  if (/<w:rPrDefault\s*\/>/.test(styles)) return styles.replace(/<w:rPrDefault\s*\/>/, rPrDefault);
  const defaults = /<w:rPrDefault>\s*<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(styles);
  if (defaults) {
    const properties = /<w:lang\b[^>]*\/>/.test(defaults[1]!)
      ? defaults[1]!.replace(/<w:lang\b[^>]*\/>/, language)
      : `${defaults[1]}${language}`;
    return styles.replace(defaults[0], `<w:rPrDefault><w:rPr>${properties}</w:rPr>`);
  }
  if (/<w:rPrDefault>/.test(styles))
    return styles.replace('<w:rPrDefault>', `<w:rPrDefault><w:rPr>${language}</w:rPr>`);
  if (/<w:docDefaults\s*\/>/.test(styles))
    return styles.replace(/<w:docDefaults\s*\/>/, `<w:docDefaults>${rPrDefault}</w:docDefaults>`);
  return /<w:docDefaults>/.test(styles)
    ? styles.replace('<w:docDefaults>', `<w:docDefaults>${rPrDefault}`)
    : styles.replace(/(<w:styles\b[^>]*>)/, `$1<w:docDefaults>${rPrDefault}</w:docDefaults>`);
}

/** The memo as .docx bytes, dated `timestamp`, the same bytes for the same memo. */
export async function renderMemoDocx(
  memo: MemoDocument,
  timestamp: Date,
  pageWord: string,
  word?: WordTemplate,
): Promise<Uint8Array> {
  const written = await Packer.toBuffer(memoDocument(memo, pageWord, word));
  const files = unzipSync(new Uint8Array(written));
  // An office's template keeps its own defaults, but the memo's language is the brief's, for proofing.
  if (word) files['word/styles.xml'] = strToU8(withLanguage(strFromU8(files['word/styles.xml']!), memo.lang));
  const iso = timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  files['docProps/core.xml'] = strToU8(
    strFromU8(files['docProps/core.xml']!).replace(
      /(<dcterms:(?:created|modified)\b[^>]*>)[^<]+/g,
      (_match, open: string) => `${open}${iso}`,
    ),
  );
  const mtime = zipTime(timestamp);
  const zipped: Zippable = {};
  for (const name of Object.keys(files)) zipped[name] = [files[name]!, { mtime, level: 6 }];
  return zipSync(zipped);
}
