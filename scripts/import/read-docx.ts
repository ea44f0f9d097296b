import mammoth from 'mammoth';
import { parseHTML } from 'linkedom';
import { BriefError } from '../errors.ts';
import type { Article } from './article.ts';
import { blocksOfHtml } from './read-html.ts';

/** Reads a Word document through mammoth, whose HTML keeps the document's heading styles as headings. */
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
  const lead = blocks[0];
  if (lead?.kind === 'paragraph' && lead.text.length <= 400 && blocks[1]?.kind === 'paragraph') {
    article.standfirst = lead.text;
    blocks.shift();
  }
  return article;
}
