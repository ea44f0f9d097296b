import {
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * A line of a Word document: a heading at a level, a bullet, a paragraph opening with a bold
 * phrase, a paragraph holding a hyperlink, a table (its rows of cells), or a plain paragraph.
 */
export type WordLine =
  | { heading: 1 | 2 | 3; text: string }
  | { bullet: string }
  | { bold: string; text: string }
  | { before: string; link: { text: string; url: string }; after: string }
  | { table: string[][] }
  | string;

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function block(line: WordLine): Paragraph | Table {
  if (typeof line === 'string') return new Paragraph({ text: line });
  if ('heading' in line) return new Paragraph({ text: line.text, heading: LEVELS[line.heading] });
  if ('bullet' in line) return new Paragraph({ text: line.bullet, bullet: { level: 0 } });
  if ('bold' in line)
    return new Paragraph({ children: [new TextRun({ text: line.bold, bold: true }), new TextRun(line.text)] });
  if ('link' in line)
    return new Paragraph({
      children: [
        new TextRun(line.before),
        new ExternalHyperlink({
          link: line.link.url,
          children: [new TextRun({ text: line.link.text, style: 'Hyperlink' })],
        }),
        new TextRun(line.after),
      ],
    });
  return new Table({
    rows: line.table.map(
      (cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph(cell)] })) }),
    ),
  });
}

/**
 * Writes a real .docx with Word's own heading styles, as a colleague's memo would be, last saved
 * at `saved` (its core properties' created and modified dates; docx writes the time it ran).
 */
export async function writeWordDocument(
  title: string,
  lines: WordLine[],
  saved = '2026-04-02T09:30:00.000Z',
): Promise<Buffer> {
  const children = [new Paragraph({ text: title, heading: HeadingLevel.TITLE }), ...lines.map(block)];
  const written = await Packer.toBuffer(
    new Document({ creator: 'Water policy unit', title, sections: [{ children }] }),
  );
  const files = unzipSync(new Uint8Array(written));
  files['docProps/core.xml'] = strToU8(
    strFromU8(files['docProps/core.xml']!).replace(
      /(<dcterms:(?:created|modified)\b[^>]*>)[^<]+/g,
      (_match, open: string) => `${open}${saved}`,
    ),
  );
  return Buffer.from(zipSync(files));
}
