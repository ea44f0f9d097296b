// The memo as HTML for the build's browser to print: the audience's memo template (Handlebars,
// every value escaped for HTML) in its memo.css, on A4 or Letter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pageLanguage } from '../deck/direction.ts';
import { scriptFontCss } from '../deck/script-fonts.ts';
import Handlebars from 'handlebars';
import { BriefError } from '../errors.ts';
import { escapeMarkup } from '../deck/escape.ts';
import type { MemoDocument, MemoSection } from './memo.ts';
import type { WordTemplate } from './word-template.ts';

/** The memo template and its styles, found like slide templates: the audience's own first. */
export interface MemoTemplate {
  template: { file: string; source: string };
  /** memo.css with its imports (fonts) inlined. */
  css: string;
  /** The office's Word template, whose styles the Word memo takes. */
  word?: WordTemplate;
}

const handlebars = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** What the template sees of a section: its fields, and a flag for the parts only some kinds have. */
function templateSection(section: MemoSection): Record<string, unknown> {
  if (section.kind === 'bottom-line') return { ...section, bottomLine: true };
  if (section.kind === 'pros-cons') {
    const rows = Array.from({ length: Math.max(section.pros.length, section.cons.length) }, (_, index) => ({
      pro: section.pros[index],
      con: section.cons[index],
    }));
    return section.layout === 'table' ? { ...section, table: true, rows } : { ...section, lists: true };
  }
  return { ...section };
}

/** Page size and margins, before the template's own styles, which may change them. */
const PAGE = { a4: 'A4', letter: 'Letter' } as const;

export function renderMemoHtml(memo: MemoDocument, template: MemoTemplate): string {
  let render = compiled.get(template.template.source);
  if (!render) {
    render = handlebars.compile(template.template.source, { knownHelpersOnly: true, strict: false });
    compiled.set(template.template.source, render);
  }
  let body: string;
  try {
    body = render(
      { ...memo, sections: memo.sections.map(templateSection) },
      { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false },
    );
  } catch (cause) {
    throw new BriefError(
      'template',
      `the memo template failed: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]}`,
      { file: template.template.file },
      'a memo template sees the fields listed under "The read-ahead memo" in README.md',
      { cause },
    );
  }
  const page = `@page { size: ${PAGE[memo.paper]}; margin: 24mm 20mm 22mm; }`;
  return (
    `<!DOCTYPE html><html ${pageLanguage(memo.lang)}><head><meta charset="utf-8">` +
    `<title>${escapeMarkup(memo.title)}</title><style>${page}</style><style>${template.css}</style>` +
    `<style>${scriptFontCss(body, memo.lang)}</style></head>` +
    `<body>${body}</body></html>`
  );
}

const require = createRequire(import.meta.url);
let latinFace: string | undefined;
/** Source Sans 3 bold for Latin text and the page number, made once. */
const LATIN_FACE = () =>
  (latinFace ??= `@font-face{font-family:"Source Sans 3";font-weight:700;src:url("data:font/woff2;base64,${readFileSync(
    require.resolve('@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2'),
  ).toString('base64')}") format("woff2")}`);

/**
 * The marking at the top and the foot of every printed page, with the page number: Chrome's own
 * header and footer, set in the page's margins. They are pages of their own, without the memo's
 * fonts, so they carry the script fonts their words need.
 */
export function memoPageFurniture(
  marking: string | undefined,
  pageWord: string,
  lang: string,
): { header: string; footer: string } {
  const fonts = LATIN_FACE() + scriptFontCss(`${marking ?? ''} ${pageWord}`, lang);
  const style =
    "font-family: 'Source Sans 3', var(--script-fonts, sans-serif), sans-serif; font-size: 8pt; width: 100%; margin: 0 20mm; color: #7a1f1f; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase;";
  const mark = marking ? escapeMarkup(marking) : '';
  const styles = `<style>${fonts}</style>`;
  return {
    header: `${styles}<div style="${style} text-align: center;">${mark}</div>`,
    footer:
      `${styles}<div style="${style} display: flex; justify-content: space-between;"><span></span><span>${mark}</span>` +
      `<span style="color: #4a5565; letter-spacing: 0; text-transform: none;">${escapeMarkup(pageWord)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  };
}
