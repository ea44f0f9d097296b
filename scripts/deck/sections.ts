// One planner per slide kind, over the shared list helper: adding a kind is adding its entry.
import type { Argument } from '../brief/schema.ts';
import { quoted } from '../errors.ts';
import type { PlannedSlide } from './deck.ts';
import { type DeckPlanner, formatBriefDate } from './plan.ts';
import { audienceLabel, type SectionEntry, type SectionKind } from './profile.ts';

/** The longest takeaway, title and detail together, that still reads as a card, in characters. */
const CARD_TEXT = 150;

/** How an item of pros or cons shows, in a profile that may leave details out. */
const argumentItem = (planner: DeckPlanner, details: boolean) => (argument: Argument) =>
  planner.argument(argument, details);

type SectionPlanner = (planner: DeckPlanner, entry: SectionEntry) => PlannedSlide[];

/** Context and outlook: a title, a summary on the first part, points that continue. */
const summarySection =
  (kind: 'context' | 'outlook'): SectionPlanner =>
  (planner, entry) => {
    const section = planner.brief[kind];
    if (!section) return [];
    const slides = planner.listSlides(kind, {
      group: kind,
      section: kind,
      items: (section.points ?? []).filter(planner.visible),
      perSlide: entry.perSlide,
      keepEmpty: true,
      data: (part, index, partLabel) => ({
        title: section.title,
        summary: index === 0 ? section.summary : undefined,
        points: planner.points(part),
        partLabel,
      }),
      label: (point) => point.text,
      notes: (index) => (index === 0 ? planner.notes(section.notes) : undefined),
      citations: (part) => planner.cite(...part.map((point) => point.sources)),
    });
    return planner.withFigures(slides, section.figures, kind);
  };

/** Pros or cons in detail, one list. */
const argumentSection =
  (kind: 'pros' | 'cons'): SectionPlanner =>
  (planner, entry) =>
    planner.listSlides(kind, {
      group: kind,
      section: kind,
      items: (planner.brief[kind] ?? []).filter(planner.visible),
      perSlide: entry.perSlide,
      data: (part, _index, partLabel) => ({ items: part.map(argumentItem(planner, entry.details ?? true)), partLabel }),
      label: (argument) => argument.title,
      citations: (part) => planner.cite(...part.map((argument) => argument.sources)),
    });

