import { quoted } from '../errors.ts';
import { type Article, type Block, type Link, sentences } from './article.ts';
import { takeTables } from './tables.ts';
import type { SectionField, Vocabulary } from './vocabulary.ts';

// Maps an article's sections to the fields of a brief by what their headings mean, taking only
// the article's own words: titles, headings and whole sentences (issue: from article to brief).

/** A YAML comment for the briefer, placed before a field or list item. */
export interface ImportComment {
  path: (string | number)[];
  text: string;
}

export interface StructuredBrief {
  data: Record<string, unknown>;
  /** The brief's Markdown body: the article's tables, each an appendix slide. */
  body: string;
  comments: ImportComment[];
  /** What was found, for the summary the command prints. */
  found: string[];
  /** What could not be placed, or was dropped as page furniture. */
  unplaced: string[];
}

interface Section {
  heading: string;
  blocks: Block[];
}

interface Item {
  title: string;
  detail?: string;
  sources?: string[];
}

/** The longest standfirst that reads as a subtitle on a title slide, in characters. */
const SUBTITLE_MAX = 200;

const quote = (text: string) => quoted(text, 60);

/** A heading without its numbering ("1.", "2.1", "IV)") and closing colon. */
const cleanHeading = (text: string) =>
  text
    .replace(/^(?:\d+(?:\.\d+)+\.?|(?:\d+|[IVXLC]+|[A-Za-z])[.)])\s+/, '')
    .replace(/\s*:$/, '')
    .trim();

/**
 * Whom a call-to-action heading addresses: "Issues for Congress" → Congress, "Issues Facing
 * Congress" → Congress, "What policymakers should do" → Policymakers; else the heading itself.
 */
function addresseeOf(heading: string): string {
  const clean = cleanHeading(heading);
  const named =
    /\b(?:for|facing)\s+(?:the\s+)?(.+)$/i.exec(clean)?.[1] ??
    /^what\s+(?:the\s+)?(.+?)\s+(?:should|must|can|could|might)\b/i.exec(clean)?.[1];
  return named ? addressee(named) : clean;
}

/** An addressee as a group's heading shows it: its first letter a capital. */
const addressee = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

const paragraphs = (blocks: Block[]) => blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []));
const listItems = (blocks: Block[]) => blocks.flatMap((block) => (block.kind === 'list' ? block.items : []));
const textOf = (blocks: Block[]) =>
  blocks
    .flatMap((block) => (block.kind === 'list' ? block.items : block.kind === 'table' ? [] : [block.text]))
    .join('\n\n');

/** `Title: detail`, where the title is a phrase, not a sentence. */
const TITLED = /^(?:[^:.!?]{2,120}):\s+\S/;

/** `Title: detail` (or `**Title:** detail`) as title and detail; else a short item is all title. */
function splitItem(text: string, lang: string): Item {
  const lead = /^(.{2,120}?):\s+(\S[\s\S]*)$/.exec(text);
  if (lead && !/[.!?]\s/.test(lead[1]!)) return { title: lead[1]!.trim(), detail: lead[2]!.trim() };
  const [first, ...rest] = sentences(text, lang);
  if (!first || rest.length === 0) return { title: text };
  return { title: first, detail: rest.join(' ') };
}

/** The level of the highest headings among the blocks; Infinity where there are none. */
const headingLevel = (blocks: Block[]) =>
  Math.min(...blocks.flatMap((block) => (block.kind === 'heading' ? [block.level] : [])));

/** Splits a section at its sub-headings (headings deeper than its own); without any, it is all intro. */
function subsections(blocks: Block[]): { intro: Block[]; parts: Section[] } {
  const level = headingLevel(blocks);
  const intro: Block[] = [];
  const parts: Section[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading' && block.level === level) parts.push({ heading: block.text, blocks: [] });
    else if (parts.length > 0) parts.at(-1)!.blocks.push(block);
    else intro.push(block);
  }
  return { intro, parts };
}

