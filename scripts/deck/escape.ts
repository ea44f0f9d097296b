// Every brief value lands in one of four contexts in the generated Marp Markdown, and each needs
// its own escaping so that whatever a brief says appears on the slide literally (issue: hostile briefs).

// C0/C1 controls (but tab and newline), BOM and non-characters break YAML parsers and render as nothing.
// biome-ignore lint/complexity/useRegexLiterals: as a literal, its control-character ranges read as mistakes
const UNPRINTABLE = new RegExp(
  '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uFEFF\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
  'g',
);
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~$:"'^=]/g;
const ZERO_WIDTH_SPACE = '\u200B';

/** Removes characters no slide can show, and folds runs of white space into one space. */
export function toPlainLine(value: string): string {
  return value.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
}

/** Text inside Markdown inline content: no emphasis, links, images, math, HTML or new blocks. */
export function escapeMarkdownText(value: string): string {
  return toPlainLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`);
}

/** A YAML double-quoted scalar for the generated front-matter or a directive comment. */
export function quoteYamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007F-\u009F\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Presenter notes travel inside an HTML comment, which Marp also reads as YAML directives.
 * A zero-width space before any line that YAML could read as a key or indicator keeps the
 * note a note, and one between dashes and ">" keeps the comment from closing early.
 */
export function escapeNoteText(value: string): string {
  return value
    .replace(UNPRINTABLE, '')
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.trimEnd())
    .map((line) =>
      /[:#{}[\],&*!|>'"%@`?-]/.test(line) || /^\s/.test(line) ? ZERO_WIDTH_SPACE + line.trimStart() : line,
    )
    .join('\n')
    .replace(/-(?=>)/g, `-${ZERO_WIDTH_SPACE}`)
    .replace(/<!(?=-)/g, `<!${ZERO_WIDTH_SPACE}`);
}

/** Text inside HTML or XML markup, element content or attribute value alike. */
export function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
