import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import { BriefError, type BriefErrorCode, type Where } from '../errors.ts';

/** The field names an object in the schema accepts at `path`, to suggest the nearest one for a typo. */
function fieldNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node = schema as unknown as { _zod: { def: Record<string, unknown> } };
  const unwrap = () => {
    for (;;) {
      const def = node._zod.def;
      if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')
        node = def.innerType as typeof node;
      else if (def.type === 'pipe') node = def.out as typeof node;
      else return;
    }
  };
  for (const segment of path) {
    unwrap();
    const def = node._zod.def;
    if (def.type === 'object' && typeof segment === 'string')
      node = (def.shape as Record<string, typeof node>)[segment] ?? node;
    else if (def.type === 'array') node = def.element as typeof node;
    else return [];
  }
  unwrap();
  const def = node._zod.def;
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

/**
 * One error per unknown field, at its line, suggesting the nearest name the schema accepts at
 * that place: used for briefs and audience profiles alike.
 */
export function unknownFieldErrors(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  keys: readonly string[],
  where: { file: string; locate: (field: (string | number)[]) => Partial<Where> },
): BriefError[] {
  const field = path.map((key) => (typeof key === 'number' ? key : String(key)));
  const allowed = fieldNamesAt(schema, path);
  return keys.map((key) => {
    const suggestion = allowed.length > 0 ? closest(key, allowed) : undefined;
    const hint = suggestion ? `did you mean "${suggestion}"? Allowed here: ${allowed.join(', ')}` : undefined;
    return new BriefError(
      'unknown-field',
      `unknown field "${key}"`,
      { file: where.file, ...where.locate([...field, key]), field: [...field, key] },
      hint,
    );
  });
}

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

/**
 * Every problem zod found in a YAML file (a brief, a profile, a labels file) as located errors:
 * an unknown field with the nearest allowed name, a missing field with a hint, a value of the
 * wrong type saying what it is.
 */
export function schemaIssueErrors(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  source: {
    code: BriefErrorCode;
    file: string;
    data: unknown;
    /** The README section that lists the fields: `the brief format`. */
    reference: string;
    locate: (field: (string | number)[]) => Partial<Where>;
  },
): BriefError[] {
  const { code, file, data, locate, reference } = source;
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return unknownFieldErrors(schema, issue.path, issue.keys, { file, locate });
    const field = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    const value = valueAt(data, issue.path);
    const where = { file, ...locate(field), field };
    if (issue.code === 'invalid_type' && value === undefined)
      return [
        new BriefError(
          code,
          'required field is missing',
          where,
          `add "${String(field.at(-1))}:" here; see ${reference} in README.md`,
        ),
      ];
    const message = issue.code === 'invalid_type' ? `${issue.message}, got ${describeValue(value)}` : issue.message;
    return [new BriefError(code, message, where)];
  });
}
