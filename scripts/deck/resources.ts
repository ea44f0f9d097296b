import { Parser } from 'htmlparser2';
import { BriefError } from '../errors.ts';

/** Addresses inside a deck's own bytes, which the browser never fetches from anywhere. */
const isEmbedded = (url: string) => /^(data:|#|about:blank$)/i.test(url.trim());

/** Attributes whose value the browser fetches, on whichever element carries them. */
const FETCHING_ATTRIBUTES = new Set(['src', 'poster', 'data', 'background', 'xlink:href']);
/** `href` fetches only on these; on a link (`<a>`) it waits for a click. */
const FETCHING_HREF = new Set(['link', 'image', 'use', 'feimage']);

const CSS_COMMENT = /\/\*[\s\S]*?\*\//g;
const CSS_URL = /url\(\s*(["']?)([^"')]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+(["'])([^"']*)\1/gi;

/** Every `url(…)` and `@import "…"` of a style sheet or style attribute. */
function cssAddresses(css: string): string[] {
  const text = css.replace(CSS_COMMENT, '');
  return [...text.matchAll(CSS_URL), ...text.matchAll(CSS_IMPORT)].map((match) => match[2]!.trim());
}

/** The addresses of a `srcset`: comma-separated candidates, each an address and a size. */
function srcsetAddresses(value: string): string[] {
  return value.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
}

/**
 * Every address a rendered deck would fetch when opened, read from the markup a real HTML parser
 * sees: fetching attributes of elements, their style attributes, and style sheets. Text is never
 * read, so a brief that quotes `<img src="…">` or `url(…)` in its prose shows it literally.
 */
export function findExternalResources(html: string): string[] {
  const found = new Set<string>();
  const add = (url: string) => {
    if (url && !isEmbedded(url)) found.add(url);
  };
  // A style sheet's text may arrive in several pieces; it is read whole when it closes.
  let styleText: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'style') styleText = '';
        for (const [attribute, value] of Object.entries(attributes)) {
          if (FETCHING_ATTRIBUTES.has(attribute) || (attribute === 'href' && FETCHING_HREF.has(name)))
            add(value.trim());
          else if (attribute === 'srcset' || attribute === 'imagesrcset') srcsetAddresses(value).forEach(add);
          else if (attribute === 'style') cssAddresses(value).forEach(add);
        }
      },
      ontext(text) {
        if (styleText !== undefined) styleText += text;
      },
      onclosetag() {
        if (styleText !== undefined) cssAddresses(styleText).forEach(add);
        styleText = undefined;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return [...found];
}

/** An error for each external address, placed on the body line that names it where there is one. */
export function remoteResourceErrors(
  urls: readonly string[],
  where: { file: string; body: string; bodyLine: number },
): BriefError[] {
  const lines = where.body.split('\n');
  return urls.map((url) => {
    const index = lines.findIndex((line) => line.includes(url));
    const location =
      index >= 0
        ? { file: where.file, line: where.bodyLine + index, column: lines[index]!.indexOf(url) + 1, field: ['body'] }
        : { file: where.file };
    return new BriefError(
      'remote-resource',
      `the deck would fetch ${url} when opened`,
      location,
      'decks never reach out to the network; save the file beside the brief and refer to it by its relative path',
    );
  });
}
