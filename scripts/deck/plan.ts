import { BriefError } from '../errors.ts';
import { findTable, splitAppendix, tablePart } from './appendix.ts';
import { SECTION_PLANNERS } from './sections.ts';
import type { AppendixSlide, Citation, Deck, FitAdjustments, PlannedSlide, SlideFit } from './deck.ts';
import type { AudienceProfile, SectionEntry, SectionKind } from './profile.ts';
import type { Argument, Brief, Figure, Point } from '../brief/schema.ts';
import type { PlannedFigure } from '../figures/figure.ts';
import { figureReferences } from '../brief/figure-checks.ts';

export type { AppendixSlide, Citation, Deck, FitAdjustments, PlannedSlide, SlideFit } from './deck.ts';

export interface PlanOptions {
  slug: string;
  /** The brief's Markdown body: extra slides separated by `---`. */
  body: string;
  /** Where the brief came from, for errors about the plan as a whole. */
  file: string;
  /** Splits and shrinking that make overflowing slides fit; none on a first plan. */
  fit?: FitAdjustments;
  /** The word in a part label, "(1 of 3)", in the brief's language; English by default. */
  of?: string;
}

interface Restricted {
  audiences?: string[];
}

const visibleTo = (audience: string) => (item: Restricted) => !item.audiences || item.audiences.includes(audience);

const dateFormats = new Map<string, Intl.DateTimeFormat>();
// Formatting a date costs tens of microseconds; each brief's date and language are formatted once.
const formattedDates = new Map<string, string>();

/** `26 November 2026`, the same calendar day in every time zone. */
export function formatBriefDate(date: string, lang: string): string {
  const key = `${date}|${lang}`;
  let formatted = formattedDates.get(key);
  if (formatted === undefined) {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    let format = dateFormats.get(lang);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
      dateFormats.set(lang, format);
    }
    formatted = format.format(new Date(Date.UTC(year, month - 1, day)));
    formattedDates.set(key, formatted);
  }
  return formatted;
}

/** Splits a list into the fewest parts of at most `size` items, as even as possible: 4 4 3 3, not 4 4 4 2. */
function chunk<T>(items: T[], size: number | undefined): T[][] {
  if (!size || items.length <= size) return [items];
  const parts = Math.ceil(items.length / size);
  const chunks: T[][] = [];
  for (let part = 0, start = 0; part < parts; part++) {
    const length = Math.floor(items.length / parts) + (part < items.length % parts ? 1 : 0);
    chunks.push(items.slice(start, start + length));
    start += length;
  }
  return chunks;
}

/** `(2 of 3)` on a list that continues over several slides; nothing on a single slide. */
function partLabel(index: number, count: number, of: string): string | undefined {
  return count > 1 ? `(${index + 1} ${of} ${count})` : undefined;
}

/** A source's publisher, where it says more than its title: "nytimes.com, nytimes.com" says it twice. */
export const shownPublisher = (source: { title: string; publisher?: string }) =>
  source.publisher && source.publisher !== source.title ? source.publisher : undefined;

const NO_ADJUSTMENTS: FitAdjustments = { perSlide: new Map(), shrink: new Map() };

/** The brief, profile and fit adjustments a deck is planned from, and the helpers every section planner shares. */
export class DeckPlanner {
  readonly sourceNumbers: Map<string, Citation>;
  readonly visible: (item: Restricted) => boolean;
  readonly figureById: Map<string, Figure>;
  /** Ids of the figures some slide shows beside its points. */
  readonly named: Set<string>;

  constructor(
    readonly brief: Brief,
    readonly profile: AudienceProfile,
    readonly adjustments: FitAdjustments,
    readonly of: string,
  ) {
    this.visible = visibleTo(profile.name);
    this.sourceNumbers = new Map(
      (brief.sources ?? []).map((source, index) => [
        source.id,
        { number: index + 1, label: [shownPublisher(source), source.title].filter(Boolean).join(', ') },
      ]),
    );
    this.figureById = new Map((brief.figures ?? []).map((figure) => [figure.id, figure]));
    this.named = new Set([...figureReferences(brief)].flatMap(([, ids]) => ids));
  }

  /** A figure as this deck shows it, with its source's number. */
  figure(figure: Figure, size: PlannedFigure['size']): PlannedFigure {
    return { figure, size, citation: figure.source ? this.sourceNumbers.get(figure.source) : undefined };
  }

  /** A slide of its own for each figure, the figure across it. */
  figureSlides(figures: readonly Figure[], group: string, section: string): PlannedSlide[] {
    return figures.map((figure) => {
      const fit = this.fit(group, section);
      // A figure slide that overflows first draws its chart lower, then shrinks its caption.
      return {
        kind: 'figures' as const,
        data: { title: figure.title },
        citations: [],
        fit,
        figures: [this.figure(figure, fit.shrink > 0 ? 'low' : 'wide')],
      };
    });
  }

  /**
   * A section's slides with the figures it names: beside the points of its first slide, or, once
   * the fit step found no room there, each on a follow-up slide after the section's own.
   */
  withFigures(slides: PlannedSlide[], ids: readonly string[] | undefined, group: string): PlannedSlide[] {
    const figures = (ids ?? []).map((id) => this.figureById.get(id)!).filter(this.visible);
    const [first, ...rest] = slides;
    if (figures.length === 0 || !first) return slides;
    if (this.adjustments.apart?.has(group))
      return [...slides, ...this.figureSlides(figures, `${group}:figures`, `${first.fit.section}, its figures`)];
    return [
      {
        ...first,
        figures: figures.map((figure) => this.figure(figure, 'beside')),
        fit: { ...first.fit, figures: figures.length },
      },
      ...rest,
    ];
  }

