import { Marp } from '@marp-team/marp-core';
import { MARP_ENGINE_OPTIONS, renderPlain } from '../marp-engine.ts';
import { inlineFigures } from '../figures/markup.ts';
import { pageLanguage } from './direction.ts';
import { scriptFontCss } from './script-fonts.ts';

/** A deck rendered by marp-core in-process: a standalone page, and each slide's presenter notes. */
export interface DeckHtml {
  page: string;
  /** The page up to its body: what every round of fitting a deck shares (the theme, its fonts). */
  head: string;
  /** The fit step's rules, one per shrunk slide, as the page's body carries them. */
  fitRules: readonly string[];
  /** Slide HTML only, for pages that lay slides out their own way (handouts). */
  slides: string;
  css: string;
  notes: string[][];
}

/** Each slide's `<svg>`, from a deck's slide HTML. */
export function splitSlideMarkup(slidesHtml: string): string[] {
  const inner = slidesHtml.replace(/^\s*<div class="marpit">/, '').replace(/<\/div>\s*$/, '');
  return inner.split(/(?=<svg data-marpit-svg)/).filter((part) => part.startsWith('<svg'));
}

/**
 * A slide's markup without the copies Marp makes on every slide of the deck's style directive
 * (every fit rule): a `data-style` attribute and a `--style` property, which style nothing.
 */
export function withoutStyleCopies(slide: string): string {
  const copy = / data-style="([^"]*)"/.exec(slide);
  return copy ? slide.replaceAll(copy[0], '').replaceAll(`--style:${copy[1]};`, '') : slide;
}

/** The deck's page with only some of its slides (as `splitSlideMarkup` gives them), laid out as in the whole. */
export function pageWithSlides(html: DeckHtml, slides: readonly string[]): string {
  return assemblePage(html.head, html.fitRules, `<div class="marpit">${slides.join('')}</div>`);
}

// The head holds what every round of fitting shares (the theme, its fonts), the body what a round
// changes (the slides, and which of them shrink): the browser's page then swaps its body alone,
// instead of parsing half a megabyte of styles each round. Only the fit rules set --fit, so where
// they stand in the cascade changes nothing.
const assemblePage = (head: string, fitRules: readonly string[], slides: string) =>
  `${head}<body>${fitRules.length > 0 ? `<style>${fitRules.join(' ')}</style>` : ''}${slides}</body></html>`;

// Base64 addresses only: their alphabet holds no quote or parenthesis, so each is matched whole.
const INLINED_URL = /url\("?(data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+)"?\)/g;
const STAND_IN = 'briefdeck-inlined:';
const STAND_IN_URL = /url\("briefdeck-inlined:(\d+)"\)/g;

// The fit step's rules (deck/render.ts, shrinkStyle) as Marp scopes them.
const FIT_RULE = /div\.marpit > svg > foreignObject > section\[id="\d+"\] \{ --fit: [\d.]+; \}\s*/g;

/** Packed styles kept per renderer: a deck's rounds of fitting and a dev server's edits ask for the same few. */
const PACKS_KEPT = 16;

/**
 * Marp packs the theme with the deck's own styles (postcss over the whole theme) on every render,
 * the costliest part of it. The pack depends on the theme, the deck's global directives and the
 * pack options (the styles its slides carry among them) alone, so the same ones give the same styles.
 */
class MarpKeepingStyles extends Marp {
  private readonly packs = new Map<string, string>();

  protected override renderStyle(theme?: string): string {
    const key = JSON.stringify([theme, this.lastGlobalDirectives, this.themeSetPackOptions()]);
    const kept = this.packs.get(key);
    if (kept !== undefined) return kept;
    const packed = super.renderStyle(theme);
    if (this.packs.size >= PACKS_KEPT) this.packs.delete(this.packs.keys().next().value!);
    this.packs.set(key, packed);
    return packed;
  }
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
  // Made on the first render: a check that measures nothing never compiles a theme.
  let marp: Marp | undefined;
  // Marp reprocesses the theme on every render, and its inlined fonts are most of its bytes: Marp
  // sees a short stand-in for each inlined address, put back in the styles it returns.
  const inlined: string[] = [];
  const themed = () => {
    const made = new MarpKeepingStyles(MARP_ENGINE_OPTIONS);
    for (const theme of themes)
      made.themeSet.add(
        theme.css.replace(INLINED_URL, (_url, address: string) => `url("${STAND_IN}${inlined.push(address) - 1}")`),
      );
    return made;
  };
  const restore = (css: string) =>
    css.replace(STAND_IN_URL, (_url, index: string) => `url("${inlined[Number(index)]}")`);
  return (markdown, lang) => {
    marp ??= themed();
    const rendered = marp.render(markdown);
    const { comments } = rendered;
    const html = inlineFigures(rendered.html);
    // The fonts of scripts the theme lacks ride with the deck, outside Marp's scoping: @font-face is page-wide.
    const css = restore(rendered.css) + scriptFontCss(markdown, lang);
    const fitRules = (css.match(FIT_RULE) ?? []).map((rule) => rule.trim());
    const shared = fitRules.length > 0 ? css.replace(FIT_RULE, '') : css;
    const head = `<!DOCTYPE html><html ${pageLanguage(lang)}><head><meta charset="utf-8"><style>${shared}</style><style>html, body { margin: 0; padding: 0; }</style></head>`;
    return { page: assemblePage(head, fitRules, html), head, fitRules, slides: html, css, notes: comments };
  };
}

/**
 * A deck's slide markup with the style elements its slides carry, but not the themes: what the
 * address scan reads. Marp's style processing, the costly part of rendering, is skipped.
 */
export function renderMarkup(markdown: string): string {
  const { html, styles } = renderPlain(markdown);
  return `${styles.map((style) => `<style>${style}</style>`).join('')}${html}`;
}
