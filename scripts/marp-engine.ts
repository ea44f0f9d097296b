// Shared by every stage that runs Marp: the brief's checks, the deck's rendering and the exports.
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

let plain: Marp | undefined;

/**
 * One Marp for reading Markdown without themes (the body's checks, the address scan): made on
 * first use, since each Marp compiles its built-in themes. Its markup leaves out marp-core's
 * browser script, which fetches nothing and is most of what the address scan would read.
 */
export function plainMarp(): Marp {
  plain ??= new Marp({ ...MARP_ENGINE_OPTIONS, script: false });
  return plain;
}

type Tokens = ReturnType<Marp['markdown']['parse']>;

/** What Marp's parser makes of some Markdown: its tokens, and the style sheets its slides carry. */
export interface ParsedMarkdown {
  tokens: Tokens;
  styles: readonly string[];
}

// The body is read by its checks and then scanned for addresses: parsed once for all of them.
let last: { markdown: string; parsed: ParsedMarkdown } | undefined;

/** Marp's own parse of some Markdown, shared by every reader of the same text in turn. */
export function parsePlain(markdown: string): ParsedMarkdown {
  if (last?.markdown !== markdown) {
    const marp = plainMarp();
    const tokens = marp.markdown.parse(markdown, {});
    // Marp gathers the slides' style sheets while it parses (marpit's style/assign rule).
    const styles = [...((marp as unknown as { lastStyles?: string[] }).lastStyles ?? [])];
    last = { markdown, parsed: { tokens, styles } };
  }
  return last.parsed;
}

/** The slide markup of some Markdown, from its shared parse. */
export function renderPlain(markdown: string): { html: string; styles: readonly string[] } {
  const { markdown: engine } = plainMarp();
  const { tokens, styles } = parsePlain(markdown);
  return { html: engine.renderer.render(tokens, engine.options, {}), styles };
}
