import { BriefError } from './errors.ts';

const HTML_ENTITIES: Record<string, string> = { '&quot;': '"', '&#39;': "'", '&apos;': "'", '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Addresses inside a deck's own bytes, which the browser never fetches from anywhere. */
const isEmbedded = (url: string) => /^(data:|#|about:blank$)/i.test(url.trim());

/**
 * Every address a rendered deck would fetch when opened: image sources, CSS `url()` and
 * `@import`, in element attributes, style attributes and style sheets alike.
 */
export function findExternalResources(html: string): string[] {
  const text = html.replace(/&(?:quot|#39|apos|amp|lt|gt);/g, (entity) => HTML_ENTITIES[entity]!);
  const found = new Set<string>();
  const patterns = [/\b(?:src|poster|data)\s*=\s*"([^"]*)"/gi, /\bsrcset\s*=\s*"([^"\s]*)/gi, /url\(\s*(["']?)([^"')]*)\1\s*\)/gi, /@import\s+(["'])([^"']*)\1/gi];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const url = (match[2] ?? match[1] ?? '').trim();
      if (url && !isEmbedded(url)) found.add(url);
    }
  }
  return [...found];
}

/** An error for each external address, placed on the body line that names it where there is one. */
export function remoteResourceErrors(urls: readonly string[], where: { file: string; body: string; bodyLine: number }): BriefError[] {
  const lines = where.body.split('\n');
  return urls.map((url) => {
    const index = lines.findIndex((line) => line.includes(url));
    const location = index >= 0 ? { file: where.file, line: where.bodyLine + index, column: lines[index]!.indexOf(url) + 1, field: ['body'] } : { file: where.file };
    return new BriefError('remote-resource', `the deck would fetch ${url} when opened`, location, 'decks never reach out to the network; save the file beside the brief and refer to it by its relative path');
  });
}