/** Drops the page's furniture: share and comment prompts, related links, and what follows such a heading. */
function withoutCruft(blocks: Block[], vocabulary: Vocabulary, unplaced: string[]): Block[] {
  const kept: Block[] = [];
  const sectionLevel = headingLevel(blocks);
  let skipping: number | undefined;
  blocks.forEach((block, index) => {
    if (block.kind === 'heading' && skipping !== undefined && block.level <= skipping) skipping = undefined;
    if (skipping !== undefined) return;
    const text = block.kind === 'list' || block.kind === 'table' ? '' : block.text;
    if (text && vocabulary.isCruft(text)) {
      unplaced.push(`dropped as page furniture: ${quote(text)}`);
      if (block.kind === 'heading') skipping = block.level;
      return;
    }
    // A line that introduces a list of links the page no longer has ("readers can refer to:"): it
    // ends its section. One that introduces numbered sub-headings ("several key pillars:") is text.
    const next = blocks[index + 1];
    if (
      block.kind === 'paragraph' &&
      /:$/.test(block.text) &&
      (!next || (next.kind === 'heading' && next.level <= sectionLevel))
    ) {
      unplaced.push(`dropped, its list is missing: ${quote(block.text)}`);
      return;
    }
    kept.push(block);
  });
  return kept;
}

class Importer {
  readonly data: Record<string, unknown> = {};
  readonly comments: ImportComment[] = [];
  readonly found: string[] = [];
  readonly unplaced: string[] = [];
  /** The heading of the section the bottom line came from, where one did. */
  summaryHeading?: string;

  /** The bold phrase each paragraph opens with, by its text. */
  private readonly leadOf = new Map<string, string>();
  /** The links of each paragraph and list item, by its text. */
  private readonly linksOf = new Map<string, Link[]>();
  /** The article's links as sources, one per address, in the order they are first cited. */
  readonly linkSources = new Map<string, { id: string; title: string; publisher: string; url: string }>();

  constructor(
    private readonly article: Article,
    private readonly vocabulary: Vocabulary,
  ) {
    for (const block of article.blocks) {
      if (block.kind === 'paragraph' && block.links) this.linksOf.set(block.text, block.links);
      if (block.kind === 'paragraph' && block.lead) this.leadOf.set(block.text, block.lead);
      if (block.kind === 'list')
        block.items.forEach((item, index) => {
          if (block.links?.[index]?.length) this.linksOf.set(item, block.links[index]);
          if (block.leads?.[index]) this.leadOf.set(item, block.leads[index]);
        });
    }
  }

  /**
   * The ids of the sources the texts link to, each address made a source the first time: its
   * host as publisher, the link's own words as title where they name the page (else the host);
   * nothing else is known.
   */
  cite(texts: readonly string[], within?: string): string[] | undefined {
    const ids = new Set<string>();
    // Of a paragraph cut into items, each cites the links whose words it holds.
    const links = texts.flatMap((text) => this.linksOf.get(text) ?? []);
    for (const link of within === undefined ? links : links.filter((found) => within.includes(found.text))) {
      let source = this.linkSources.get(link.url);
      if (!source) {
        const host = new URL(link.url).hostname.replace(/^www\./, '');
        const taken = [...this.linkSources.values()].filter((other) => other.publisher === host).length;
        source = {
          id: taken === 0 ? host : `${host}-${taken + 1}`,
          // Words that name the page ("the Department's 2026 report"), not a verb the link hangs on.
          title: link.text.split(/\s+/).length >= 3 && !/^https?:/i.test(link.text) ? link.text : host,
          publisher: host,
          url: link.url,
        };
        this.linkSources.set(link.url, source);
      }
      ids.add(source.id);
    }
    return ids.size > 0 ? [...ids] : undefined;
  }

  private sentences(text: string): string[] {
    return sentences(text, this.article.lang);
  }

  /** Context and outlook: the heading, the first sentence as summary, each later paragraph's first sentence as a point, all as notes. */
  section(section: Section): Record<string, unknown> {
    const texts = paragraphs(section.blocks);
    const summary = texts[0] ? this.sentences(texts[0])[0] : undefined;
    const points = [
      ...texts.slice(1).flatMap((text) => this.sentences(text).slice(0, 1)),
      ...listItems(section.blocks),
    ];
    const notes = textOf(section.blocks.filter((block) => block.kind !== 'heading'));
    // Context and outlook cannot cite: their links are listed among the sources.
    this.cite([...paragraphs(section.blocks), ...listItems(section.blocks)]);
    return {
      title: cleanHeading(section.heading),
      summary,
      points: points.length > 0 ? points : undefined,
      notes: notes || undefined,
    };
  }