/** One entry per section kind: adding a kind is adding its planner here. */
export const SECTION_PLANNERS: Record<SectionKind, SectionPlanner> = {
  title: (planner) => {
    const { brief } = planner;
    return planner.singleSlide('title', 'title', {
      title: brief.title,
      subtitle: brief.subtitle,
      presenter: brief.presenter,
      organization: brief.organization,
      date: formatBriefDate(brief.date, brief.lang),
      audience: audienceLabel(planner.profile, brief.lang),
    });
  },
  'bottom-line': (planner) => planner.singleSlide('bottom-line', 'bottom line', { summary: planner.brief.summary }),
  context: summarySection('context'),
  outlook: summarySection('outlook'),
  'pillars-overview': (planner, entry) => {
    const pillars = planner.brief.pillars.filter(planner.visible);
    // Side by side, a card holds its summary for up to five pillars; from six, titles alone.
    const summaries = (entry.details ?? true) && pillars.length <= 5;
    return planner.listSlides('pillars-overview', {
      group: 'pillars-overview',
      section: 'pillars',
      items: pillars.map((pillar, index) => ({
        number: index + 1,
        title: pillar.title,
        summary: summaries ? pillar.summary : undefined,
      })),
      perSlide: entry.perSlide,
      together: true,
      data: (part, _index, partLabel) => ({ pillars: part, count: part.length, partLabel }),
      label: (pillar) => pillar.title,
    });
  },
  pillar: (planner, entry) => {
    const pillars = planner.brief.pillars.filter(planner.visible);
    return pillars.flatMap((pillar, index) => {
      const slides = planner.listSlides('pillar', {
        group: `pillar:${index + 1}`,
        section: `pillar ${index + 1} ${quoted(pillar.title)}`,
        items: planner.points(pillar.points),
        perSlide: entry.perSlide,
        keepEmpty: true,
        data: (part, partIndex) => ({
          number: index + 1,
          total: pillars.length,
          title: pillar.title,
          summary: partIndex === 0 ? pillar.summary : undefined,
          points: part,
          continued: partIndex > 0,
        }),
        label: (point) => point.text,
        notes: (partIndex) => (partIndex === 0 ? planner.notes(pillar.notes) : undefined),
        citations: () =>
          planner.cite(pillar.sources, ...(pillar.points ?? []).filter(planner.visible).map((point) => point.sources)),
      });
      return planner.withFigures(slides, pillar.figures, `pillar:${index + 1}`);
    });
  },
  'pros-cons': (planner, entry) => {
    const pros = (planner.brief.pros ?? []).filter(planner.visible);
    const cons = (planner.brief.cons ?? []).filter(planner.visible);
    const item = argumentItem(planner, entry.details ?? true);
    // Both columns split at the same pace, so each slide still compares like with like.
    const rows = Array.from({ length: Math.max(pros.length, cons.length) }, (_, index) => ({
      pro: pros[index],
      con: cons[index],
    }));
    const side = (part: typeof rows, key: 'pro' | 'con') => part.flatMap((row) => (row[key] ? [row[key]] : []));
    return planner.listSlides('pros-cons', {
      group: 'pros-cons',
      section: 'pros and cons',
      items: rows,
      perSlide: entry.perSlide,
      data: (part, _index, partLabel) => ({
        pros: side(part, 'pro').map(item),
        cons: side(part, 'con').map(item),
        // Both panels hold as many rows, so their items line up.
        rows: part.length,
        partLabel,
      }),
      label: (row) => [row.pro?.title, row.con?.title].filter(Boolean).join(' / '),
      citations: (part) =>
        planner.cite(...[...side(part, 'pro'), ...side(part, 'con')].map((argument) => argument.sources)),
    });
  },
  pros: argumentSection('pros'),
  cons: argumentSection('cons'),
  takeaways: (planner, entry) =>
    planner.listSlides('takeaways', {
      group: 'takeaways',
      section: 'takeaways',
      items: (planner.brief.takeaways ?? []).filter(planner.visible).map((takeaway, index) => ({
        number: index + 1,
        title: takeaway.title,
        detail: (entry.details ?? true) ? takeaway.detail : undefined,
      })),
      perSlide: entry.perSlide,
      // Short takeaways read as cards in a grid; long ones as a list.
      data: (part, _index, partLabel) => ({
        items: part,
        cards: part.every((item) => item.title.length + (item.detail?.length ?? 0) <= CARD_TEXT),
        partLabel,
      }),
      label: (takeaway) => takeaway.title,
    }),
  actions: (planner, entry) =>
    planner.listSlides('actions', {
      group: 'actions',
      section: 'call to action',
      items: (planner.brief.actions ?? [])
        .filter(planner.visible)
        .map((action) => ({ for: action.for, points: planner.points(action.points) }))
        .filter((group) => group.points.length > 0),
      perSlide: entry.perSlide,
      data: (part, _index, partLabel) => ({ groups: part, columns: part.length, partLabel }),
      label: (group) => group.for,
    }),
  sources: (planner, entry) =>
    planner.listSlides('sources', {
      group: 'sources',
      section: 'sources',
      items: planner.sourceList(),
      perSlide: entry.perSlide,
      data: (part, _index, partLabel) => ({ sources: part, partLabel }),
      label: (source) => source.title,
    }),
  // Figures no slide names, each on a slide of its own, in brief order.
  figures: (planner) =>
    (planner.brief.figures ?? [])
      .filter((figure) => planner.visible(figure) && !planner.named.has(figure.id))
      .flatMap((figure) => planner.figureSlides([figure], `figure:${figure.id}`, `figure ${quoted(figure.title)}`)),
  // The body's slides come last, whatever the profile's order: see `appendix` below.
  appendix: () => [],
};
