import { type Article, normalise, sentences } from './article.ts';

// How much of the article the brief holds: each sentence of its paragraphs and list items is
// placed when it stands whole in some text of the brief, a field or the presenter notes.

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
  data: Record<string, unknown>,
  isFurniture: (text: string) => boolean,
): Placement {
  // Compared without case: an addressee or title may open with a capital the article's words lack.
  const brief = normalise(textsOf(data).join('\n')).toLowerCase();
  const all = article.blocks
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? sentences(block.text, article.lang)
        : block.kind === 'list'
          ? block.items.flatMap((item) => sentences(item, article.lang))
          : [],
    )
    .filter((sentence) => !isFurniture(sentence));
  // A run-in phrase ("Lower cost.") stands as an item's title without its stop.
  const holds = (text: string) => {
    const words = normalise(text).toLowerCase();
    return brief.includes(words) || brief.includes(words.replace(/[.:]$/, ''));
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
