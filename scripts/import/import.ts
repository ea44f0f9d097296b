import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Document, isMap, isSeq, type Node } from 'yaml';
import { loadBrief } from '../brief/load.ts';
import { validateBrief } from '../brief/validate.ts';
import { type Placement, placementOf } from './placement.ts';
import { listAudiences } from '../deck/templates.ts';
import { BriefError, formatBriefError, isBriefError, listBriefErrors } from '../errors.ts';
import type { Article } from './article.ts';
import { readDocx } from './read-docx.ts';
import { readHtml } from './read-html.ts';
import { readMarkdown } from './read-markdown.ts';
import { readText } from './read-text.ts';
import { type ImportComment, structureArticle } from './structure.ts';
import { loadVocabulary } from './vocabulary.ts';
import { guessLanguage } from './language.ts';

/** The language tag for "not yet known" (BCP 47's `und`): the file has not said, its words will. */
const UNDETERMINED = 'und';

export interface ImportOptions {
  file: string;
  templatesDir: string;
  /** `YYYY-MM-DD`: the date a brief gets when the article has none. */
  today: string;
  /** The language assumed when the article does not say. */
  lang?: string;
}

export interface ImportedBrief {
  /** The brief's text: YAML front-matter with TODO comments. */
  text: string;
  /** A file name for it, from the article's title. */
  slug: string;
  found: string[];
  unplaced: string[];
  /** How many of the article's sentences the brief holds, and which it does not. */
  placement: Placement;
}

async function readArticle(file: string, lang: string): Promise<Article> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new BriefError('read', 'no such file', { file }, 'check the path', { cause });
  }
  const extension = extname(file).toLowerCase();
  if (extension === '.docx') return readDocx(bytes, file, lang);
  if (bytes.includes(0)) {
    throw new BriefError(
      'import',
      'this is a binary file, not an article',
      { file },
      'import plain text (.txt), Markdown (.md), a saved web page (.html) or a Word document (.docx)',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (cause) {
    throw new BriefError('import', 'the file is not UTF-8 text', { file }, 'save the article as UTF-8 text', { cause });
  }
  if (extension === '.html' || extension === '.htm' || /^\s*<(?:!doctype html|html)\b/i.test(text))
    return readHtml(text, file, lang);
  if (extension === '.md' || extension === '.markdown') return readMarkdown(text, lang);
  if (extension === '.txt' || extension === '') return readText(text, lang);
  throw new BriefError(
    'import',
    `briefdeck cannot import "${extension}" files`,
    { file },
    'import plain text (.txt), Markdown (.md), a saved web page (.html) or a Word document (.docx)',
  );
}

/** A file name from a title: lower-case words joined by dashes, accents dropped. */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const short = slug.length > 60 ? slug.slice(0, 60).replace(/-[^-]*$/, '') : slug;
  return short || fallback;
}

/** Puts each comment before its field or list item. */
function comment(document: Document, comments: readonly ImportComment[]): void {
  for (const { path, text } of comments) {
    let node: unknown = document.contents;
    let target: Node | undefined;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown }).value === segment);
        target = pair?.key as Node | undefined;
        node = pair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        target = node.items[segment] as Node | undefined;
        node = target;
      }
    }
    if (target) target.commentBefore = text;
  }
}

/**
 * `briefdeck import`: reads an article, finds its structure and writes the skeleton of a brief in
 * the article's own words, which must pass `briefdeck check` as it is.
 */
export async function importArticle(options: ImportOptions): Promise<ImportedBrief> {
  // `und`: undetermined, until the file says (an HTML page's lang) or its words do.
  const read = await readArticle(options.file, options.lang ?? UNDETERMINED);
  const article = read.lang === UNDETERMINED ? { ...read, lang: guessLanguage(read, 'en') } : read;
  if (!article.title || article.blocks.length === 0) {
    throw new BriefError(
      'import',
      'no article was found in this file: it has no title or no text',
      { file: options.file },
      'an article starts with its title, followed by its text',
    );
  }
  const vocabulary = loadVocabulary(options.templatesDir, article.lang);
  const structured = structureArticle(article, vocabulary, options.today);
  const document = new Document(structured.data);
  comment(document, structured.comments);
  document.commentBefore = ` Imported by briefdeck from ${basename(options.file)}. Every text below is the article's own words.\n Check each field, rewrite what a TODO marks, and add a marking and sources.`;
  const front = `---\n${document.toString({ lineWidth: 100, minContentWidth: 40 })}---\n`;
  const text = structured.body ? `${front}\n${structured.body}\n` : front;
  // The skeleton must check as it is; a failure here is briefdeck's mistake, said plainly.
  try {
    validateBrief(loadBrief({ file: options.file, bytes: new TextEncoder().encode(text) }), {
      audiences: listAudiences(options.templatesDir),
    });
  } catch (error) {
    if (!isBriefError(error)) throw error;
    const problems = listBriefErrors(error).map(formatBriefError).join('\n');
    throw new BriefError(
      'import',
      `the brief made from this article does not check:\n${problems}`,
      { file: options.file },
      'this is a bug in briefdeck import; please report it with the article',
    );
  }
  return {
    text,
    slug: slugify(String(structured.data.title), basename(options.file, extname(options.file))),
    found: structured.found,
    unplaced: structured.unplaced,
    placement: placementOf(article, structured, (text) => vocabulary.isCruft(text)),
  };
}
