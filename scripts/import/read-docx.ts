import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { BriefError } from '../errors.ts';
import { type Article, readDate, takeHeadLines } from './article.ts';
import { blocksOfHtml } from './read-html.ts';

/**
 * The date in a Word file's core properties: when it was last saved, else created. Word keeps
 * them in `docProps/core.xml` as W3C dates (`2026-10-07T09:30:00Z`).
 */
function coreDate(bytes: Uint8Array): string | undefined {
  let core: Uint8Array | undefined;
  try {
    core = unzipSync(bytes, { filter: (file) => file.name === 'docProps/core.xml' })['docProps/core.xml'];
  } catch {
    return undefined;
  }
  if (!core) return undefined;
  const xml = strFromU8(core);
  for (const name of ['modified', 'created']) {
    const value = new RegExp(`<dcterms:${name}\\b[^>]*>([^<]+)</dcterms:${name}>`).exec(xml)?.[1];
    const date = value ? readDate(value) : undefined;
    if (date) return date;
  }
  return undefined;
}

/**
 * Reads a Word document through mammoth, whose HTML keeps the document's heading styles as
 * headings; its date is the one printed under its title, else its core properties' date.
 */
export async function readDocx(bytes: Uint8Array, file: string, lang: string): Promise<Article> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (cause) {
    throw new BriefError(
      'import',
      'this is not a Word document briefdeck can read: it is damaged, encrypted or in another format',
      { file },
      'open it in Word and save it again as .docx, or save the article as plain text',
      { cause },
    );
  }
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const blocks = blocksOfHtml(document.body as unknown as Element);
  const article: Article = { lang, blocks };
  const first = blocks[0];
  if (first?.kind === 'heading' || first?.kind === 'paragraph') {
    article.title = first.text;
    blocks.shift();
  }
  takeHeadLines(article);
  article.date ??= coreDate(bytes);
  const lead = blocks[0];
  if (lead?.kind === 'paragraph' && lead.text.length <= 400 && blocks[1]?.kind === 'paragraph') {
    article.standfirst = lead.text;
    blocks.shift();
  }
  return article;
}
