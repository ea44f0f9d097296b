import { type Article, normalise, sentences } from './article.ts';
import { tableTexts } from './tables.ts';

// How much of the article the brief holds: each sentence of its paragraphs and list items is
// placed when it stands whole in some text of the brief, a field or the presenter notes; each
// caption, row and note of its tables, when the appendix holds its table.

export interface Placement {
  placed: number;
  total: number;
  /** The sentences found nowhere in the brief, in the article's order. */
  left: string[];
}

function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

/** `isFurniture` tells the page's own lines (share prompts, comment counts), which are not the article's. */
export function placementOf(
  article: Article,
  brief: { data: Record<string, unknown>; body: string },
  isFurniture: (text: string) => boolean,
): Placement {
  // Compared without case: an addressee or title may open with a capital the article's words lack.
  const fields = normalise(textsOf(brief.data).join('\n')).toLowerCase();
  // The body's Markdown, read back as the words a slide shows.
  const body = normalise(
    // Cell borders first, then the escapes, so an escaped pipe stays the cell's own.
    brief.body
      .replace(/\s*(?<!\\)\|\s*/g, ' ')
      .replace(/\\(.)/g, '$1')
      .replace(/&amp;/g, '&'),
  ).toLowerCase();
  const all = article.blocks
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? sentences(block.text, article.lang)
        : block.kind === 'list'
          ? block.items.flatMap((item) => sentences(item, article.lang))
          : block.kind === 'table'
            ? tableTexts(block)
            : [],
    )
    .filter((sentence) => !isFurniture(sentence));
  // A run-in phrase ("Lower cost.") stands as an item's title without its stop.
  const holds = (text: string) => {
    const words = normalise(text).toLowerCase();
    return [fields, body].some((where) => where.includes(words) || where.includes(words.replace(/[.:]$/, '')));
  };
  // `Title: detail` is placed as an item's title and its detail.
  const placed = (sentence: string) => {
    const item = /^([^:]{2,120}):\s+(.+)$/s.exec(sentence);
    // `For the ministry: …` is placed as the group for the ministry and its points.
    return holds(sentence) || (item !== null && holds(item[1]!.replace(/^for\s+/i, '')) && holds(item[2]!));
  };
  const left = all.filter((sentence) => !placed(sentence));
  return { placed: all.length - left.length, total: all.length, left };
}
