import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { BriefError } from '../errors.ts';
import {
  type Article,
  type Block,
  gatherTables,
  type Link,
  listBlock,
  normalise,
  paragraphBlock,
  readDate,
  takeHeadLines,
} from './article.ts';

/** The web addresses an element links to, with the links' own words; in-page anchors are not evidence. */
function linksIn(element: Element): Link[] {
  return [...element.querySelectorAll('a[href]')].flatMap((anchor) => {
    const url = anchor.getAttribute('href')?.trim() ?? '';
    return /^https?:\/\/[^\s]+$/i.test(url) ? [{ url, text: normalise(anchor.textContent ?? '') }] : [];
  });
}

/** The bold words a paragraph opens with, where it opens with a bold run. */
function leadingBold(element: Element): string | undefined {
  const first = [...element.childNodes].find((node) => node.nodeType !== 3 || (node.textContent ?? '').trim() !== '');
  if (first?.nodeType !== 1) return undefined;
  const tag = (first as Element).tagName.toLowerCase();
  if (tag !== 'strong' && tag !== 'b') return undefined;
  const bold = normalise(first.textContent ?? '');
  return bold.length >= 2 ? bold : undefined;
}

/**
 * A table's rows of cell texts, where it holds data: two rows and two columns at least. A page laid
 * out with a table, one cell wide or one row high, is read as the text it holds.
 */
function tableRows(table: Element): string[][] | undefined {
  const rows = [...table.querySelectorAll('tr')]
    // Rows of this table, not of a table inside one of its cells.
    .filter((row) => row.closest('table') === table)
    .map((row) =>
      [...row.children]
        .filter((cell) => /^t[dh]$/i.test(cell.tagName))
        // A cell's paragraphs, a space between each; else its text.
        .map((cell) => {
          const parts = [...cell.querySelectorAll('p')].map((part) => part.textContent ?? '');
          return normalise(parts.length > 0 ? parts.join(' ') : (cell.textContent ?? ''));
        }),
    )
    .filter((cells) => cells.some((cell) => cell !== ''));
  const width = Math.max(0, ...rows.map((cells) => cells.length));
  if (rows.length < 2 || width < 2) return undefined;
  return rows.map((cells) => [...cells, ...Array<string>(width - cells.length).fill('')]);
}

/** The bold words a list item opens with, itself or in its first paragraph. */
function itemBold(item: Element): string | undefined {
  const first = item.firstElementChild;
  return leadingBold(item) ?? (first?.tagName.toLowerCase() === 'p' ? leadingBold(first) : undefined);
}

/** Headings, paragraphs, lists and tables of an article's HTML, in order. */
export function blocksOfHtml(root: Element): Block[] {
  // A line break inside a paragraph or cell separates words, as it does on the page.
  for (const lineBreak of root.querySelectorAll('br')) lineBreak.replaceWith(' ');
  const blocks: Block[] = [];
  const visit = (element: Element) => {
    const tag = element.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      const text = normalise(element.textContent ?? '');
      if (text) blocks.push({ kind: 'heading', level: Number(tag[1]), text });
    } else if (tag === 'p') {
      const text = normalise(element.textContent ?? '');
      const links = linksIn(element);
      const bold = leadingBold(element);
      if (text) blocks.push(paragraphBlock(text, bold, links, blocks));
    } else if (tag === 'ul' || tag === 'ol') {
      const entries = [...element.children]
        .filter((child) => child.tagName.toLowerCase() === 'li')
        .map((item) => ({ text: normalise(item.textContent ?? ''), links: linksIn(item), bold: itemBold(item) }))
        .filter((entry) => entry.text);
      if (entries.length > 0) blocks.push(listBlock(tag === 'ol', entries));
    } else if (tag === 'table') {
      const rows = tableRows(element);
      const caption = normalise(element.querySelector('caption')?.textContent ?? '');
      if (rows) blocks.push({ kind: 'table', rows, ...(caption ? { caption } : {}) });
      else for (const child of element.children) visit(child);
    } else if (['script', 'style', 'nav', 'aside', 'footer', 'form', 'figure', 'button'].includes(tag)) {
      // not article text
    } else {
      for (const child of element.children) visit(child);
    }
  };
  visit(root);
  return gatherTables(blocks);
}

const meta = (document: Document, ...names: string[]) => {
  for (const name of names) {
    const value = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`)?.getAttribute('content');
    if (value?.trim()) return normalise(value);
  }
  return undefined;
};

/**
 * A page with no date in its metadata may print one near its top, on a line of its own
 * ("Updated October 7, 2026", "7 October 2026"): the first short line that holds a date.
 */
function datelineOf(document: ReturnType<typeof parseHTML>['document']): string | undefined {
  for (const element of document.body?.querySelectorAll('*') ?? []) {
    if (element.children.length > 0) continue;
    const text = normalise(element.textContent ?? '');
    if (text.length > 0 && text.length <= 60 && readDate(text)) return text;
  }
  return undefined;
}

/**
 * Reads a saved web page: Mozilla's Readability (Firefox's reader view) finds the article and
 * drops navigation, sidebars, footers and comment forms; the page's metadata gives its title,
 * standfirst, date, byline and address.
 */
export function readHtml(html: string, file: string, fallbackLang: string): Article {
  const { document } = parseHTML(html);
  const lang = document.documentElement?.getAttribute('lang')?.trim() || fallbackLang;
  const published =
    meta(document, 'article:published_time', 'date', 'dc.date', 'pubdate') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    datelineOf(document) ??
    undefined;
  const head = {
    title: meta(document, 'og:title', 'twitter:title'),
    standfirst: meta(document, 'description', 'og:description', 'twitter:description'),
    byline: meta(document, 'author', 'article:author'),
    url: meta(document, 'og:url') ?? document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined,
    date: published ? readDate(published) : undefined,
  };
  const parsed = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
  if (!parsed?.content || normalise(parsed.textContent ?? '').length < 200) {
    throw new BriefError(
      'import',
      'no article text was found in this page',
      { file },
      'save the article page itself (not a front page or a search result), or copy its text into a .txt file',
    );
  }
  const { document: articleDocument } = parseHTML(`<!DOCTYPE html><html><body>${parsed.content}</body></html>`);
  const blocks = blocksOfHtml(articleDocument.body as unknown as Element);
  const title = head.title ?? (parsed.title ? normalise(parsed.title) : undefined);
  // Readability may keep the title as the article's first heading.
  if (blocks[0]?.kind === 'heading' && blocks[0].text === title) blocks.shift();
  const byline = head.byline ?? (parsed.byline ? normalise(parsed.byline).replace(/^by\s+/i, '') : undefined);
  const article: Article = {
    lang,
    title,
    standfirst: head.standfirst ?? (parsed.excerpt ? normalise(parsed.excerpt) : undefined),
    byline,
    url: head.url && /^https?:\/\//.test(head.url) ? head.url : undefined,
    date: head.date,
    blocks,
  };
  // A byline or dateline printed at the top of the text ("By Priya Raman · 19 August 2026").
  takeHeadLines(article);
  // Readability may keep the standfirst as the first paragraph too.
  if (blocks[0]?.kind === 'paragraph' && blocks[0].text === article.standfirst) blocks.shift();
  return article;
}
