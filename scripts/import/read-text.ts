import { type Article, type Block, normalise, takeHeadLines } from './article.ts';

// Plain text has no markup, so headings are read from how lines look: short, no closing full
// stop, and followed by text. Paragraphs are lines, or blank-line-separated groups of lines
// where the text is wrapped.

const BULLET = /^\s*(?:[-•*–]|\d+[.)])\s+/;
const MAX_HEADING = 90;

/** Units of text: each line, or each blank-line-separated group when the text is wrapped. */
function units(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') groups.push([]);
    else groups.at(-1)!.push(line);
  }
  const filled = groups.filter((group) => group.length > 0);
  // A text whose paragraphs are single lines gains nothing from grouping.
  if (filled.every((group) => group.length === 1) || filled.length < 3)
    return lines.filter((line) => line.trim()).map((line) => [line]);
  return filled.flatMap(splitGroup);
}

/**
 * A blank-line-separated group as units: bullet lines each start a unit (indented lines carry on
 * the item), a line above them stands alone (the "Pros" over a list), and lines that each end a
 * sentence ("For ministers: …." one under another) are paragraphs of their own.
 */
function splitGroup(group: string[]): string[][] {
  // A heading written straight above its text ("Summary", then the paragraph) is a unit of its own.
  if (group.length > 1 && headsGroup(group[0]!, group[1]!)) return [[group[0]!], ...splitGroup(group.slice(1))];
  if (group.length > 1 && group.every((line) => /[.!?:]["”’)]?\s*$/.test(line))) return group.map((line) => [line]);
  if (!group.some((line) => BULLET.test(line))) return [group];
  const result: string[][] = [];
  for (const line of group) {
    const last = result.at(-1);
    const inItem = last !== undefined && BULLET.test(last[0]!);
    if (inItem && !BULLET.test(line) && /^\s+/.test(line)) result[result.length - 1] = [`${last[0]} ${line.trim()}`];
    else if (BULLET.test(line) || !last || inItem) result.push([line]);
    else last.push(line);
  }
  return result;
}

/** Outline numbering (`2.1`, `3.2.1`): a heading's depth is its number's. */
const OUTLINE = /^\s*\d+(?:\.\d+)+\.?\s+\S/;
const isCapitals = (line: string) => /\p{Lu}{2}/u.test(line) && !/\p{Ll}/u.test(line);

/**
 * Whether the first line of a group of lines is a heading over the rest, not the start of a
 * wrapped paragraph: short, no closing stop, followed by a line that opens a sentence, and set
 * apart by its look (capitals, outline number) or by being much shorter than a wrapped line.
 */
function headsGroup(first: string, second: string): boolean {
  const text = first.trim();
  if (text.length > 60 || text.split(/\s+/).length > 10 || /[.!?;,:]["”’)]?$/.test(text) || BULLET.test(second))
    return false;
  if (!/^\s*["“‘(]?[\p{Lu}\d]/u.test(second)) return false;
  return isCapitals(text) || OUTLINE.test(text) || second.trim().length >= text.length + 30;
}

/**
 * A heading's level: an outline number's depth (`2.1` is under `2.`); a numbered line is a section
 * where the article numbers its sections in capitals or in outline, else an item's sub-heading; a
 * line introducing a list (`Advantages:`) is under the section it stands in.
 */
function headingLevelOf(line: string, numberedSections: boolean): number {
  const outline = /^\s*(\d+(?:\.\d+)+)\.?\s/.exec(line);
  if (outline) return Math.min(6, 1 + outline[1]!.split('.').length);
  if (/^\s*\d+[.)]\s/.test(line)) return numberedSections || isCapitals(line) ? 2 : 3;
  return /:$/.test(line.trim()) ? 3 : 2;
}

function looksLikeHeading(line: string, next: string | undefined): boolean {
  const text = line.trim();
  if (text.length > MAX_HEADING || /[.!?;,]["”’)]?$/.test(text) || /^[-•*–]\s/.test(text)) return false;
  if (next === undefined) return false;
  // A line introducing a list ("Pros:") or numbered item ("1. Military aid:") is a heading when short.
  return /:$/.test(text) ? text.length <= 60 : text.split(/\s+/).length <= 12;
}

/** Reads a plain-text article: the first line is its title, a short second paragraph its standfirst. */
export function readText(text: string, lang: string): Article {
  const blocks: Block[] = [];
  const all = units(text);
  const numberedSections = all.some((group) => group.length === 1 && OUTLINE.test(group[0]!));
  for (let index = 0; index < all.length; index++) {
    const group = all[index]!;
    if (group.length === 2 && /^[=-]{3,}\s*$/.test(group[1]!)) {
      blocks.push({ kind: 'heading', level: group[1]!.trim().startsWith('=') ? 1 : 2, text: normalise(group[0]!) });
      continue;
    }
    if (group.every((line) => BULLET.test(line))) {
      const ordered = /^\s*\d/.test(group[0]!);
      // Single-line units: consecutive bullet lines make one list.
      const items = group.map((line) => normalise(line.replace(BULLET, '')));
      const previous = blocks.at(-1);
      const short =
        items.length === 1 && ordered && looksLikeHeading(group[0]!.replace(BULLET, ''), all[index + 1]?.[0]);
      if (short) {
        blocks.push({
          kind: 'heading',
          level: headingLevelOf(group[0]!, numberedSections),
          text: normalise(group[0]!),
        });
      } else if (previous?.kind === 'list' && previous.ordered === ordered && group.length === 1) {
        previous.items.push(...items);
      } else {
        blocks.push({ kind: 'list', ordered, items });
      }
      continue;
    }
    const line = normalise(group.join(' '));
    const next = all[index + 1]?.join(' ');
    if (index > 0 && group.length === 1 && looksLikeHeading(line, next)) {
      blocks.push({ kind: 'heading', level: headingLevelOf(line, numberedSections), text: line });
    } else {
      blocks.push({ kind: 'paragraph', text: line });
    }
  }
  const article: Article = { lang, blocks };
  const first = blocks[0];
  if (first && (first.kind === 'paragraph' || first.kind === 'heading')) {
    article.title = first.text;
    blocks.shift();
  }
  takeHeadLines(article);
  const lead = blocks[0];
  if (lead?.kind === 'paragraph' && lead.text.length <= 400 && blocks[1] && blocks[1].kind !== 'heading') {
    article.standfirst = lead.text;
    blocks.shift();
  }
  return article;
}
