import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A line of a Word document: a heading at a level, a bullet, or a paragraph. */
export type WordLine = { heading: 1 | 2 | 3; text: string } | { bullet: string } | string;

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/**
 * Writes a real .docx with Word's own heading styles, as a colleague's memo would be, last saved
 * at `saved` (its core properties' created and modified dates; docx writes the time it ran).
 */
export async function writeWordDocument(
  title: string,
  lines: WordLine[],
  saved = '2026-04-02T09:30:00.000Z',
): Promise<Buffer> {
  const paragraphs = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...lines.map((line) =>
      typeof line === 'string'
        ? new Paragraph({ text: line })
        : 'heading' in line
          ? new Paragraph({ text: line.text, heading: LEVELS[line.heading] })
          : new Paragraph({ text: line.bullet, bullet: { level: 0 } }),
    ),
  ];
  const written = await Packer.toBuffer(
    new Document({ creator: 'Water policy unit', title, sections: [{ children: paragraphs }] }),
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
