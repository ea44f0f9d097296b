import { BriefError } from '../errors.ts';
import { findTable, splitAppendix, tablePart } from './appendix.ts';
import type { AppendixSlide, Citation, Deck, FitAdjustments, PlannedSlide, SlideFit } from './deck.ts';
import type { AudienceProfile, SectionEntry } from './profile.ts';
import type { Argument, Brief, Point } from '../brief/schema.ts';

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

/** `26 November 2026`, the same calendar day in every time zone. */
export function formatBriefDate(date: string, lang: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  let format = dateFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(lang, format);
  }
  return format.format(new Date(Date.UTC(year, month - 1, day)));
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

const NO_ADJUSTMENTS: FitAdjustments = { perSlide: new Map(), shrink: new Map() };

class DeckPlanner {
  private readonly sourceNumbers: Map<string, Citation>;
  private readonly visible: (item: Restricted) => boolean;

  constructor(
    private readonly brief: Brief,
    private readonly profile: AudienceProfile,
    private readonly adjustments: FitAdjustments,
    private readonly of: string,
  ) {
    this.visible = visibleTo(profile.name);
    this.sourceNumbers = new Map(
      (brief.sources ?? []).map((source, index) => [
        source.id,
        { number: index + 1, label: source.publisher ? `${source.publisher}, ${source.title}` : source.title },
      ]),
    );
  }

  private cite(...lists: (string[] | undefined)[]): Citation[] {
    const ids = new Set(lists.flatMap((list) => list ?? []));
    return [...ids].map((id) => this.sourceNumbers.get(id)!).sort((a, b) => a.number - b.number);
  }

  /** `[1] [3]`: the short references shown beside a cited item. */
  private refs(...lists: (string[] | undefined)[]): string | undefined {
    const citations = this.cite(...lists);
    return citations.length > 0 ? citations.map((c) => `[${c.number}]`).join(' ') : undefined;
  }

  private points(points: Point[] | undefined) {
    return (points ?? []).filter(this.visible).map((point) => ({ text: point.text, refs: this.refs(point.sources) }));
  }

  private notes(notes: string | undefined): string | undefined {
    return this.profile.notes ? notes : undefined;
  }

  /** The profile's items per slide, tightened by the fit check where a slide overflowed. */
  private split<T>(group: string, items: T[], perSlide: number | undefined): T[][] {
    const fitted = this.adjustments.perSlide.get(group);
    return chunk(items, fitted !== undefined ? Math.min(fitted, perSlide ?? fitted) : perSlide);
  }

  private fit(group: string, section: string, items: string[] = []): SlideFit {
    return { group, section, items, shrink: this.adjustments.shrink.get(group) ?? 0 };
  }

