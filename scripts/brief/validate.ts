import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import { BriefError, BriefErrors } from '../errors.ts';
import { unknownFieldErrors } from './field-names.ts';
import type { LoadedBrief } from './load.ts';
import { briefSchema, type Brief } from './schema.ts';

export interface ValidateOptions {
  /** Audience names a brief may restrict items to. */
  audiences: readonly string[];
}

type FieldPath = (string | number)[];

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    data,
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

function toFieldPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((key) => (typeof key === 'number' ? key : String(key)));
}

function schemaProblems(loaded: LoadedBrief, issues: z.core.$ZodIssue[]): BriefError[] {
  const { file, data } = loaded;
  return issues.flatMap((issue) => {
    const field = toFieldPath(issue.path);
    if (issue.code === 'unrecognized_keys')
      return unknownFieldErrors(briefSchema, issue.path, issue.keys, { file, locate: loaded.locate });
    const value = valueAt(data, issue.path);
    const where = { file, ...loaded.locate(field), field };
    if (issue.code === 'invalid_type' && value === undefined) {
      return [
        new BriefError(
          'schema',
          'required field is missing',
          where,
          `add "${String(field.at(-1))}:" here; see the brief format in README.md`,
        ),
      ];
    }
    const message = issue.code === 'invalid_type' ? `${issue.message}, got ${describeValue(value)}` : issue.message;
    return [new BriefError('schema', message, where)];
  });
}

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
  return problems;
}

function byPosition(problems: BriefError[]): BriefError[] {
  return problems.sort(
    (a, b) => (a.where.line ?? 0) - (b.where.line ?? 0) || (a.where.column ?? 0) - (b.where.column ?? 0),
  );
}

/** Checks a loaded brief against brief format v1, reporting every problem found, each with its place. */
export function validateBrief(loaded: LoadedBrief, options: ValidateOptions): Brief {
  const result = briefSchema.safeParse(loaded.data);
  if (!result.success) throw new BriefErrors(byPosition(schemaProblems(loaded, result.error.issues)));
  const problems = referenceProblems(loaded, result.data, options);
  if (problems.length > 0) throw new BriefErrors(byPosition(problems));
  return result.data;
}
