import { createHash } from 'node:crypto';
import { type DeckHtml, pageWithSlides, splitSlideMarkup, withoutStyleCopies } from '../deck/marp-html.ts';
import type { BrowserSession } from './session.ts';
import type { SlideMeasure } from './fit.ts';

/** The smallest text a slide may show: 20 px on a 1280 × 720 slide still reads from the back of a room. */
const MIN_TEXT_PX = 20;

/** Runs in the page: for each slide, the first text or image past the content area, and text set too small. */
function measureInPage(minTextPx: number): SlideMeasure[] {
  const sections = [...document.querySelectorAll<HTMLElement>('div.marpit > svg > foreignObject > section')].filter(
    (section) => {
      const layer = section.dataset.marpitAdvancedBackground;
      return layer === undefined || layer === 'content';
    },
  );
  return sections.map((section) => {
    const style = getComputedStyle(section);
    const frame = section.getBoundingClientRect();
    const scale = frame.width / section.offsetWidth || 1;
    const edge = (side: 'Top' | 'Right' | 'Bottom' | 'Left') =>
      (parseFloat(style[`border${side}Width`]) + parseFloat(style[`padding${side}`])) * scale;
    const box = {
      top: frame.top + edge('Top') - 0.5,
      right: frame.right - edge('Right') + 0.5,
      bottom: frame.bottom - edge('Bottom') + 0.5,
      left: frame.left + edge('Left') - 0.5,
    };
    // A glyph box may stand out of its line box where the font is taller than the line height (its
    // ascent and descent split that unevenly); that is not overflow, so text rects get that slack.
    const outside = (rect: DOMRect, slack = 0) =>
      rect.width > 0 &&
      (rect.bottom - slack > box.bottom ||
        rect.right > box.right ||
        rect.top + slack < box.top ||
        rect.left < box.left);
    // A card or panel that clips its content (`overflow: hidden`) is a box of its own: a word too
    // long for its column overflows there, inside the slide.
    const clips = new Map<Element, DOMRect | undefined>();
    const clipOf = (element: Element): DOMRect | undefined => {
      if (element === section) return undefined;
      if (!clips.has(element)) {
        const overflow = getComputedStyle(element).overflowX;
        clips.set(
          element,
          overflow === 'hidden' || overflow === 'clip'
            ? element.getBoundingClientRect()
            : element.parentElement
              ? clipOf(element.parentElement)
              : undefined,
        );
      }
      return clips.get(element);
    };
    const outsideClip = (rect: DOMRect, clip: DOMRect | undefined) =>
      clip !== undefined && rect.width > 0 && (rect.right > clip.right + 0.5 || rect.left < clip.left - 0.5);
    // How much smaller than drawn each chart shows, measured once a chart.
    const chartScales = new Map<SVGSVGElement, number>();
    const drawnAt = (chart: SVGSVGElement) => {
      let value = chartScales.get(chart);
      if (value === undefined) {
        value = chart.getBoundingClientRect().width / scale / (chart.width.baseVal.value || 1);
        chartScales.set(chart, value);
      }
      return value;
    };
    const hidden = new Map<Element, boolean>();
    const forScreenReadersOnly = (element: Element): boolean => {
      if (element === section) return false;
      let value = hidden.get(element);
      if (value === undefined) {
        value =
          getComputedStyle(element).clipPath === 'inset(50%)' ||
          (element.parentElement ? forScreenReadersOnly(element.parentElement) : false);
        hidden.set(element, value);
      }
      return value;
    };
    const blockText = (element: Element) =>
      (element.closest('li, p, h1, h2, h3, h4, h5, h6, td, th, blockquote, figure') ?? element).textContent
        ?.trim()
        .replace(/\s+/g, ' ') ?? '';
    let culprit: string | undefined;
    let tooSmall: string | undefined;
    let reach = { bottom: box.top, right: box.left };
    const extend = (rect: DOMRect) => {
      if (rect.width > 0)
        reach = { bottom: Math.max(reach.bottom, rect.bottom), right: Math.max(reach.right, rect.right) };
    };
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      // A chart's own title and text kept for screen readers only (clipped away) are not drawn on the slide.
      if (
        !element ||
        !node.textContent?.trim() ||
        element.closest('header, footer, svg title, .figure-data') ||
        forScreenReadersOnly(element)
      )
        continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const text = getComputedStyle(element);
      const lineHeight = text.lineHeight === 'normal' ? parseFloat(text.fontSize) * 1.2 : parseFloat(text.lineHeight);
      const rects = [...range.getClientRects()];
      rects.forEach(extend);
      const clip = clipOf(element);
      if (
        culprit === undefined &&
        rects.some(
          (rect) => outside(rect, Math.max(0, rect.height - lineHeight * scale) + 1) || outsideClip(rect, clip),
        )
      )
        culprit = blockText(element);
      // A chart narrower than it was drawn shows its text smaller than its font size says.
      const chart = element.closest('svg');
      // That is the slide's content not fitting its room, not the theme's choice of size.
      if (chart && culprit === undefined && parseFloat(text.fontSize) * drawnAt(chart) < minTextPx - 0.01)
        culprit = `chart "${chart.querySelector('title')?.textContent ?? ''}"`;
      if (tooSmall === undefined && parseFloat(text.fontSize) < minTextPx - 0.01) tooSmall = blockText(element);
    }
    for (const image of section.querySelectorAll('img')) {
      extend(image.getBoundingClientRect());
      if (culprit === undefined && outside(image.getBoundingClientRect())) culprit = `image "${image.alt}"`;
    }
    for (const chart of section.querySelectorAll('figure > svg')) {
      extend(chart.getBoundingClientRect());
      if (culprit === undefined && outside(chart.getBoundingClientRect()))
        culprit = `chart "${chart.querySelector('title')?.textContent ?? ''}"`;
    }
    // How far content reaches against the room it has: 1.3 means it needs 30% more (down, or across when columns spill).
    const load = Math.max(
      (reach.bottom - box.top) / (box.bottom - box.top),
      (reach.right - box.left) / (box.right - box.left),
    );
    return { overflows: culprit !== undefined, culprit, tooSmall, load };
  });
}

