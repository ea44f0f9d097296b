import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { BriefError, BriefErrors } from '../errors.ts';
import { type ParsedMarkdown, parsePlain } from '../marp-engine.ts';

// The raster types Markdown accepts as data URLs; markdown-it refuses `data:image/svg+xml`.
export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** A file's bytes as a `data:` URL of its type: decks embed every image and font. */
export const dataUrl = (type: string, bytes: Uint8Array) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

/** `{{logo.src}}` as Markdown reads it in an image's address. */
export const LOGO_PLACEHOLDER = '%7B%7Blogo.src%7D%7D';

export interface ImageOptions {
  /** The brief or template the Markdown comes from; images are looked up beside it. */
  file: string;
  /** Line of the file where the Markdown starts, so errors point into the original file. */
  firstLine: number;
  /** The field errors name: `body` for a brief's body, none for a template. */
  field?: string[];
  /** Reads a file, or returns undefined when there is none; reads the disk by default. */
  readAsset?: (path: string) => Uint8Array | undefined;
}

/** Reads an image, or returns undefined when there is none. */
export function readAssetFromDisk(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

interface BodyImage {
  src: string;
  alt: string;
  line: number;
  background: boolean;
}

type Tokens = ParsedMarkdown['tokens'];

/** Marp's own Markdown parser, so nothing it would render slips past these checks. */
const parseBody = (body: string): Tokens => parsePlain(body).tokens;

/**
 * Directives that would change what the briefing must show on every slide (the marking in the
 * header and footer, the page number) or the deck as a whole (theme, size, language, metadata).
 */
const RESERVED_DIRECTIVES = new Set([
  'header',
  'footer',
  'paginate',
  'theme',
  'style',
  'size',
  'lang',
  'title',
  'author',
  'description',
  'keywords',
  'url',
  'image',
  'marp',
  'headingDivider',
  'math',
]);

/**
 * Refuses `<style>` and the reserved directives in the body, found by Marp's own parser: a body
 * could otherwise drop the marking from appendix slides or restyle the whole deck.
 */
export function checkBodyDirectives(body: string, options: { file: string; bodyLine: number }): void {
  const errors: BriefError[] = [];
  const visit = (tokens: Tokens, line: number) => {
    for (const token of tokens) {
      const at = { file: options.file, line: options.bodyLine + (token.map?.[0] ?? line), field: ['body'] };
      if (token.type === 'marpit_style') {
        errors.push(
          new BriefError(
            'body',
            'the body may not hold a <style> element',
            at,
            "slides take their look from the audience's theme; change the theme under templates/ instead",
          ),
        );
      }
      if (token.type === 'marpit_comment') {
        for (const key of Object.keys(token.meta?.marpitParsedDirectives ?? {})) {
          if (RESERVED_DIRECTIVES.has(key.replace(/^_/, ''))) {
            errors.push(
              new BriefError(
                'body',
                `the body may not set the "${key}" directive`,
                at,
                'the marking, page numbers and theme come from the brief and its audience profile',
              ),
            );
          }
        }
      }
      if (token.children) visit(token.children, token.map?.[0] ?? line);
    }
  };
  visit(parseBody(body), 0);
  if (errors.length > 0) throw new BriefErrors(errors);
}

/** Images in the body's Markdown, found by Marp's own parser so nothing it would render slips by. */
function findImages(body: string): BodyImage[] {
  const tokens = parseBody(body);
  const images: BodyImage[] = [];
  const visit = (children: typeof tokens, line: number) => {
    for (const token of children) {
      if (token.type === 'image') {
        const alt = token.children?.map((child: { content: string }) => child.content).join('') ?? token.content;
        images.push({ src: token.attrGet('src') ?? '', alt: alt.trim(), line, background: /^bg\b/.test(alt.trim()) });
      }
      if (token.children) visit(token.children, line);
    }
  };
  for (const token of tokens) if (token.children) visit(token.children, token.map?.[0] ?? 0);
  return images;
}

/**
 * Checks every image in a brief's body or a slide template and embeds local ones as data URLs,
 * so decks open anywhere and never fetch: remote images, files outside the folder of the brief
 * (or template), missing files and images without alt text are errors.
 */
export function embedImages(body: string, options: ImageOptions): string {
  if (!body.includes('![') && !/^\s*\[[^\]]+\]:/m.test(body)) return body; // no image can hide in it
  const errors: BriefError[] = [];
  let embedded = body;
  const folder = dirname(resolve(options.file));
  const lines = body.split('\n');
  for (const image of findImages(body)) {
    const column = (lines[image.line] ?? '').indexOf(image.src) + 1 || undefined;
    const where = { file: options.file, line: options.firstLine + image.line, column, field: options.field };
    // A template's `{{logo.src}}` is filled when the slide renders, with briefdeck's own data URL.
    if (image.src === LOGO_PLACEHOLDER) continue;
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(image.src)) {
      if (image.src.startsWith('data:')) continue;
      errors.push(
        new BriefError(
          'remote-resource',
          `image "${image.src}" would be fetched when the deck opens`,
          where,
          'save the image beside the file and refer to it by its relative path',
        ),
      );
      continue;
    }
    if (!image.background && image.alt === '') {
      errors.push(
        new BriefError(
          'accessibility',
          `image "${image.src}" has no alt text`,
          where,
          'describe the image between the brackets: ![Map of the corridor](corridor.png)',
        ),
      );
    }
    const path = resolve(folder, decodeURI(image.src));
    const inside = relative(folder, path);
    if (isAbsolute(image.src) || inside.startsWith('..') || isAbsolute(inside)) {
      errors.push(
        new BriefError(
          'read',
          `image "${image.src}" lies outside ${dirname(options.file)}/`,
          where,
          'keep images in that folder or below it',
        ),
      );
      continue;
    }
    const type = IMAGE_TYPES[extname(path).toLowerCase()];
    if (!type) {
      errors.push(
        new BriefError(
          'read',
          `image "${image.src}" is not a PNG, JPEG, GIF or WebP file`,
          where,
          'export charts as PNG',
        ),
      );
      continue;
    }
    const bytes = (options.readAsset ?? readAssetFromDisk)(path);
    if (!bytes) {
      errors.push(
        new BriefError(
          'read',
          `image "${image.src}" does not exist`,
          where,
          `looked for ${join(dirname(options.file), decodeURI(image.src))}`,
        ),
      );
      continue;
    }
    const url = dataUrl(type, bytes);
    // Replace the address only where Markdown uses it as one: `](src)`, `](src "title")` or `]: src`.
    embedded = embedded
      .split(`](${image.src})`)
      .join(`](${url})`)
      .split(`](${image.src} `)
      .join(`](${url} `)
      .split(`]: ${image.src}`)
      .join(`]: ${url}`);
  }
  if (errors.length > 0) throw new BriefErrors(errors);
  return keepPercentagesInAltText(embedded);
}

/**
 * Marp reads `89%` in an image's alt text as a size and drops it, so "refines 89% of output"
 * would reach a screen reader as "refines of output". A no-break space keeps the figure.
 */
function keepPercentagesInAltText(markdown: string): string {
  return markdown.replace(/!\[([^\]]*)\]/g, (image, alt: string) =>
    /^\s*bg\b/.test(alt) ? image : `![${alt.replace(/(\d)%/g, '$1\u00A0%')}]`,
  );
}