  /** Pros, cons, takeaways: the section's list items, else its paragraphs, as title and detail. */
  items(blocks: Block[], heading?: string): Item[] {
    const fromLists = listItems(blocks);
    const sources = fromLists.length > 0 ? fromLists : paragraphs(blocks);
    if (heading && fromLists.length > 0) {
      for (const text of paragraphs(blocks))
        this.unplaced.push(`${quote(heading)}: a paragraph beside its list, left out: ${quote(text)}`);
    }
    return sources.flatMap((text) => {
      // A paragraph of short plain sentences ("Low cost per unit of clean power. Existing sites
      // are used.") lists one argument a sentence; a titled one is one item.
      const each = this.sentences(text);
      const listing =
        fromLists.length === 0 &&
        !this.leadOf.has(text) &&
        !TITLED.test(text) &&
        each.length > 1 &&
        each.every((sentence) => sentence.length <= 150);
      return listing
        ? each.map((sentence) => ({ title: sentence, sources: this.cite([text], sentence) }))
        : [{ ...this.splitItem(text), sources: this.cite([text]) }];
    });
  }

  /** An item's title and detail: its bold lead where it opens with one, else as `splitItem` reads it. */
  splitItem(text: string): Item {
    const lead = this.leadOf.get(text);
    if (lead) {
      const detail = text
        .slice(lead.length)
        .replace(/^[\s.:]+/, '')
        .trim();
      if (detail) return { title: lead, detail };
    }
    return splitItem(text, this.article.lang);
  }

  /** A run-in item's opening as a point: its phrase and its first sentence (`Vouchers. Each premises …`). */
  private runInPoint(text: string): string {
    const [first, second] = this.sentences(text);
    // The phrase may end its own sentence ("Vouchers."): the point goes on to the next.
    return second && first!.replace(/[.:]$/, '') === this.leadOf.get(text) ? `${first} ${second}` : first!;
  }

  /** A pillar: its heading, its first sentence as summary, the rest of that paragraph as points, the rest as notes. */
  pillar(title: string, blocks: Block[]): Record<string, unknown> | undefined {
    const texts = paragraphs(blocks);
    // Paragraphs and list items, in the order they stand.
    const inOrder = textOf(blocks.filter((block) => block.kind !== 'heading')).split('\n\n');
    const allRunIn = this.leadOf.has(inOrder[0]!);
    const first = allRunIn ? inOrder[0] : (texts[0] ?? listItems(blocks)[0]);
    if (!first) return undefined;
    // Run-in items (`**Strategic Intelligence** …`, in paragraphs or list items) are the pillar's
    // points, each opening with its phrase; their whole texts go to the notes. A pillar that opens
    // with them is summed up by its first.
    const runIn = inOrder.filter((text) => this.leadOf.has(text) && (allRunIn || text !== first));
    const [summary, ...rest] = allRunIn ? runIn.map((text) => this.runInPoint(text)) : this.sentences(first);
    const points = allRunIn
      ? rest
      : runIn.length > 0
        ? runIn.map((text) => this.runInPoint(text))
        : rest.length > 0
          ? rest
          : texts[1]
            ? this.sentences(texts[1])
            : [];
    // How many opening paragraphs the summary and points hold whole; the notes keep the rest.
    const used = allRunIn ? 0 : runIn.length > 0 ? (rest.length > 0 ? 0 : 1) : rest.length > 0 ? 1 : 2;
    const notes = textOf([
      ...blocks.filter((block) => block.kind === 'paragraph').slice(used),
      ...blocks.filter((block) => block.kind === 'list'),
    ]);
    return {
      title: cleanHeading(title),
      summary,
      points: points.length > 0 ? points : undefined,
      notes: notes || undefined,
      sources: this.cite([...paragraphs(blocks), ...listItems(blocks)]),
    };
  }

  /** Items after those the field holds already. */
  private append(field: string, items: readonly unknown[]): void {
    this.data[field] = [...((this.data[field] as unknown[]) ?? []), ...items];
  }

  /** One pillar made of a heading and its blocks, after those already found. */
  addPillar(heading: string, blocks: Block[]): boolean {
    const pillar = this.pillar(heading, blocks);
    if (pillar) this.append('pillars', [pillar]);
    return Boolean(pillar);
  }

