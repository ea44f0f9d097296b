// What an edit changed in an open deck, as a patch the page applies in place: the slides whose
// markup changed, the deck's styles when they changed, and the presenter notes. The deck is read
// from the HTML the fit step measured, which is the markup marp-cli writes (its container aside).
import { type DeckHtml, withoutStyleCopies } from '../deck/marp-html.ts';

/** An open deck as the page holds it. */
export interface DeckView {
  /** Each slide's `<svg>` contents. */
  slides: string[];
  /** Each slide as it looks, for telling what changed: Marp's copies of the deck's style left out. */
  looks: string[];
  /** Marp's styles but the fit step's rules, scoped to marp-cli's container as the page has them. */
  css: string;
  /** The fit step's rules (which slides shrink, how far), scoped likewise. */
  fit: string[];
  notes: string[][];
}

export interface DeckPatch {
  path: string;
  /** How many slides the page must have for the patch to apply; otherwise it reloads. */
  count: number;
  slides: { index: number; html: string }[];
  /** The deck's styles but the fit rules, when they changed (the page then holds the fit rules apart). */
  css?: string;
  /** The fit rules, when they changed, and those the page has now, which it takes out of its styles. */
  fit?: { rules: string[]; shown: string[] };
  /** Slides whose notes changed, with every note of the slide. */
  notes: { index: number; paragraphs: string[] }[];
}

// marp-cli's HTML template renders every deck into `<div id=":$p">`, where briefdeck's own renderer
// uses `<div class="marpit">`; the styles are otherwise the same, rule for rule.
const OWN_CONTAINER = 'div.marpit';
export const CLI_CONTAINER = 'div#\\:\\$p';

const SLIDE = /<svg data-marpit-svg=""[^>]*>([\s\S]*?)<\/svg>(?=<svg data-marpit-svg=""|<\/div>\s*$)/g;

const inPage = (css: string) => css.replaceAll(OWN_CONTAINER, CLI_CONTAINER);

export function readDeckView(html: DeckHtml): DeckView | undefined {
  const slides = [...html.slides.matchAll(SLIDE)].map((match) => match[1]!);
  // A slide whose markup holds an svg of its own would split wrongly: such a deck is reloaded instead.
  if (slides.length !== html.slides.split('<svg data-marpit-svg=""').length - 1) return undefined;
  const css = html.fitRules.reduce((rest, rule) => rest.replace(rule, ''), html.css);
  return {
    slides,
    looks: slides.map(withoutStyleCopies),
    css: inPage(css),
    fit: html.fitRules.map(inPage),
    notes: html.notes,
  };
}

const sameNotes = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && a.every((note, index) => note === b[index]);

/**
 * The patch from what the page shows to the new deck; `undefined` when nothing changed, and a
 * patch the page cannot apply (it reloads) when the slides or the slides with notes differ.
 */
export function diffDecks(path: string, before: DeckView, after: DeckView): DeckPatch | undefined {
  const withNotes = (view: DeckView) => view.notes.flatMap((notes, index) => (notes.length > 0 ? [index] : []));
  const count =
    before.slides.length === after.slides.length && withNotes(before).join() === withNotes(after).join()
      ? after.slides.length
      : -1;
  // A slide shrunk or not is told by the fit rules alone: the other slides' copies of the deck's
  // style change with them and style nothing, so those slides are left as they are.
  const slides = after.slides.flatMap((html, index) =>
    after.looks[index] === before.looks[index] ? [] : [{ index, html }],
  );
  const notes = after.notes.flatMap((paragraphs, index) =>
    sameNotes(paragraphs, before.notes[index]) ? [] : [{ index, paragraphs }],
  );
  const css = after.css === before.css ? undefined : after.css;
  // New styles come without fit rules, so the rules come with them.
  const fit =
    css !== undefined || after.fit.join() !== before.fit.join() ? { rules: after.fit, shown: before.fit } : undefined;
  if (count >= 0 && slides.length === 0 && notes.length === 0 && css === undefined && fit === undefined)
    return undefined;
  return { path, count, slides, css, fit, notes };
}
