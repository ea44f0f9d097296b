import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BriefError } from '../errors.ts';

/** The brief fields a section heading can name. */
export const SECTION_FIELDS = [
  'actions',
  'takeaways',
  'summary',
  'pros',
  'cons',
  'outlook',
  'context',
  'pillars',
] as const;
export type SectionField = (typeof SECTION_FIELDS)[number];

export interface Vocabulary {
  /** The fields a heading names, in the vocabulary's order of precedence. */
  fieldsOf(heading: string): SectionField[];
  /** Whether a line is the page's furniture (share buttons, comment prompts, footers). */
  isCruft(line: string): boolean;
}

type Words = Partial<Record<SectionField | 'cruft' | 'addressees', string[]>>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A phrase as a whole-word pattern; `…` stands for any words between, `{addressee}` for any of
 * the vocabulary's addressees ("options for {addressee}": "Options for the Committee").
 */
const phrasePattern = (phrase: string, addressees: readonly string[]) =>
  new RegExp(
    `(?:^|[^\\p{L}\\p{N}])${phrase
      .trim()
      .split(/\s*…\s*/)
      .map((part) =>
        part
          .split('{addressee}')
          .map(escapeRegExp)
          .join(`(?:${addressees.map(escapeRegExp).join('|') || '(?!)'})`),
      )
      .join('\\b.+\\b')}(?:$|[^\\p{L}\\p{N}])`,
    'iu',
  );

/** Reads `templates/import/vocabulary.yaml`: the language's words, English where it has none. */
export function loadVocabulary(templatesDir: string, lang: string): Vocabulary {
  const file = join(templatesDir, 'import', 'vocabulary.yaml');
  let all: Record<string, Words>;
  try {
    all = parse(readFileSync(file, 'utf8')) as Record<string, Words>;
  } catch (cause) {
    throw new BriefError(
      'import',
      'the import vocabulary cannot be read',
      { file },
      'it lists, per language, the heading words of each brief field',
      { cause },
    );
  }
  const primary = lang.toLowerCase().split('-')[0]!;
  const words = { ...all.en, ...all[primary], ...all[lang.toLowerCase()] };
  const addressees = words.addressees ?? [];
  const pattern = (phrase: string) => phrasePattern(phrase, addressees);
  const patterns = SECTION_FIELDS.map((field) => ({ field, patterns: (words[field] ?? []).map(pattern) }));
  const cruft = (words.cruft ?? []).map(pattern);
  return {
    fieldsOf: (heading) =>
      patterns.filter(({ patterns: list }) => list.some((pattern) => pattern.test(heading))).map(({ field }) => field),
    // Short lines only: a paragraph that mentions comments is still article text.
    isCruft: (line) => line.length <= 80 && cruft.some((pattern) => pattern.test(line)),
  };
}
