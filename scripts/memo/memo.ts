// The read-ahead memo as data: the same brief, filtered for one audience exactly as its deck is,
// in the order a briefing memo takes (bottom line first), with citation numbers matching the
// numbered sources. Presenter notes never reach it. The Word and PDF writers both read this.
import type { Brief } from '../brief/schema.ts';
import type { Labels } from '../deck/labels.ts';
import { DeckPlanner, formatBriefDate } from '../deck/plan.ts';
import { type AudienceProfile, audienceLabel, MEMO_SECTIONS, type MemoSectionKind } from '../deck/profile.ts';

/** A line of text and the source numbers it cites, `[2] [5]`. */
export interface Cited {
  text: string;
  refs?: string;
}

export type MemoSection =
  | { kind: 'bottom-line'; heading: string; text: string }
  | { kind: 'context' | 'outlook'; heading: string; summary?: string; points: Cited[] }
  | {
      kind: 'pillars';
      heading: string;
      pillars: { number: number; title: string; summary: string; refs?: string; points: Cited[] }[];
    }
  | {
      kind: 'pros-cons';
      heading: string;
      layout: 'table' | 'lists';
      headings: { pros: string; cons: string };
      pros: { title: string; detail?: string; refs?: string }[];
      cons: { title: string; detail?: string; refs?: string }[];
    }
  | { kind: 'takeaways'; heading: string; items: { title: string; detail?: string }[] }
  | { kind: 'actions'; heading: string; groups: { for: string; points: Cited[] }[] }
  | {
      kind: 'sources';
      heading: string;
      sources: { number: number; title: string; publisher?: string; date?: string; url?: string }[];
    };

export interface MemoDocument {
  title: string;
  subtitle?: string;
  lang: string;
  marking?: string;
  /** The heading block: To, From, Date, Subject, their words in the brief's language. */
  heading: { label: string; value: string }[];
  sections: MemoSection[];
  paper: 'a4' | 'letter';
  author?: string;
  summary: string;
}

const DEFAULT_SECTIONS: readonly MemoSectionKind[] = MEMO_SECTIONS;

/** One audience's memo of a brief: what its deck shows, as prose and lists. */
export function planMemo(brief: Brief, profile: AudienceProfile, labels: Labels): MemoDocument {
  const planner = new DeckPlanner(brief, profile, { perSlide: new Map(), shrink: new Map() }, labels.of);
  const memo = profile.memo;
  const from = [brief.presenter, brief.organization].filter(Boolean).join(', ');
  const heading = [
    { label: labels.memoTo, value: memo?.to ?? audienceLabel(profile, brief.lang) },
    ...(from ? [{ label: labels.memoFrom, value: from }] : []),
    { label: labels.memoDate, value: formatBriefDate(brief.date, brief.lang) },
    { label: labels.memoSubject, value: brief.title },
  ];
  // Context and outlook: their own title or the label, their summary, their points.
  const summarySection = (kind: 'context' | 'outlook', label: string) => (): MemoSection | undefined => {
    const section = brief[kind];
    return (
      section && {
        kind,
        heading: section.title ?? label,
        summary: section.summary,
        points: planner.points(section.points),
      }
    );
  };
  const build: Record<MemoSectionKind, () => MemoSection | undefined> = {
    'bottom-line': () => ({ kind: 'bottom-line', heading: labels.bottomLine, text: brief.summary }),
    context: summarySection('context', labels.context),
    pillars: () => {
      const pillars = brief.pillars.filter(planner.visible);
      return {
        kind: 'pillars',
        heading: labels.memoPillars,
        pillars: pillars.map((pillar, index) => ({
          number: index + 1,
          title: pillar.title,
          summary: pillar.summary,
          refs: planner.refs(pillar.sources),
          points: planner.points(pillar.points),
        })),
      };
    },
    'pros-cons': () => {
      const pros = (brief.pros ?? []).filter(planner.visible).map((item) => planner.argument(item));
      const cons = (brief.cons ?? []).filter(planner.visible).map((item) => planner.argument(item));
      if (pros.length === 0 && cons.length === 0) return undefined;
      return {
        kind: 'pros-cons',
        heading: labels.memoProsCons,
        layout: memo?.prosCons ?? 'table',
        headings: { pros: labels.pros, cons: labels.cons },
        pros,
        cons,
      };
    },
    takeaways: () => {
      const items = (brief.takeaways ?? []).filter(planner.visible);
      return items.length > 0
        ? { kind: 'takeaways', heading: labels.takeaways, items: items.map(({ title, detail }) => ({ title, detail })) }
        : undefined;
    },
    outlook: summarySection('outlook', labels.outlook),
    actions: () => {
      const groups = (brief.actions ?? [])
        .filter(planner.visible)
        .map((action) => ({ for: action.for, points: planner.points(action.points) }))
        .filter((group) => group.points.length > 0);
      return groups.length > 0 ? { kind: 'actions', heading: labels.memoActions, groups } : undefined;
    },
    sources: () =>
      brief.sources && brief.sources.length > 0
        ? {
            kind: 'sources',
            heading: labels.sources,
            sources: planner.sourceList(),
          }
        : undefined,
  };
  return {
    title: brief.title,
    subtitle: brief.subtitle,
    lang: brief.lang,
    marking: profile.marking ?? brief.marking,
    heading,
    sections: (memo?.sections ?? DEFAULT_SECTIONS).flatMap((kind) => build[kind]() ?? []),
    paper: memo?.paper ?? 'a4',
    author: from || undefined,
    summary: brief.summary,
  };
}