  pillars(section: Section): Record<string, unknown>[] {
    const { intro, parts } = subsections(section.blocks);
    let pillars = parts.flatMap((part) => {
      const pillar = this.pillar(part.heading, part.blocks);
      return pillar ? [pillar] : [];
    });
    if (pillars.length === 0) {
      // No sub-headings: the numbered items, or the `Title: detail` paragraphs, are the pillars;
      // paragraphs of plain prose are one pillar, under the section's heading: a paragraph's
      // first sentence is no title.
      const texts = paragraphs(intro);
      const titled = texts.filter((text) => this.leadOf.has(text) || TITLED.test(text));
      if (listItems(intro).length === 0 && titled.length * 2 < texts.length) {
        const pillar = this.pillar(section.heading, intro);
        return pillar ? [pillar] : [];
      }
      pillars = this.items(intro).flatMap((item): Record<string, unknown>[] => {
        if (!item.detail) return [];
        const [summary, ...points] = this.sentences(item.detail);
        return [{ title: item.title, summary, points: points.length > 0 ? points : undefined, sources: item.sources }];
      });
      return pillars;
    }
    // What introduces the pillars stays with the first, so nothing of the argument is lost.
    const introText = textOf(intro);
    if (introText && pillars[0]) pillars[0].notes = [introText, pillars[0].notes].filter(Boolean).join('\n\n');
    return pillars;
  }

  /**
   * Calls to action: `For X: …` paragraphs or items, each a group of its sentences; the rest is
   * addressed to whom the heading names ("Issues for Congress", "What policymakers should do"),
   * its items and sentences its points, each sub-heading leading the points of its part.
   */
  actions(section: Section): Record<string, unknown>[] {
    const groups: Record<string, unknown>[] = [];
    const rest: string[] = [];
    const { intro, parts } = subsections(section.blocks);
    const unaddressed: { text: string; item: boolean }[] = [];
    const texts = [
      ...paragraphs(intro).map((text) => ({ text, item: false })),
      ...listItems(intro).map((text) => ({ text, item: true })),
    ];
    for (const entry of texts) {
      const lead = /^([^:.!?]{2,80}):\s+(\S[\s\S]*)$/.exec(entry.text);
      if (lead)
        groups.push({ for: addressee(lead[1]!.trim().replace(/^for\s+/i, '')), points: this.sentences(lead[2]!) });
      else unaddressed.push(entry);
    }
    // Beside groups addressed one by one, a paragraph addressed to no one stays out, and is said;
    // without them, the section's text is all addressed by its heading: an item as it is, a
    // paragraph sentence by sentence.
    if (groups.length > 0)
      for (const { text } of unaddressed)
        this.unplaced.push(`call to action: paragraph not addressed to anyone, left out: ${quote(text)}`);
    else for (const { text, item } of unaddressed) rest.push(...(item ? [text] : this.sentences(text)));
    for (const part of parts) {
      const [first, ...more] = [...paragraphs(part.blocks), ...listItems(part.blocks)].flatMap((text) =>
        this.sentences(text),
      );
      const heading = cleanHeading(part.heading);
      if (first) rest.push(`${heading}: ${first}`, ...more);
      else if (heading) rest.push(heading);
    }
    if (rest.length > 0) groups.push({ for: addresseeOf(section.heading), points: rest });
    // Calls to action cannot cite: their links are listed among the sources.
    this.cite([...paragraphs(section.blocks), ...listItems(section.blocks)]);
    return groups;
  }

  /**
   * A summary section is the bottom line: its first paragraph, where it is one to three sentences,
   * else that paragraph's first sentence; the rest of it goes to the context's notes.
   */
  summary(section: Section): boolean {
    const texts = [...paragraphs(section.blocks), ...listItems(section.blocks)];
    if (texts.length === 0) return false;
    const first = this.sentences(texts[0]!);
    const bottomLine = first.length <= 3 && texts[0]!.length <= 400 ? first : first.slice(0, 1);
    this.data.summary = bottomLine.join(' ');
    this.summaryHeading = section.heading;
    const rest = [first.slice(bottomLine.length).join(' '), ...texts.slice(1)].filter(Boolean).join('\n\n');
    if (rest) this.addContextNotes(rest);
    return true;
  }

