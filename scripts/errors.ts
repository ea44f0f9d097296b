/** Where a problem sits, so an editor can jump to it. */
export interface Where {
  file: string;
  line?: number;
  column?: number;
  field?: (string | number)[];
}

export type BriefErrorCode =
  | 'read'
  | 'binary'
  | 'empty'
  | 'front-matter'
  | 'yaml'
  | 'schema'
  | 'unknown-field'
  | 'unknown-source'
  | 'unknown-figure'
  | 'unknown-audience'
  | 'profile'
  | 'max-slides'
  | 'fit'
  | 'remote-resource'
  | 'accessibility'
  | 'body'
  | 'labels'
  | 'template'
  | 'theme'
  | 'browser'
  | 'export'
  | 'output'
  | 'import'
  | 'usage';

/** A problem the user can fix in their content, templates or command line. */
export class BriefError extends Error {
  override readonly name = 'BriefError';

  constructor(
    readonly code: BriefErrorCode,
    message: string,
    readonly where: Where,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Several problems found in one pass over a file, reported together. */
export class BriefErrors extends Error {
  override readonly name = 'BriefErrors';

  constructor(readonly errors: BriefError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export function isBriefError(error: unknown): error is BriefError | BriefErrors {
  return error instanceof BriefError || error instanceof BriefErrors;
}

/** Flattens one error or a collection into a list of located problems. */
export function listBriefErrors(error: BriefError | BriefErrors): BriefError[] {
  return error instanceof BriefErrors ? error.errors : [error];
}

/** Formats a field path as `pillars[2].title`. */
export function formatFieldPath(field: readonly (string | number)[]): string {
  return field
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

/** `content/brief.md:12:5: pillars[2].title: expected text` and an indented hint line. */
export function formatBriefError(error: BriefError): string {
  const { file, line, column, field } = error.where;
  const location = [file, line, line === undefined ? undefined : (column ?? 1)]
    .filter((part) => part !== undefined)
    .join(':');
  const fieldText = field && field.length > 0 ? `${formatFieldPath(field)}: ` : '';
  const head = `${location}: ${fieldText}${error.message}`;
  return error.hint ? `${head}\n  hint: ${error.hint}` : head;
}

/** A text quoted in a message, cut short where it is long: a message names a text, it does not repeat it. */
export const quoted = (text: string, max = 80) => `"${text.length > max ? `${text.slice(0, max - 3)}…` : text}"`;
