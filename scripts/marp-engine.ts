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
 * first use, since each Marp compiles its built-in themes.
 */
export function plainMarp(): Marp {
  plain ??= new Marp(MARP_ENGINE_OPTIONS);
  return plain;
}