  /** Text kept in the context's presenter notes, after what they hold, or before it. */
  addContextNotes(text: string, where: 'after' | 'before' = 'after'): void {
    const context = (this.data.context as Record<string, unknown> | undefined) ?? {};
    const notes = where === 'after' ? [context.notes, text] : [text, context.notes];
    context.notes = notes.filter(Boolean).join('\n\n');
    this.data.context = context;
  }

  place(field: SectionField, section: Section): boolean {
    switch (field) {
      case 'summary':
        return this.summary(section);
      case 'context':
      case 'outlook':
        this.data[field] = this.section(section);
        return true;
      case 'pillars': {
        const pillars = this.pillars(section);
        if (pillars.length === 0) return false;
        this.append('pillars', pillars);
        return true;
      }
      case 'pros':
      case 'cons':
      case 'takeaways': {
        const items = this.items(section.blocks, section.heading);
        if (items.length === 0) return false;
        this.append(field, items);
        return true;
      }
      case 'actions': {
        const groups = this.actions(section);
        if (groups.length === 0) return false;
        this.data.actions = groups;
        return true;
      }
    }
  }

  /**
   * A section is placed by its heading. Its sub-headings that name another field ("Advantages",
   * "Disadvantages", "Recommendations" inside an analysis) go to that field wherever they occur;
   * the rest of the section stays with the section's own field, or, with none, its parts become
   * pillars.
   */
  placeSection(section: Section): boolean {
    const fields = this.vocabulary.fieldsOf(section.heading);
    const own = fields[0];
    if (section.blocks.some((block) => block.kind === 'heading')) {
      const { intro, parts } = subsections(section.blocks);
      const claims = parts.map((part) => this.vocabulary.fieldsOf(part.heading).find((field) => field !== 'pillars'));
      const claimed = parts.filter((_part, index) => claims[index] && claims[index] !== own);
      if (claimed.length > 0) {
        const placed = claimed.filter((part) => this.place(claims[parts.indexOf(part)]!, part));
        const rest = parts.filter((part) => !placed.includes(part));
        const level = headingLevel(section.blocks);
        const remaining: Section = {
          heading: section.heading,
          blocks: [
            ...intro,
            ...rest.flatMap((part) => [{ kind: 'heading' as const, level, text: part.heading }, ...part.blocks]),
          ],
        };
        // What is left is the section's own: in its field, or an analysis, as pillars; an opening
        // with nothing after it is one pillar, under the section's heading.
        const field = own && own !== 'pillars' ? own : undefined;
        const kept =
          rest.length > 0
            ? this.place(field ?? 'pillars', remaining)
            : textOf(intro) !== '' &&
              (field ? this.place(field, { ...section, blocks: intro }) : this.addPillar(section.heading, intro));
        if (!kept && textOf(intro)) this.unplaced.push(`${quote(section.heading)}: its opening paragraphs, left out`);
        return true;
      }
    }
    return own !== undefined && this.place(own, section);
  }
}

/**
 * Turns an article into the data of a brief, with TODO comments where the briefer must look, and
 * the report of what was found and what was not.
 */