  plan(entry: SectionEntry): PlannedSlide[] {
    const { brief } = this;
    const kind = entry.kind;
    const slide = (data: Record<string, unknown>, fit: SlideFit, extra: Partial<PlannedSlide> = {}): PlannedSlide => ({
      kind,
      data,
      citations: [],
      fit,
      ...extra,
    });
    const details = entry.details ?? true;
    switch (kind) {
      case 'title':
        return [
          slide(
            {
              title: brief.title,
              subtitle: brief.subtitle,
              presenter: brief.presenter,
              organization: brief.organization,
              date: formatBriefDate(brief.date, brief.lang),
              audience: this.profile.label,
            },
            this.fit(kind, 'title'),
          ),
        ];
      case 'bottom-line':
        return [slide({ summary: brief.summary }, this.fit(kind, 'bottom line'))];
      case 'context':
      case 'outlook': {
        const section = brief[kind];
        if (!section) return [];
        const visiblePoints = (section.points ?? []).filter(this.visible);
        const parts = this.split(kind, visiblePoints, entry.perSlide);
        return parts.map((part, index) =>
          slide(
            {
              title: section.title,
              summary: index === 0 ? section.summary : undefined,
              points: this.points(part),
              partLabel: partLabel(index, parts.length, this.of),
            },
            this.fit(
              kind,
              kind,
              part.map((point) => point.text),
            ),
            {
              notes: index === 0 ? this.notes(section.notes) : undefined,
              citations: this.cite(...part.map((p) => p.sources)),
            },
          ),
        );
      }
      case 'pillars-overview': {
        const pillars = brief.pillars.filter(this.visible).map((pillar, index) => ({
          number: index + 1,
          title: pillar.title,
          summary: details ? pillar.summary : undefined,
        }));
        const parts = this.split(kind, pillars, entry.perSlide);
        return pillars.length === 0
          ? []
          : parts.map((part, index) =>
              slide(
                { pillars: part, partLabel: partLabel(index, parts.length, this.of) },
                this.fit(
                  kind,
                  'pillars',
                  part.map((p) => p.title),
                ),
              ),
            );
      }
      case 'pillar': {
        const pillars = brief.pillars.filter(this.visible);
        return pillars.flatMap((pillar, index) => {
          const group = `pillar:${index + 1}`;
          const section = `pillar ${index + 1} "${pillar.title}"`;
          const parts = this.split(group, this.points(pillar.points), entry.perSlide);
          return parts.map((part, partIndex) =>
            slide(
              {
                number: index + 1,
                total: pillars.length,
                title: pillar.title,
                summary: partIndex === 0 ? pillar.summary : undefined,
                points: part,
                continued: partIndex > 0,
              },
              this.fit(
                group,
                section,
                part.map((point) => point.text),
              ),
              {
                notes: partIndex === 0 ? this.notes(pillar.notes) : undefined,
                citations: this.cite(
                  pillar.sources,
                  ...(pillar.points ?? []).filter(this.visible).map((p) => p.sources),
                ),
              },
            ),
          );
        });
      }
      case 'pros-cons': {
        const item = (argument: Argument) => ({
          title: argument.title,
          detail: details ? argument.detail : undefined,
          refs: this.refs(argument.sources),
        });
        const pros = (brief.pros ?? []).filter(this.visible);
        const cons = (brief.cons ?? []).filter(this.visible);
        if (pros.length + cons.length === 0) return [];
        // Both columns split at the same pace, so each slide still compares like with like.
        const rows = Array.from({ length: Math.max(pros.length, cons.length) }, (_, index) => ({
          pro: pros[index],
          con: cons[index],
        }));
        const parts = this.split(kind, rows, entry.perSlide);
        return parts.map((part, index) => {
          const shownPros = part.flatMap((row) => (row.pro ? [row.pro] : []));
          const shownCons = part.flatMap((row) => (row.con ? [row.con] : []));
          const shown = [...shownPros, ...shownCons];
          return slide(
            {
              pros: shownPros.map(item),
              cons: shownCons.map(item),
              partLabel: partLabel(index, parts.length, this.of),
            },
            this.fit(
              kind,
              'pros and cons',
              part.map((row) => [row.pro?.title, row.con?.title].filter(Boolean).join(' / ')),
            ),
            { citations: this.cite(...shown.map((a) => a.sources)) },
          );
        });
      }
      case 'pros':
      case 'cons': {
        const items = (brief[kind] ?? []).filter(this.visible);
        if (items.length === 0) return [];
        const parts = this.split(kind, items, entry.perSlide);
        return parts.map((part, index) =>
          slide(
            {
              items: part.map((argument) => ({
                title: argument.title,
                detail: details ? argument.detail : undefined,
                refs: this.refs(argument.sources),
              })),
              partLabel: partLabel(index, parts.length, this.of),
            },
            this.fit(
              kind,
              kind,
              part.map((argument) => argument.title),
            ),
            { citations: this.cite(...part.map((a) => a.sources)) },
          ),
        );
      }
      case 'takeaways': {
        const items = (brief.takeaways ?? []).filter(this.visible).map((takeaway, index) => ({
          number: index + 1,
          title: takeaway.title,
          detail: details ? takeaway.detail : undefined,
        }));
        if (items.length === 0) return [];
        const parts = this.split(kind, items, entry.perSlide);
        return parts.map((part, index) =>
          slide(
            { items: part, partLabel: partLabel(index, parts.length, this.of) },
            this.fit(
              kind,
              kind,
              part.map((item) => item.title),
            ),
          ),
        );
      }
      case 'actions': {
        const groups = (brief.actions ?? [])
          .filter(this.visible)
          .map((action) => ({ for: action.for, points: this.points(action.points) }))
          .filter((group) => group.points.length > 0);
        const parts = this.split(kind, groups, entry.perSlide);
        return groups.length === 0
          ? []
          : parts.map((part, index) =>
              slide(
                { groups: part, columns: part.length, partLabel: partLabel(index, parts.length, this.of) },
                this.fit(
                  kind,
                  'call to action',
                  part.map((group) => group.for),
                ),
              ),
            );
      }
      case 'sources': {
        const sources = (brief.sources ?? []).map((source, index) => ({
          number: index + 1,
          title: source.title,
          publisher: source.publisher,
          date: source.date,
          url: source.url,
        }));
        const parts = this.split(kind, sources, entry.perSlide);
        return sources.length === 0
          ? []
          : parts.map((part, index) =>
              slide(
                { sources: part, partLabel: partLabel(index, parts.length, this.of) },
                this.fit(
                  kind,
                  kind,
                  part.map((source) => source.title),
                ),
              ),
            );
      }
      case 'appendix':
        return [];
    }
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
