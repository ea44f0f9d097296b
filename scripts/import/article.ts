// An article as the importer reads it, whatever its format: its title, standfirst, date and
// byline where it has them, and its text as headings, paragraphs and lists, in order.

/** A link of the article's text: its address and its own words. */
export interface Link {
  url: string;
  text: string;
}

export type Block =
  /** `bold`: a bold line alone, read as a heading, whose level follows the headings around it. */
  | { kind: 'heading'; level: number; text: string; bold?: true }
  /** `lead`: the bold phrase a paragraph opens with (`**Export Controls.** Following …`), without its stop. */
  | { kind: 'paragraph'; text: string; links?: Link[]; lead?: string }
  /** `links` and `leads`, where there are any: each item's, by the item's place. */
  | { kind: 'list'; ordered: boolean; items: string[]; links?: Link[][]; leads?: (string | undefined)[] }
  /**
   * A table of data: its rows of cell texts, the first its header; its caption ("Table 1. …") and
   * the source and note lines printed under it, where it has them.
   */
  | { kind: 'table'; rows: string[][]; caption?: string; notes?: string[] };

export interface Article {
  title?: string;
  /** The line under the title that sums the piece up. */
  standfirst?: string;
  /** `YYYY-MM-DD`, where the article gives a date. */
  date?: string;
  byline?: string;
  url?: string;
  lang: string;
  blocks: Block[];
}

const CAPTION = /^(?:Table|Exhibit)\s+[\w.-]+[.:]\s*\S/i;
const TABLE_NOTE = /^(?:Sources?|Notes?)\s*:/i;

/**
 * A paragraph as read, given the bold words it opens with: a bold line alone is a heading one
 * level under the last heading before it; a bold opening (`**Export Controls.** …`) is its lead.
 */
export function paragraphBlock(text: string, bold: string | undefined, links: Link[], before: readonly Block[]): Block {
  if (bold && bold === text && bold.length <= 100 && !/[.!?]$/.test(bold)) {
    // One under the last real heading; beside an earlier bold line, at its level.
    const last = [...before].reverse().find((block) => block.kind === 'heading');
    const level = last?.kind !== 'heading' ? 2 : last.bold ? last.level : last.level + 1;
    return { kind: 'heading', level: Math.min(6, level), text, bold: true };
  }
  const lead = runInLead(text, bold);
  return { kind: 'paragraph', text, ...(links.length > 0 ? { links } : {}), ...(lead ? { lead } : {}) };
}

/**
 * The run-in phrase of a paragraph or list item, from the bold words it opens with, without its
 * stop: a short phrase, not the whole text. "Source:" and "Note:" label a figure's or table's
 * furniture, not an item of the argument.
 */
export function runInLead(text: string, bold: string | undefined): string | undefined {
  if (!bold || bold === text || bold.split(/\s+/).length > 12 || TABLE_NOTE.test(bold)) return undefined;
  const lead = bold.replace(/[.:]\s*$/, '');
  return lead.length >= 2 ? lead : undefined;
}

/** A list block, with its items' links and run-in phrases where any item has them. */
export function listBlock(ordered: boolean, entries: readonly { text: string; links: Link[]; bold?: string }[]): Block {
  const links = entries.map((entry) => entry.links);
  const leads = entries.map((entry) => runInLead(entry.text, entry.bold));
  return {
    kind: 'list',
    ordered,
    items: entries.map((entry) => entry.text),
    ...(links.some((found) => found.length > 0) ? { links } : {}),
    ...(leads.some(Boolean) ? { leads } : {}),
  };
}

/**
 * Gives each table the lines that belong to it: the caption printed just above ("Table 1. Trump-Xi
 * Summits") and the source and note lines just below ("Source: White House.").
 */
