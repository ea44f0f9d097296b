import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import { type Article, type Block, normalise, readDate } from './article.ts';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** The text of an inline token: emphasis and links give their words, code its content. */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return normalise(token?.content ?? '');
  return normalise(
    token.children
      .map((child) =>
        child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : child.type === 'image' ? '' : child.content,
      )
      .join(''),
  );
}

/** Reads a Markdown article: its front-matter's title, date and author if any, its first `#` heading as title. */
export function readMarkdown(text: string, lang: string): Article {
  const article: Article = { lang, blocks: [] };
  let body = text.replace(/\r\n?/g, '\n');
  const front = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (front) {
    body = body.slice(front[0].length);
    try {
      const data = parseYaml(front[1]!, { schema: 'core' }) as Record<string, unknown> | null;
      if (typeof data?.title === 'string') article.title = normalise(data.title);
      if (typeof data?.description === 'string') article.standfirst = normalise(data.description);
      if (typeof data?.author === 'string') article.byline = normalise(data.author);
      if (data?.date !== undefined) article.date = readDate(String(data.date));
    } catch {
      // Front-matter that is not YAML is left alone.
    }
  }
  const tokens = new MarkdownIt({ html: false }).parse(body, {});
  const blocks: Block[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type === 'heading_open') {
      blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), text: inlineText(tokens[index + 1]) });
    } else if (token.type === 'paragraph_open' && token.level === 0) {
      blocks.push({ kind: 'paragraph', text: inlineText(tokens[index + 1]) });
    } else if ((token.type === 'bullet_list_open' || token.type === 'ordered_list_open') && token.level === 0) {
      const items: string[] = [];
      for (
        let inner = index + 1;
        inner < tokens.length && !(tokens[inner]!.type.endsWith('_list_close') && tokens[inner]!.level === 0);
        inner++
      ) {
        // Each top-level item's own first paragraph; nested lists join their item's text.
        if (tokens[inner]!.type === 'inline' && tokens[inner]!.level <= 3) {
          const item = inlineText(tokens[inner]);
          if (tokens[inner - 2]?.type === 'list_item_open' || items.length === 0) items.push(item);
          else items[items.length - 1] = `${items.at(-1)} ${item}`;
        }
      }
      blocks.push({ kind: 'list', ordered: token.type === 'ordered_list_open', items });
    }
  }
  const first = blocks[0];
  if (first?.kind === 'heading' && first.level === 1) {
    article.title ??= first.text;
    blocks.shift();
  }
  const lead = blocks[0];
  if (!article.standfirst && lead?.kind === 'paragraph' && lead.text.length <= 400 && blocks[1]?.kind === 'paragraph') {
    // An emphasised or short first paragraph under the title reads as the standfirst.
    article.standfirst = lead.text;
    blocks.shift();
  }
  article.blocks = blocks;
  return article;
}
