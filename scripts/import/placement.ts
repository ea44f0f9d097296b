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
  const brief = normalise(textsOf(data).join('\n'));
  const all = article.blocks
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? sentences(block.text, article.lang)
        : block.kind === 'list'
          ? block.items.flatMap((item) => sentences(item, article.lang))
          : [],
    )
    .filter((sentence) => !isFurniture(sentence));
  const holds = (text: string) => brief.includes(normalise(text));
  // `Title: detail` is placed as an item's title and its detail.
  const placed = (sentence: string) => {
    const item = /^([^:]{2,120}):\s+(.+)$/s.exec(sentence);
    return holds(sentence) || (item !== null && holds(item[1]!) && holds(item[2]!));
  };
  const left = all.filter((sentence) => !placed(sentence));
  return { placed: all.length - left.length, total: all.length, left };
}