export function gatherTables(blocks: readonly Block[]): Block[] {
  const gathered: Block[] = [];
  for (const block of blocks) {
    const previous = gathered.at(-1);
    if (block.kind === 'table') {
      const table = { ...block };
      if (!table.caption && previous?.kind === 'paragraph' && CAPTION.test(previous.text)) {
        table.caption = previous.text;
        gathered.pop();
      }
      gathered.push(table);
    } else if (previous?.kind === 'table' && block.kind === 'paragraph' && TABLE_NOTE.test(block.text)) {
      previous.notes = [...(previous.notes ?? []), block.text];
    } else {
      gathered.push(block);
    }
  }
  return gathered;
}

/**
 * Date and byline lines near the top ("Updated October 7, 2026", "By Jane Smith, Policy Unit")
 * belong to the article's head, not its text: taken out of its blocks into its date and byline.
 */
export function takeHeadLines(article: Article): void {
  const { blocks } = article;
  for (let index = 0; index < Math.min(4, blocks.length); index++) {
    const block = blocks[index]!;
    if ((block.kind !== 'paragraph' && block.kind !== 'heading') || block.text.length > 100) continue;
    // "By Jane Smith, Policy Unit", "12 May 2026 | by Jane Smith", "Prepared by the Regional Water
    // Office": at the line's start or after a separator, a capital opening the name; a sentence
    // that ends "… by a fifth." or "… approved by Parliament." is no byline.
    const byline =
      /(?:^|[|·–—-]\s*)(?:(?:[Pp]repared|[Ww]ritten|[Cc]ompiled)\s+)?[Bb]y\s+(?:the\s+)?(\p{Lu}[^\d,;|·.]{1,60}?)\s*(?:[,;|·–-].*|\d.*)?$/u.exec(
        block.text,
      );
    // A dateline, not a sentence that mentions a date ("On 7 May 2026, the House passed …").
    const date =
      /[.!?]["”’)]?$/.test(block.text) || block.text.split(/\s+/).length > 10 ? undefined : readDate(block.text);
    if (!byline && !date) continue;
    if (byline) article.byline ??= byline[1]!.trim();
    if (date) article.date ??= date;
    blocks.splice(index--, 1);
  }
}

/** White space as a reader sees it: runs folded into one space, none at the ends. */
export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The sentences of a text, whole, as the language's rules split them. */
export function sentences(text: string, lang: string): string[] {
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  const parts = [...segmenter.segment(normalise(text))].map((part) => part.segment.trim()).filter(Boolean);
  // "U.S. Department" and "e.g. the" are not sentence ends: a part that starts in lower case, or
  // follows an abbreviation of capitals, joins the one before.
  const joined: string[] = [];
  for (const part of parts) {
    const previous = joined.at(-1);
    if (
      previous &&
      (/^[a-z]/.test(part) ||
        /\b(?:[A-Z]\.){2,}$/.test(previous) ||
        /\b(?:e\.g|i\.e|etc|vs|cf|Dr|Mr|Mrs|Ms|St|No)\.$/.test(previous))
    ) {
      joined[joined.length - 1] = `${previous} ${part}`;
    } else {
      joined.push(part);
    }
  }
  return joined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** A date written in one of the usual ways (`2026-11-26`, `26 November 2026`, `November 26, 2026`), as `YYYY-MM-DD`. */
export function readDate(text: string): string | undefined {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  const pad = (value: number) => String(value).padStart(2, '0');
  const valid = (year: number, month: number, day: number) => {
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
      ? `${year}-${pad(month)}-${pad(day)}`
      : undefined;
  };
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const month = `(${MONTHS.join('|')}|${MONTHS.map((name) => name.slice(0, 3)).join('|')})\\.?`;
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${month}\\s+(\\d{4})\\b`, 'i').exec(text);
  if (dayFirst) return valid(Number(dayFirst[3]), monthNumber(dayFirst[2]!), Number(dayFirst[1]));
  const monthFirst = new RegExp(`\\b${month}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (monthFirst) return valid(Number(monthFirst[3]), monthNumber(monthFirst[1]!), Number(monthFirst[2]));
  return undefined;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  return MONTHS.findIndex((month) => month.startsWith(lower.slice(0, 3))) + 1;
}
