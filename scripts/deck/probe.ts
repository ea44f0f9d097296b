import type { Brief } from '../brief/schema.ts';
import { planDeck } from './plan.ts';
import type { AudienceProfile, SectionKind } from './profile.ts';
import { type RenderTemplates, slideValues } from './render.ts';
import { fillsForAnyBrief, mergeShapes, type Shape, shapeOf } from './template-proof.ts';

// The shape of each slide kind's values comes from planning one brief that fills every field,
// so that every list has an item and every object its keys: the planners' own output, never a
// second description of it to keep in step. Which keys a slide's values have does not depend
// on the brief (tests/template-proof.test.ts holds every fixture brief to it); only the values do.

const SOURCES = ['probe-source'];
const point = { text: 'Point', sources: SOURCES };

/** A brief with every optional field set and one of every list item, each citing a source. */
export const PROBE_BRIEF: Brief = {
  title: 'Title',
  subtitle: 'Subtitle',
  date: '2026-01-01',
  presenter: 'Presenter',
  organization: 'Organization',
  lang: 'en',
  marking: 'Marking',
  summary: 'Summary',
  context: { title: 'Context', summary: 'Summary', points: [point], notes: 'Notes', figures: ['probe-beside'] },
  pillars: [
    {
      title: 'Pillar',
      summary: 'Summary',
      points: [point],
      notes: 'Notes',
      sources: SOURCES,
      figures: ['probe-beside'],
    },
  ],
  pros: [{ title: 'Pro', detail: 'Detail', sources: SOURCES }],
  cons: [{ title: 'Con', detail: 'Detail', sources: SOURCES }],
  takeaways: [{ title: 'Takeaway', detail: 'Detail' }],
  outlook: { title: 'Outlook', summary: 'Summary', points: [point], notes: 'Notes', figures: ['probe-beside'] },
  actions: [{ for: 'Committee', points: [point] }],
  sources: [{ id: 'probe-source', title: 'Source', publisher: 'Publisher', url: 'https://example.org/', date: '2026' }],
  figures: [
    { id: 'probe-beside', title: 'Figure', kind: 'bar', categories: ['A'], series: [{ name: 'S', values: [1] }] },
    { id: 'probe-alone', title: 'Figure', kind: 'table', categories: ['A'], series: [{ name: 'S', values: [1] }] },
  ],
};

const proofs = new WeakMap<object, Map<string, ReadonlySet<SectionKind>>>();

/**
 * The slide kinds of `profile`'s deck in `lang` whose templates fill for any brief, proven once
 * per template set: a check need not fill them.
 */
export function provenKinds(
  templates: RenderTemplates,
  profile: AudienceProfile,
  lang: string,
): ReadonlySet<SectionKind> {
  let byDeck = proofs.get(templates.slides);
  if (!byDeck) {
    byDeck = new Map();
    proofs.set(templates.slides, byDeck);
  }
  const key = `${profile.name}\0${lang}`;
  let proven = byDeck.get(key);
  if (!proven) {
    proven = prove(templates, profile, lang);
    byDeck.set(key, proven);
  }
  return proven;
}

/**
 * What each slide kind's template may look up in `profile`'s deck in `lang`, for any brief: the
 * probe's values, with the audience's labels and logo as they are.
 */
export function probeShapes(
  templates: RenderTemplates,
  profile: AudienceProfile,
  lang: string,
): Map<SectionKind, Shape> {
  // The probe is planned in full: a slide limit is the brief's to meet, not the probe's.
  const deck = planDeck(
    { ...PROBE_BRIEF, lang },
    { ...profile, maxSlides: undefined },
    { slug: 'probe', body: '', file: profile.file, of: templates.labels.of },
  );
  const { slides, shared } = slideValues(deck, templates);
  // The labels and logo are the audience's own, the same for every brief; the marking is not.
  const sharedKeys: [string, Shape][] = [
    ['labels', shapeOf(shared.labels, true)],
    ['logo', shapeOf(shared.logo, true)],
    ['marking', { kind: 'leaf' }],
  ];
  const byKind = new Map<SectionKind, Shape>();
  for (const { kind, values } of slides) {
    const shape = shapeOf(values);
    const known = byKind.get(kind);
    byKind.set(kind, known ? mergeShapes(known, shape) : shape);
  }
  for (const [kind, shape] of byKind)
    if (shape.kind === 'object') byKind.set(kind, { kind: 'object', keys: new Map([...shape.keys, ...sharedKeys]) });
  return byKind;
}

function prove(templates: RenderTemplates, profile: AudienceProfile, lang: string): ReadonlySet<SectionKind> {
  const proven = new Set<SectionKind>();
  for (const [kind, shape] of probeShapes(templates, profile, lang)) {
    const template = templates.slides.get(kind);
    if (template && fillsForAnyBrief(template, templates.partials ?? new Map(), shape)) proven.add(kind);
  }
  return proven;
}
