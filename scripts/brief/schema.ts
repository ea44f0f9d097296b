import * as z from 'zod';

// Brief format v1: the contract documented in README.md.

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' });
const audienceNames = z
  .array(text, { error: 'expected a list of audience names' })
  .min(1, { error: 'list at least one audience' });
const sourceIds = z
  .array(text, { error: 'expected a list of source ids' })
  .min(1, { error: 'list at least one source id' });

const calendarDate = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD', abort: true })
  .refine(
    (value) => {
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { error: 'is not a calendar date' },
  );

const languageTag = text.refine(
  (value) => {
    try {
      return Intl.getCanonicalLocales(value).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'expected a BCP-47 language tag such as en, en-GB, uk or el' },
);

const webUrl = text.refine(
  (value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { error: 'expected an http:// or https:// address' },
);

const pointObject = z.strictObject(
  { text, audiences: audienceNames.optional(), sources: sourceIds.optional() },
  { error: 'expected text, or a mapping with text, audiences and sources' },
);
const point = z.preprocess((value) => (typeof value === 'string' ? { text: value } : value), pointObject);
const points = z.array(point, { error: 'expected a list of points' });

const figureId = text.regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lower-case letters, digits and dashes' });
/** The figures a slide shows beside its points, by id. */
const figureIds = z
  .array(figureId, { error: 'expected a list of figure ids' })
  .min(1, { error: 'list at least one figure id' });

const section = z.strictObject(
  {
    title: text.optional(),
    summary: text.optional(),
    points: points.optional(),
    notes: text.optional(),
    figures: figureIds.optional(),
  },
  { error: 'expected a mapping with title, summary, points and notes' },
);

const pillar = z.strictObject(
  {
    title: text,
    summary: text,
    points: points.optional(),
    notes: text.optional(),
    sources: sourceIds.optional(),
    audiences: audienceNames.optional(),
    figures: figureIds.optional(),
  },
  { error: 'expected a mapping with title and summary' },
);

const argument = z.strictObject(
  { title: text, detail: text.optional(), sources: sourceIds.optional(), audiences: audienceNames.optional() },
  { error: 'expected a mapping with title and detail' },
);

const takeaway = z.strictObject(
  { title: text, detail: text.optional(), audiences: audienceNames.optional() },
  { error: 'expected a mapping with title and detail' },
);

const action = z.strictObject(
  { for: text, points: points.min(1, { error: 'list at least one point' }), audiences: audienceNames.optional() },
  { error: 'expected a mapping with for and points' },
);

const source = z.strictObject(
  {
    id: text.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'use letters, digits, dots, dashes and underscores' }),
    title: text,
    publisher: text.optional(),
    url: webUrl.optional(),
    date: text.optional(),
  },
  { error: 'expected a mapping with id and title' },
);

export const FIGURE_KINDS = ['bar', 'column', 'stacked-bar', 'stacked-column', 'line', 'pie', 'table'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** A category or series name: years are names too (`categories: [2023, 2024]`). */
const label = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), text);

/** A number, or nothing (`null`) where the data has a gap. */
const value = z.union([z.number().finite(), z.null()], { error: 'expected a number, or null for a gap in the data' });

const series = z.strictObject(
  {
    name: label,
    values: z.array(value, { error: 'expected a list of numbers' }).min(1, { error: 'list at least one value' }),
  },
  { error: 'expected a mapping with name and values' },
);

const figure = z.strictObject(
  {
    id: figureId,
    title: text,
    kind: z.enum(FIGURE_KINDS, { error: `expected one of: ${FIGURE_KINDS.join(', ')}` }),
    unit: text.optional(),
    categories: z.array(label, { error: 'expected a list of category names' }).min(1, {
      error: 'list at least one category',
    }),
    series: z.array(series, { error: 'expected a list of series' }).min(1, { error: 'list at least one series' }),
    source: text.optional(),
    note: text.optional(),
    alt: text.optional(),
    audiences: audienceNames.optional(),
  },
  { error: 'expected a mapping with id, title, kind, categories and series' },
);

export const briefSchema = z.strictObject({
  title: text,
  subtitle: text.optional(),
  date: calendarDate,
  presenter: text.optional(),
  organization: text.optional(),
  lang: languageTag.default('en'),
  marking: text.optional(),
  summary: text,
  context: section.optional(),
  pillars: z
    .array(pillar, { error: 'expected a list of pillars' })
    .min(1, { error: 'list at least one pillar' })
    .max(12, { error: 'at most 12 pillars fit a briefing' }),
  pros: z.array(argument, { error: 'expected a list of pros' }).optional(),
  cons: z.array(argument, { error: 'expected a list of cons' }).optional(),
  takeaways: z.array(takeaway, { error: 'expected a list of takeaways' }).optional(),
  outlook: section.optional(),
  actions: z.array(action, { error: 'expected a list of calls to action' }).optional(),
  sources: z.array(source, { error: 'expected a list of sources' }).optional(),
  figures: z.array(figure, { error: 'expected a list of figures' }).optional(),
});

export type Brief = z.output<typeof briefSchema>;
export type Point = z.output<typeof pointObject>;
export type Pillar = Brief['pillars'][number];
export type Argument = z.output<typeof argument>;
export type Takeaway = z.output<typeof takeaway>;
export type Action = z.output<typeof action>;
export type Source = z.output<typeof source>;
export type Section = z.output<typeof section>;
export type Figure = z.output<typeof figure>;
export type Series = z.output<typeof series>;