/** Lays a rendered deck out in the browser at 1280 × 720 and measures every slide. */
export async function measureSlides(
  session: BrowserSession,
  page: string,
): Promise<{ measures: SlideMeasure[]; blocked: readonly string[] }> {
  return session.withPage(page, async (tab, blocked) => {
    // tsx (esbuild) wraps named functions in a __name() helper that the page does not have.
    await tab.evaluate('globalThis.__name = (target) => target');
    const measures = await tab.evaluate(measureInPage, MIN_TEXT_PX);
    return { measures, blocked };
  });
}

/**
 * Measures already taken, by the page head they were laid out under (the theme, its fonts) and
 * each slide's own markup and fit rule. A slide lays out the same wherever it stands in a deck,
 * each in its own box, so the rounds of fitting and the edits of `briefdeck dev` lay out only the
 * slides that changed.
 */
export interface MeasureCache {
  /** The measures taken under one page head, by slide. */
  under(head: string): {
    get(slide: string): SlideMeasure | undefined;
    set(slide: string, measure: SlideMeasure): void;
  };
}

/** Slides remembered per head; a build of many briefs starts over when a head's share is full. */
const SLIDES_PER_HEAD = 2000;
const HEADS = 8;

export function createMeasureCache(): MeasureCache {
  // A head is half a megabyte of styles: it is looked up once a deck, not once a slide.
  const byHead = new Map<string, Map<string, SlideMeasure>>();
  return {
    under: (head) => {
      let slides = byHead.get(head);
      if (!slides) {
        if (byHead.size >= HEADS) byHead.delete(byHead.keys().next().value!);
        slides = new Map();
        byHead.set(head, slides);
      }
      const measures = slides;
      return {
        get: (slide) => measures.get(slide),
        set: (slide, measure) => {
          if (measures.size >= SLIDES_PER_HEAD) measures.clear();
          measures.set(slide, measure);
        },
      };
    },
  };
}

/** The rule that shrinks slide `number`, or none. */
const fitRuleFor = (rules: readonly string[], number: number) =>
  rules.find((rule) => rule.includes(`section[id="${number}"]`)) ?? '';

// A slide is keyed by its own fit rule, not by Marp's copies of all of them (withoutStyleCopies).

/**
 * Measures every slide of a deck, laying out only those the cache does not know. A page that
 * tried to fetch anything leaves nothing in the cache, so a slide that fetches is laid out, and
 * reported, every time.
 */
export async function measureDeck(
  session: BrowserSession,
  html: DeckHtml,
  cache: MeasureCache,
): Promise<{ measures: SlideMeasure[]; blocked: readonly string[] }> {
  const slides = splitSlideMarkup(html.slides);
  // Digests, not the markup: a slide with a chart holds tens of kilobytes of SVG.
  const keys = slides.map((slide, index) =>
    createHash('sha256')
      .update(fitRuleFor(html.fitRules, index + 1))
      .update('\n')
      .update(withoutStyleCopies(slide))
      .digest('base64'),
  );
  const remembered = cache.under(html.head);
  const known = keys.map((key) => remembered.get(key));
  const missing = known.flatMap((measure, index) => (measure ? [] : [index]));
  if (missing.length === 0) return { measures: known as SlideMeasure[], blocked: [] };
  const whole = missing.length === slides.length;
  const result = await measureSlides(
    session,
    whole
      ? html.page
      : pageWithSlides(
          html,
          missing.map((index) => slides[index]!),
        ),
  );
  // A slide that lays out as more than one (or none) is measured with its deck, as it stands.
  if (result.measures.length !== missing.length) return whole ? result : measureSlides(session, html.page);
  const measures = [...known];
  missing.forEach((index, position) => {
    measures[index] = result.measures[position];
    if (result.blocked.length === 0) remembered.set(keys[index]!, result.measures[position]!);
  });
  return { measures: measures as SlideMeasure[], blocked: result.blocked };
}