export function structureArticle(article: Article, vocabulary: Vocabulary, today: string): StructuredBrief {
  const importer = new Importer(article, vocabulary);
  const { data, comments, found, unplaced } = importer;
  const tables = takeTables(article.blocks, article.title ?? '');
  const blocks = withoutCruft(tables.blocks, vocabulary, unplaced);
  const { intro: lead, parts: sections } = subsections(blocks);

  data.title = article.title;
  // A title slide holds a line or two under the title; a longer opening is the bottom line alone.
  if (article.standfirst && article.standfirst.length <= SUBTITLE_MAX) data.subtitle = article.standfirst;
  data.date = article.date ?? today;
  if (!article.date)
    comments.push({
      path: ['date'],
      text: ' TODO: the article gives no date; this is the day it was imported. Set the briefing date.',
    });
  data.lang = article.lang;
  // The article's first paragraph, wherever it stands: an article may open straight on a heading.
  const opening = paragraphs(lead)[0] ?? paragraphs(blocks)[0];
  data.summary = article.standfirst ?? (opening ? sentences(opening, article.lang)[0] : undefined);
  comments.push({
    path: ['summary'],
    text: ' TODO: rewrite as the bottom line: what the committee must know, in one to three sentences.',
  });

  const left: Section[] = [];
  for (const section of sections) if (!importer.placeSection(section)) left.push(section);
  // An analysis the vocabulary does not name still holds the argument: each section no word
  // claims becomes a pillar, one with sub-headings a pillar for each of them.
  const named = Boolean(data.pillars);
  for (const section of [...left]) {
    const placed = section.blocks.some((block) => block.kind === 'heading')
      ? importer.place('pillars', section)
      : importer.addPillar(section.heading, section.blocks);
    if (placed) left.splice(left.indexOf(section), 1);
  }
  if (!named && data.pillars)
    comments.push({
      path: ['pillars'],
      text: ' TODO: no section named the pillars of the policy; each of its sections became one. Regroup them.',
    });
  // An article whose every section went to another field still needs a pillar: its opening under
  // its title, else its first section, so the brief checks; the briefer is told to make the real ones.
  const first = paragraphs(lead).length > 0 ? { heading: article.title, blocks: lead } : sections[0];
  if (!data.pillars && first?.heading && paragraphs(first.blocks).length > 0) {
    importer.addPillar(first.heading, first.blocks);
    comments.push({
      path: ['pillars'],
      text: ` TODO: the article has no section that is an analysis; its ${first.blocks === lead ? 'opening' : 'first section'} stands in as the one pillar. Write the pillars.`,
    });
  }
  // A heading over nothing ("Pros and cons" above "Pros" and "Cons") has nothing to lose.
  for (const section of left.filter((candidate) => candidate.blocks.length > 0))
    unplaced.push(`section ${quote(section.heading)}: no brief field for it`);

  // The article's opening is context: kept in the context's notes.
  const leadNotes = textOf(
    lead.filter(
      (block) => block.kind !== 'heading' && !(block.kind === 'paragraph' && block.text === article.standfirst),
    ),
  );
  if (leadNotes) importer.addContextNotes(leadNotes, 'before');

  // A context made of notes alone would show an empty slide: its first sentence leads it.
  const context = data.context as Record<string, unknown> | undefined;
  if (context && !context.summary && !context.points && typeof context.notes === 'string')
    data.context = { summary: sentences(context.notes, article.lang)[0], ...context };

  const pillars = (data.pillars as Record<string, unknown>[] | undefined) ?? [];
  if (pillars.length > 12) {
    for (const pillar of pillars.slice(12))
      unplaced.push(`pillar ${quote(String(pillar.title))}: a briefing holds at most 12 pillars`);
    data.pillars = pillars.slice(0, 12);
  }
  // The article itself, where it has an address or a byline, then the addresses it links to.
  const cited = [...importer.linkSources.values()];
  if (article.url || article.byline || cited.length > 0) {
    data.sources = [
      ...(article.url || article.byline
        ? [{ id: 'article', title: article.title, publisher: article.byline, url: article.url, date: article.date }]
        : []),
      ...cited,
    ];
  }

  const count = (field: string) => ((data[field] as unknown[] | undefined) ?? []).length;
  found.push(`title ${quote(String(data.title))}`);
  found.push(
    article.standfirst
      ? data.subtitle
        ? 'a standfirst (the subtitle)'
        : 'a standfirst (the bottom line; too long for a subtitle)'
      : 'no standfirst',
  );
  if (importer.summaryHeading) found.push(`a summary section ${quote(importer.summaryHeading)} (the bottom line)`);
  found.push(article.date ? `date ${article.date}` : 'no date');
  if (article.byline) found.push(`byline ${quote(article.byline)}`);
  found.push(
    `${count('pillars')} pillars, ${count('pros')} pros, ${count('cons')} cons, ${count('takeaways')} takeaways`,
  );
  found.push(data.context ? 'context' : 'no context');
  found.push(data.outlook ? 'an outlook' : 'no outlook');
  found.push(`${count('actions')} calls to action`);
  if (cited.length > 0) found.push(`${cited.length} linked source${cited.length === 1 ? '' : 's'}`);
  const tableCount = tables.tables.length;
  if (tableCount > 0) found.push(`${tableCount} table${tableCount === 1 ? '' : 's'} (appendix slides)`);
  return { data: dropEmpty(data) as Record<string, unknown>, body: tables.body, comments, found, unplaced };
}

/** Leaves out what was not found, so the YAML holds only what the article gave. */
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).flatMap(([key, item]) =>
        item === undefined || item === '' ? [] : [[key, dropEmpty(item)]],
      ),
    );
  }
  return value;
}