  cite(...lists: (string[] | undefined)[]): Citation[] {
    const ids = new Set(lists.flatMap((list) => list ?? []));
    return [...ids].map((id) => this.sourceNumbers.get(id)!).sort((a, b) => a.number - b.number);
  }

  /** `[1] [3]`: the short references shown beside a cited item. */
  refs(...lists: (string[] | undefined)[]): string | undefined {
    const citations = this.cite(...lists);
    return citations.length > 0 ? citations.map((c) => `[${c.number}]`).join(' ') : undefined;
  }

  /** How a pro or con shows: its title, its detail unless left out, its references. */
  argument(argument: Argument, details = true) {
    return { title: argument.title, detail: details ? argument.detail : undefined, refs: this.refs(argument.sources) };
  }

  /** The brief's sources, numbered as the slides cite them. */
  sourceList() {
    return (this.brief.sources ?? []).map((source, index) => ({
      number: index + 1,
      title: source.title,
      publisher: shownPublisher(source),
      date: source.date,
      url: source.url,
    }));
  }

  points(points: Point[] | undefined) {
    return (points ?? []).filter(this.visible).map((point) => ({ text: point.text, refs: this.refs(point.sources) }));
  }

  notes(notes: string | undefined): string | undefined {
    return this.profile.notes ? notes : undefined;
  }

  /** The profile's items per slide, tightened by the fit check where a slide overflowed. */
  split<T>(group: string, items: T[], perSlide: number | undefined): T[][] {
    const fitted = this.adjustments.perSlide.get(group);
    return chunk(items, fitted !== undefined ? Math.min(fitted, perSlide ?? fitted) : perSlide);
  }

  fit(group: string, section: string, items: string[] = []): SlideFit {
    return { group, section, items, shrink: this.adjustments.shrink.get(group) ?? 0 };
  }

  /**
   * A list that continues over as many slides as it needs: each part's data, the words the fit
   * step shows for each item, and the notes and citations of each part.
   */
  listSlides<T>(
    kind: SectionKind,
    list: {
      group: string;
      section: string;
      items: T[];
      perSlide?: number;
      /** Whether a section with no items still gets its slide (its title and summary). */
      keepEmpty?: boolean;
      /**
       * Whether the items stay together on one slide, as cards side by side do: the fit step
       * shrinks such a slide rather than continue it (a profile's perSlide still splits it).
       */
      together?: boolean;
      data: (part: T[], index: number, partLabel: string | undefined) => Record<string, unknown>;
      label: (item: T) => string;
      notes?: (index: number) => string | undefined;
      citations?: (part: T[]) => Citation[];
    },
  ): PlannedSlide[] {
    if (list.items.length === 0 && !list.keepEmpty) return [];
    const parts = this.split(list.group, list.items, list.perSlide);
    return parts.map((part, index) => ({
      kind,
      data: list.data(part, index, partLabel(index, parts.length, this.of)),
      notes: list.notes?.(index),
      citations: list.citations?.(part) ?? [],
      fit: this.fit(list.group, list.section, list.together ? [] : part.map(list.label)),
    }));
  }

  /** A slide that never splits. */
  singleSlide(kind: SectionKind, section: string, data: Record<string, unknown>): PlannedSlide[] {
    return [{ kind, data, citations: [], fit: this.fit(kind, section) }];
  }

  plan(entry: SectionEntry): PlannedSlide[] {
    return SECTION_PLANNERS[entry.kind](this, entry);
  }

  /** The body's slides; one holding a table continues over follow-up slides when it does not fit. */
  appendix(body: string): AppendixSlide[] {
    return splitAppendix(body).flatMap((markdown, index) => {
      const group = `appendix:${index + 1}`;
      const section = `appendix slide ${index + 1}`;
      const table = findTable(markdown);
      if (!table || table.rows.length < 2) return [{ markdown, fit: this.fit(group, section) }];
      const parts = this.split(group, table.rows, undefined);
      return parts.map((rows, part) => ({
        markdown: tablePart(table, rows, {
          index: part,
          count: parts.length,
          label: partLabel(part, parts.length, this.of) ?? '',
        }),
        fit: this.fit(group, section, rows),
      }));
    });
  }
}

/**
 * Whether planning a deck for `profile` can refuse a brief: only a slide limit can (the one
 * throw in planDeck below). A check skips the plan of a deck that can fail in no other way.
 */
export const planCanFail = (profile: AudienceProfile): boolean => profile.maxSlides !== undefined;

/** Chooses, filters, splits and numbers a brief's content into the slides of one audience's deck. */
export function planDeck(brief: Brief, profile: AudienceProfile, options: PlanOptions): Deck {
  const planner = new DeckPlanner(brief, profile, options.fit ?? NO_ADJUSTMENTS, options.of ?? 'of');
  const slides = profile.sections.flatMap((entry) => planner.plan(entry));
  const appendix = profile.sections.some((entry) => entry.kind === 'appendix') ? planner.appendix(options.body) : [];
  const count = slides.length + appendix.length;
  if (profile.maxSlides !== undefined && count > profile.maxSlides) {
    throw new BriefError(
      'max-slides',
      `the ${profile.name} deck would have ${count} slides, more than its limit of ${profile.maxSlides}`,
      { file: options.file },
      `shorten the brief's lists, or raise maxSlides in ${profile.file}`,
    );
  }
  return {
    slug: options.slug,
    audience: profile.name,
    profile,
    title: brief.title,
    description: brief.summary,
    author: [brief.presenter, brief.organization].filter(Boolean).join(', ') || undefined,
    lang: brief.lang,
    marking: profile.marking ?? brief.marking,
    slides,
    appendix,
  };
}
