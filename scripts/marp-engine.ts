// Shared by every stage that runs Marp: the brief's checks, the deck's rendering and the exports.

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
