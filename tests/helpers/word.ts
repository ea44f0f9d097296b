import { Document, HeadingLevel, Packer, Paragraph } from 'docx';

/** A line of a Word document: a heading at a level, a bullet, or a paragraph. */
export type WordLine = { heading: 1 | 2 | 3; text: string } | { bullet: string } | string;

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Writes a real .docx with Word's own heading styles, as a colleague's memo would be. */
export async function writeWordDocument(title: string, lines: WordLine[]): Promise<Buffer> {
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
  return Packer.toBuffer(new Document({ creator: 'Water policy unit', title, sections: [{ children: paragraphs }] }));
}
