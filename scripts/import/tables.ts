import type { Block } from './article.ts';

// An article's tables become slides of the brief's appendix (its Markdown body), each a Markdown
// table under its caption with its source and note lines below: the numbers stay as printed, and
// the build continues a long table over several slides, its header row on each.

type Table = Extract<Block, { kind: 'table' }>;

/** Inline Markdown that shows the text literally: no emphasis, links, code, math, HTML or emoji. */
function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]<>|$~]/g, '\\$&')
    .replace(/:(?=[\w+-]+:)/g, '\\:');
}

/** A paragraph that cannot open a list, heading or quote. */
const escapeParagraph = (text: string) =>
  escapeInline(text)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+#>=])/, '\\$1');

/** What the table says, as units of text: caption, each row's cells, each note. */
export function tableTexts(table: Table): string[] {
  return [...(table.caption ? [table.caption] : []), ...table.rows.map((row) => row.join(' ')), ...(table.notes ?? [])];
}

/** One appendix slide: `## caption`, the table with its first row as header, the notes under it. */
export function tableSlide(table: Table, heading: string): string {
  const row = (cells: readonly string[]) => `| ${cells.map(escapeInline).join(' | ')} |`;
  const [header, ...rows] = table.rows;
  return [
    `## ${escapeInline(table.caption ?? heading)}`,
    [row(header!), row(header!.map(() => '---')), ...rows.map(row)].join('\n'),
    ...(table.notes ?? []).map(escapeParagraph),
  ].join('\n\n');
}

/**
 * Takes the tables out of an article's blocks, as the slides of the brief's body; a table without
 * a caption is headed by the heading it stands under, else the article's title.
 */
export function takeTables(
  blocks: readonly Block[],
  title: string,
): { blocks: Block[]; body: string; tables: Table[] } {
  const kept: Block[] = [];
  const slides: string[] = [];
  const tables: Table[] = [];
  let heading = title;
  for (const block of blocks) {
    if (block.kind === 'heading') heading = block.text;
    if (block.kind !== 'table') {
      kept.push(block);
      continue;
    }
    tables.push(block);
    slides.push(tableSlide(block, heading));
  }
  return { blocks: kept, body: slides.join('\n\n---\n\n'), tables };
}
