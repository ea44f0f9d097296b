import { closest } from 'fastest-levenshtein';
import { BriefError } from '../errors.ts';
import type { Brief } from './schema.ts';

/** As many slices as the theme's chart palette has colours. */
const PIE_SLICES = 7;

type FieldPath = (string | number)[];
type Place = (field: FieldPath) => { file: string; line?: number; column?: number; field: FieldPath };

/** The slides that may name figures to show beside their points, with the figures they name. */
export function* figureReferences(brief: Brief): Generator<[FieldPath, string[]]> {
  for (const [index, pillar] of brief.pillars.entries()) if (pillar.figures) yield [['pillars', index], pillar.figures];
  for (const name of ['context', 'outlook'] as const) {
    const figures = brief[name]?.figures;
    if (figures) yield [[name], figures];
  }
}

const suggest = (id: string, known: readonly string[]) =>
  known.length > 0 ? `did you mean "${closest(id, [...known])}"? Defined figure ids: ${known.join(', ')}` : undefined;

/**
 * What the schema cannot see in a brief's figures: data that does not line up with its
 * categories, a pie that cannot be drawn, ids defined twice, and sources and figures named but
 * never defined.
 */
export function figureProblems(brief: Brief, place: Place, sourceIds: ReadonlySet<string>): BriefError[] {
  const problems: BriefError[] = [];
  const ids = new Set<string>();
  for (const [index, figure] of (brief.figures ?? []).entries()) {
    const at = (...field: FieldPath) => place(['figures', index, ...field]);
    if (ids.has(figure.id))
      problems.push(
        new BriefError('schema', `figure id "${figure.id}" is defined twice`, at('id'), 'give each figure its own id'),
      );
    ids.add(figure.id);
    const count = figure.categories.length;
    for (const [seriesIndex, series] of figure.series.entries()) {
      if (series.values.length !== count)
        problems.push(
          new BriefError(
            'schema',
            `series "${series.name}" has ${series.values.length} value${series.values.length === 1 ? '' : 's'} for ${count} categor${count === 1 ? 'y' : 'ies'}`,
            at('series', seriesIndex, 'values'),
            'give one value per category, in the order of categories; write null for a gap',
          ),
        );
    }
    if (figure.kind === 'pie') {
      if (count > PIE_SLICES)
        problems.push(
          new BriefError(
            'schema',
            `a pie chart of ${count} slices cannot be told apart; it shows at most ${PIE_SLICES}`,
            at('categories'),
            'group the smallest categories as one ("Other"), or choose kind: bar',
          ),
        );
      if (figure.series.length > 1)
        problems.push(
          new BriefError(
            'schema',
            `a pie chart shows one series, and this one has ${figure.series.length}`,
            at('series', 1),
            'keep one series, or choose kind: bar or stacked-bar to compare several',
          ),
        );
      for (const [seriesIndex, series] of figure.series.entries())
        for (const [valueIndex, value] of series.values.entries())
          if (value !== null && value < 0)
            problems.push(
              new BriefError(
                'schema',
                `a pie chart cannot show the negative value ${value}`,
                at('series', seriesIndex, 'values', valueIndex),
                'a pie shows shares of a whole; choose kind: bar or column for values below zero',
              ),
            );
    }
    if (figure.source && !sourceIds.has(figure.source))
      problems.push(
        new BriefError(
          'unknown-source',
          `cites source "${figure.source}", which is not defined under sources`,
          at('source'),
          sourceIds.size > 0
            ? `defined source ids: ${[...sourceIds].join(', ')}`
            : 'define it under "sources:" with an id and a title',
        ),
      );
  }
  const known = [...ids];
  for (const [path, names] of figureReferences(brief))
    for (const [index, id] of names.entries())
      if (!ids.has(id))
        problems.push(
          new BriefError(
            'unknown-figure',
            `shows figure "${id}", which is not defined under figures`,
            place([...path, 'figures', index]),
            suggest(id, known) ?? 'define it under "figures:" with an id, a title, a kind, categories and series',
          ),
        );
  return problems;
}
