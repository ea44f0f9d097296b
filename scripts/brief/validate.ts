import { closest } from 'fastest-levenshtein';
import { BriefError, BriefErrors } from '../errors.ts';
import { figureProblems } from './figure-checks.ts';
import { schemaIssueErrors } from './field-names.ts';
import type { LoadedBrief } from './load.ts';
import { briefSchema, type Brief } from './schema.ts';

export interface ValidateOptions {
  /** Audience names a brief may restrict items to. */
  audiences: readonly string[];
}

type FieldPath = (string | number)[];

interface Restrictable {
  audiences?: string[];
  sources?: string[];
}

/** Every item of the brief that may carry `audiences` or `sources`, with its field path. */
function* restrictableItems(brief: Brief): Generator<[FieldPath, Restrictable]> {
  const listed: [string, Restrictable[] | undefined][] = [
    ['pillars', brief.pillars],
    ['pros', brief.pros],
    ['cons', brief.cons],
    ['takeaways', brief.takeaways],
    ['actions', brief.actions],
  ];
  for (const [name, items] of listed) {
    for (const [index, item] of (items ?? []).entries()) {
      yield [[name, index], item];
      const points = (item as { points?: Restrictable[] }).points ?? [];
      for (const [pointIndex, pointItem] of points.entries()) yield [[name, index, 'points', pointIndex], pointItem];
    }
  }
  for (const name of ['context', 'outlook'] as const) {
    for (const [index, pointItem] of (brief[name]?.points ?? []).entries()) yield [[name, 'points', index], pointItem];
  }
  // A figure cites its one source by itself; its audiences are checked like everyone's.
  for (const [index, figure] of (brief.figures ?? []).entries())
    yield [['figures', index], { audiences: figure.audiences }];
}

function referenceProblems(loaded: LoadedBrief, brief: Brief, options: ValidateOptions): BriefError[] {
  const problems: BriefError[] = [];
  const where = (field: FieldPath) => ({ file: loaded.file, ...loaded.locate(field), field });
  const sourceIds = new Set<string>();
  for (const [index, source] of (brief.sources ?? []).entries()) {
    if (sourceIds.has(source.id))
      problems.push(
        new BriefError(
          'schema',
          `source id "${source.id}" is defined twice`,
          where(['sources', index, 'id']),
          'give each source its own id',
        ),
      );
    sourceIds.add(source.id);
  }
  const definedIds = [...sourceIds];
  for (const [path, item] of restrictableItems(brief)) {
    for (const [index, id] of (item.sources ?? []).entries()) {
      if (sourceIds.has(id)) continue;
      const hint =
        definedIds.length > 0
          ? `defined source ids: ${definedIds.join(', ')}`
          : 'define it under "sources:" with an id and a title';
      problems.push(
        new BriefError(
          'unknown-source',
          `cites source "${id}", which is not defined under sources`,
          where([...path, 'sources', index]),
          hint,
        ),
      );
    }
    for (const [index, audience] of (item.audiences ?? []).entries()) {
      if (options.audiences.includes(audience)) continue;
      const suggestion =
        options.audiences.length > 0 ? `did you mean "${closest(audience, [...options.audiences])}"? ` : '';
      problems.push(
        new BriefError(
          'unknown-audience',
          `unknown audience "${audience}"`,
          where([...path, 'audiences', index]),
          `${suggestion}Expected one of: ${options.audiences.join(', ')}`,
        ),
      );
    }
  }
  problems.push(...figureProblems(brief, where, sourceIds));
  return problems;
}

/** A figure's value written with its unit or as words: say where the unit goes. */
function withDataHint(error: BriefError): BriefError {
  const field = error.where.field ?? [];
  if (error.hint || field[0] !== 'figures' || field.at(-2) !== 'values') return error;
  return new BriefError(
    error.code,
    error.message,
    error.where,
    'write the number alone, as 80 or 12.5, with the unit once under unit:',
  );
}

function byPosition(problems: BriefError[]): BriefError[] {
  return problems.sort(
    (a, b) => (a.where.line ?? 0) - (b.where.line ?? 0) || (a.where.column ?? 0) - (b.where.column ?? 0),
  );
}

/** Checks a loaded brief against brief format v1, reporting every problem found, each with its place. */
export function validateBrief(loaded: LoadedBrief, options: ValidateOptions): Brief {
  const result = briefSchema.safeParse(loaded.data);
  if (!result.success)
    throw new BriefErrors(
      byPosition(
        schemaIssueErrors(briefSchema, result.error.issues, {
          code: 'schema',
          reference: 'the brief format',
          file: loaded.file,
          data: loaded.data,
          locate: loaded.locate,
        }).map(withDataHint),
      ),
    );
  const problems = referenceProblems(loaded, result.data, options);
  if (problems.length > 0) throw new BriefErrors(byPosition(problems));
  return result.data;
}
