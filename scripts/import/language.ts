// An article that does not say its language (plain text, Markdown, most Word files) is read by
// its words: franc compares the text's letter trigrams with those of each language briefdeck has
// labels and heading words for.
import { franc } from 'franc-min';
import type { Article } from './article.ts';

/** ISO 639-3, as franc names languages, to the BCP-47 tag a brief's `lang` takes. */
const TAGS: Record<string, string> = {
  eng: 'en',
  deu: 'de',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
  pol: 'pl',
  rus: 'ru',
  ukr: 'uk',
  arb: 'ar',
  heb: 'he',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
};

/** The article's language from its text, or `fallback` where the text is too short to tell. */
export function guessLanguage(article: Article, fallback: string): string {
  const text = [
    article.title,
    article.standfirst,
    ...article.blocks.flatMap((block) =>
      block.kind === 'paragraph' || block.kind === 'heading' ? [block.text] : block.kind === 'list' ? block.items : [],
    ),
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 20_000);
  const code = franc(text, { minLength: 40, only: Object.keys(TAGS) });
  return TAGS[code] ?? fallback;
}
