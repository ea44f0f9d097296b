// The brief's Markdown body as appendix slides. A slide holding one table can continue over
// several slides like any list: each part repeats the table's header row and the slide's heading
// with its part label.
import MarkdownIt from 'markdown-it';

/** Splits the Markdown body into appendix slides on lines that hold only `---`. */
export function splitAppendix(body: string): string[] {
  return body
    .split(/^---[ \t]*$/m)
    .map((slide) => slide.trim())
    .filter((slide) => slide.length > 0);
}

/** An appendix slide's one table, cut into the lines around it. */
export interface AppendixTable {
  /** Lines before the table: the heading and any introduction. */
  before: string[];
  /** The header row and the delimiter row under it. */
  header: string[];
  /** One line per body row. */
  rows: string[];
  after: string[];
}

const parser = new MarkdownIt({ html: false });

/** The slide's table, when it holds exactly one whose body rows are one line each. */
export function findTable(markdown: string): AppendixTable | undefined {
  // Every Markdown table has a pipe in its delimiter row: most slides are never parsed.
  if (!markdown.includes('|')) return undefined;
  const tokens = parser.parse(markdown, {});
  const tables = tokens.filter((token) => token.type === 'table_open');
  if (tables.length !== 1) return undefined;
  const table = tables[0]!;
  const body = tokens.find((token) => token.type === 'tbody_open');
  const rows = tokens.filter((token) => token.type === 'tr_open' && token.level > table.level + 1);
  if (!table.map || !body?.map) return undefined;
  const lines = markdown.split('\n');
  const [start, end] = table.map;
  const [bodyStart, bodyEnd] = body.map;
  const bodyRows = rows.filter((row) => row.map && row.map[0] >= bodyStart);
  // A row that spans several lines cannot be moved alone.
  if (bodyRows.length !== bodyEnd - bodyStart) return undefined;
  return {
    before: lines.slice(0, start),
    header: lines.slice(start, bodyStart),
    rows: lines.slice(bodyStart, bodyEnd),
    after: lines.slice(end),
  };
}

/**
 * One part of a table continued over several slides: the heading on every part with its label
 * (`(2 of 3)`), the introduction on the first part only, what follows the table on the last.
 */
export function tablePart(
  table: AppendixTable,
  rows: readonly string[],
  part: { index: number; count: number; label: string },
): string {
  if (part.count === 1) return [...table.before, ...table.header, ...rows, ...table.after].join('\n').trim();
  const headingAt = table.before.findIndex((line) => /^#{1,6}\s/.test(line));
  const heading = headingAt >= 0 ? `${table.before[headingAt]!.trimEnd()} ${part.label}` : undefined;
  const before =
    part.index === 0
      ? table.before.map((line, at) => (at === headingAt ? heading! : line))
      : heading
        ? [heading, '']
        : [];
  const after = part.index === part.count - 1 ? table.after : [];
  return [...before, ...table.header, ...rows, ...after].join('\n').trim();
}
