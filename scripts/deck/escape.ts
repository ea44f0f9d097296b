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

/** Whether a text holds anything `toPlainLine` changes: most text holds nothing, and is passed through. */
function isPlainLine(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    // Controls, line breaks and tabs, DEL and C1, surrogates, BOM and the non-characters.
    if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || (code >= 0xd800 && code <= 0xdfff) || code >= 0xfeff)
      return false;
    // Other white space (U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), and doubled spaces.
    if (code === 0x20 ? value.charCodeAt(index + 1) === 0x20 : code >= 0x1680 && /\s/.test(value[index]!)) return false;
  }
  return value.charCodeAt(0) !== 0x20 && value.charCodeAt(value.length - 1) !== 0x20;
}

/** Removes characters no slide can show, and folds runs of white space into one space. */
export function toPlainLine(value: string): string {
  if (isPlainLine(value)) return value;
  return value.replace(UNPRINTABLE, '').replace(/\s+/g, ' ').trim();
}

/** Text inside Markdown inline content: no emphasis, links, images, math, HTML or new blocks. */
export function escapeMarkdownText(value: string): string {
  return toPlainLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, '\\$&');
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

/** A note as written, from the comment text Marp hands back: the zero-width spaces taken out again. */
export function unescapeNoteText(value: string): string {
  return value.replaceAll(ZERO_WIDTH_SPACE, '').trim();
}

/** Text inside HTML or XML markup, element content or attribute value alike. */
export function escapeMarkup(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
