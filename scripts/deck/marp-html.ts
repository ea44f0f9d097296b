import { Marp } from '@marp-team/marp-core';

/**
 * Marp's engine options, the same for marp-cli's exports and for briefdeck's own rendering: no
 * raw HTML, no math fonts or emoji images fetched from a CDN.
 */
export const MARP_ENGINE_OPTIONS = {
  html: false,
  math: false,
  emoji: { shortcode: false, unicode: false },
  minifyCSS: false,
} as const;

/** A deck rendered by marp-core in-process: a standalone page, and each slide's presenter notes. */
export interface DeckHtml {
  page: string;
  /** Slide HTML only, for pages that lay slides out their own way (handouts). */
  slides: string;
  css: string;
  notes: string[][];
}

export interface Theme {
  name: string;
  css: string;
}

/**
 * A renderer for Marp Markdown with the build's themes, laying slides out exactly as the exports
 * will. Parsing the themes (fonts inlined) is the costly part, so one renderer serves a build.
 */
export function createDeckRenderer(themes: readonly Theme[]): (markdown: string, lang: string) => DeckHtml {
  const marp = new Marp(MARP_ENGINE_OPTIONS);
  for (const theme of themes) marp.themeSet.add(theme.css);
  // The last deck is kept: a fitted deck is measured, then scanned for addresses, as the same text.
  let last: { markdown: string; lang: string; deck: DeckHtml } | undefined;
  return (markdown, lang) => {
    if (last?.markdown === markdown && last.lang === lang) return last.deck;
    const { html, css, comments } = marp.render(markdown);
    const page = `<!DOCTYPE html><html lang="${lang.replace(/[^A-Za-z0-9-]/g, '')}"><head><meta charset="utf-8"><style>${css}</style><style>html, body { margin: 0; padding: 0; }</style></head><body>${html}</body></html>`;
    last = { markdown, lang, deck: { page, slides: html, css, notes: comments } };
    return last.deck;
  };
}

let plain: Marp | undefined;

/**
 * A deck's slide markup with the style elements its slides carry, but not the themes: what the
 * address scan reads. Marp's style processing, the costly part of rendering, is skipped.
 */
export function renderMarkup(markdown: string): string {
  plain ??= new Marp(MARP_ENGINE_OPTIONS);
  const html = plain.markdown.render(markdown);
  const styles = (plain as unknown as { lastStyles?: string[] }).lastStyles ?? [];
  return `${styles.map((style) => `<style>${style}</style>`).join('')}${html}`;
}
