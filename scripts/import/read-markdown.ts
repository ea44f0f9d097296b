import MarkdownIt from 'markdown-it';
import { parse as parseYaml } from 'yaml';
import {
  type Article,
  type Block,
  gatherTables,
  type Link,
  listBlock,
  normalise,
  paragraphBlock,
  readDate,
} from './article.ts';

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

/** The web addresses an inline token links to, with the links' own words. */
function inlineLinks(token: Token | undefined): Link[] {
  const links: Link[] = [];
  const children = token?.children ?? [];
  children.forEach((child, index) => {
    if (child.type !== 'link_open') return;
    const url = child.attrGet('href') ?? '';
    if (!/^https?:\/\/\S+$/i.test(url)) return;
    const close = children.findIndex((other, at) => at > index && other.type === 'link_close');
    const words = children.slice(index + 1, close === -1 ? undefined : close).map((other) => other.content);
    links.push({ url, text: normalise(words.join('')) });
  });
  return links;
}

/** The bold words an inline token opens with (`**Export Controls.** …`), where it opens with them. */
function inlineLead(token: Token | undefined): string | undefined {
  // markdown-it opens with an empty text token before the emphasis.
  const children = (token?.children ?? []).filter((child) => child.type !== 'text' || child.content !== '');
  if (children[0]?.type !== 'strong_open') return undefined;
  const close = children.findIndex((child) => child.type === 'strong_close');
  if (close === -1) return undefined;
  const bold = normalise(
    children
      .slice(1, close)
      .map((child) => child.content)
      .join(''),
  );
  return bold.length >= 2 ? bold : undefined;
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
      const inline = tokens[index + 1];
      const text = inlineText(inline);
      const links = inlineLinks(inline);
      const bold = inlineLead(inline);
      if (text) blocks.push(paragraphBlock(text, bold, links, blocks));
    } else if (token.type === 'table_open' && token.level === 0) {
      const rows: string[][] = [];
      for (let inner = index + 1; inner < tokens.length && tokens[inner]!.type !== 'table_close'; inner++) {
        if (tokens[inner]!.type === 'tr_open') rows.push([]);
        else if (tokens[inner]!.type === 'inline') rows.at(-1)?.push(inlineText(tokens[inner]));
      }
      blocks.push({ kind: 'table', rows });
    } else if ((token.type === 'bullet_list_open' || token.type === 'ordered_list_open') && token.level === 0) {
      const entries: { text: string; links: Link[]; bold?: string }[] = [];
      for (
        let inner = index + 1;
        inner < tokens.length && !(tokens[inner]!.type.endsWith('_list_close') && tokens[inner]!.level === 0);
        inner++
      ) {
        // Each top-level item's own first paragraph; nested lists join their item's text.
        if (tokens[inner]!.type === 'inline' && tokens[inner]!.level <= 3) {
          const text = inlineText(tokens[inner]);
          const links = inlineLinks(tokens[inner]);
          const last = entries.at(-1);
          if (tokens[inner - 2]?.type === 'list_item_open' || !last)
            entries.push({ text, links, bold: inlineLead(tokens[inner]) });
          else {
            last.text = `${last.text} ${text}`;
            last.links.push(...links);
          }
        }
      }
      blocks.push(listBlock(token.type === 'ordered_list_open', entries));
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
  article.blocks = gatherTables(blocks);
  return article;
}
