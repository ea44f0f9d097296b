import { BriefError } from './errors.ts';
import type { AudienceProfile, SectionEntry, SectionKind } from './profile.ts';
import type { Brief, Point } from './schema.ts';

/** A source as a slide cites it: its number in the brief's source list and a short label. */
export interface Citation {
  number: number;
  label: string;
}

/** One slide to render: its template kind, the values the template sees, and presenter notes. */
export interface PlannedSlide {
  kind: SectionKind;
  data: Record<string, unknown>;
  notes?: string;
  citations: Citation[];
}

/** One audience's deck of one brief, ready to render. */
export interface Deck {
  slug: string;
  audience: string;
  profile: AudienceProfile;
  title: string;
  description: string;
  author?: string;
  lang: string;
  marking?: string;
  slides: PlannedSlide[];
  /** Markdown slides from the brief's body, appended as they are. */
  appendix: string[];
}

export interface PlanOptions {
  slug: string;
  /** The brief's Markdown body: extra slides separated by `---`. */
  body: string;
  /** Where the brief came from, for errors about the plan as a whole. */
  file: string;
}

interface Restricted {
  audiences?: string[];
}

const visibleTo = (audience: string) => (item: Restricted) => !item.audiences || item.audiences.includes(audience);

/** `26 November 2026`, the same calendar day in every time zone. */
export function formatBriefDate(date: string, lang: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

function chunk<T>(items: T[], size: number | undefined): T[][] {
  if (!size || items.length <= size) return [items];
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** `(2 of 3)` on a list that continues over several slides; nothing on a single slide. */
function partLabel(index: number, count: number): string | undefined {
  return count > 1 ? `(${index + 1} of ${count})` : undefined;
}

/** Splits the Markdown body into appendix slides on lines that hold only `---`. */
export function splitAppendix(body: string): string[] {
  return body
    .split(/^---[ \t]*$/m)
    .map((slide) => slide.trim())
    .filter((slide) => slide.length > 0);
}

class DeckPlanner {
  private readonly sourceNumbers: Map<string, Citation>;
  private readonly visible: (item: Restricted) => boolean;

  constructor(private readonly brief: Brief, private readonly profile: AudienceProfile) {
    this.visible = visibleTo(profile.name);
    this.sourceNumbers = new Map(
      (brief.sources ?? []).map((source, index) => [source.id, { number: index + 1, label: source.publisher ? `${source.publisher}, ${source.title}` : source.title }]),
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

  plan(entry: SectionEntry): PlannedSlide[] {
    const { brief } = this;
    const slide = (data: Record<string, unknown>, extra: Partial<PlannedSlide> = {}): PlannedSlide => ({ kind: entry.kind, data, citations: [], ...extra });
    const details = entry.details ?? true;
    switch (entry.kind) {
      case 'title':
        return [slide({ title: brief.title, subtitle: brief.subtitle, presenter: brief.presenter, organization: brief.organization, date: formatBriefDate(brief.date, brief.lang), audience: this.profile.label })];
      case 'bottom-line':
        return [slide({ summary: brief.summary })];
      case 'context':
      case 'outlook': {
        const section = brief[entry.kind];
        if (!section) return [];
        const points = this.points(section.points);
        const citations = this.cite(...(section.points ?? []).filter(this.visible).map((p) => p.sources));
        return [slide({ title: section.title, summary: section.summary, points }, { notes: this.notes(section.notes), citations })];
      }
      case 'pillars-overview': {
        const pillars = brief.pillars.filter(this.visible).map((pillar, index) => ({ number: index + 1, title: pillar.title, summary: details ? pillar.summary : undefined }));
        return pillars.length > 0 ? [slide({ pillars })] : [];
      }
      case 'pillar': {
        const pillars = brief.pillars.filter(this.visible);
        return pillars.flatMap((pillar, index) => {
          const points = chunk(this.points(pillar.points), entry.perSlide);
          return points.map((part, partIndex) =>
            slide(
              { number: index + 1, total: pillars.length, title: pillar.title, summary: partIndex === 0 ? pillar.summary : undefined, points: part, continued: partIndex > 0 },
              { notes: partIndex === 0 ? this.notes(pillar.notes) : undefined, citations: this.cite(pillar.sources, ...(pillar.points ?? []).filter(this.visible).map((p) => p.sources)) },
            ),
          );
        });
      }
      case 'pros-cons': {
        const item = (argument: { title: string; detail?: string; sources?: string[] }) => ({ title: argument.title, detail: details ? argument.detail : undefined, refs: this.refs(argument.sources) });
        const pros = (brief.pros ?? []).filter(this.visible);
        const cons = (brief.cons ?? []).filter(this.visible);
        if (pros.length + cons.length === 0) return [];
        return [slide({ pros: pros.map(item), cons: cons.map(item) }, { citations: this.cite(...[...pros, ...cons].map((a) => a.sources)) })];
      }
      case 'pros':
      case 'cons': {
        const items = (brief[entry.kind] ?? []).filter(this.visible);
        const parts = chunk(items, entry.perSlide);
        if (items.length === 0) return [];
        return parts.map((part, partIndex) =>
          slide(
            { items: part.map((argument) => ({ title: argument.title, detail: details ? argument.detail : undefined, refs: this.refs(argument.sources) })), partLabel: partLabel(partIndex, parts.length) },
            { citations: this.cite(...part.map((a) => a.sources)) },
          ),
        );
      }
      case 'takeaways': {
        const items = (brief.takeaways ?? []).filter(this.visible).map((takeaway, index) => ({ number: index + 1, title: takeaway.title, detail: details ? takeaway.detail : undefined }));
        if (items.length === 0) return [];
        const parts = chunk(items, entry.perSlide);
        return parts.map((part, partIndex) => slide({ items: part, partLabel: partLabel(partIndex, parts.length) }));
      }
      case 'actions': {
        const groups = (brief.actions ?? []).filter(this.visible).map((action) => ({ for: action.for, points: this.points(action.points) })).filter((group) => group.points.length > 0);
        return groups.length > 0 ? [slide({ groups, columns: groups.length })] : [];
      }
      case 'sources': {
        const sources = (brief.sources ?? []).map((source, index) => ({ number: index + 1, title: source.title, publisher: source.publisher, date: source.date, url: source.url }));
        return sources.length > 0 ? [slide({ sources })] : [];
      }
      case 'appendix':
        return [];
    }
  }
}

/** Chooses, filters, splits and numbers a brief's content into the slides of one audience's deck. */
export function planDeck(brief: Brief, profile: AudienceProfile, options: PlanOptions): Deck {
  const planner = new DeckPlanner(brief, profile);
  const slides = profile.sections.flatMap((entry) => planner.plan(entry));
  const appendix = profile.sections.some((entry) => entry.kind === 'appendix') ? splitAppendix(options.body) : [];
  const count = slides.length + appendix.length;
  if (profile.maxSlides !== undefined && count > profile.maxSlides) {
    throw new BriefError(
      'profile',
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
