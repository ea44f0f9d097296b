import { closest } from 'fastest-levenshtein';
import type { z } from 'zod';
import { BriefError, type Where } from '../errors.ts';

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
