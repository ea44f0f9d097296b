// Charts drawn once per brief, before its decks are planned: SVG from Vega, with no script and
// nothing fetched, in the theme's colours and font (stand-ins become its CSS variables).
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Figure } from '../brief/schema.ts';
import {
  chartSpec,
  ON_SERIES_STAND_IN,
  PALETTE_SIZE,
  RULE_STAND_IN,
  SERIES_STAND_IN,
  TEXT_STAND_IN,
} from './chart-spec.ts';
import { chartKey, FIGURE_SIZES, type FigureSize, numberFormatter } from './figure.ts';
import { textWidth } from './text-width.ts';

/** The theme variable each stand-in colour becomes. */
const THEME_COLOURS = new Map<string, string>([
  [TEXT_STAND_IN, 'var(--color-text)'],
  [ON_SERIES_STAND_IN, 'var(--color-on-chart, #ffffff)'],
  [RULE_STAND_IN, 'var(--color-rule)'],
  ...Array.from(
    { length: PALETTE_SIZE },
    (_, index) => [SERIES_STAND_IN(index), `var(--color-chart-${index + 1})`] as [string, string],
  ),
]);

// Label widths from the theme's font, not Vega's guess from the number of characters.
// Vega exports its text metrics at run time without declaring them.
const { textMetrics } = vega as unknown as {
  textMetrics: { width: (item: { fontSize?: number; fontWeight?: string | number }, text: string) => number };
};
textMetrics.width = (item: { fontSize?: number; fontWeight?: string | number }, text: string) =>
  textWidth(String(text), item.fontSize ?? 11, Number(item.fontWeight) >= 600 || item.fontWeight === 'bold');

/** A loader that fetches nothing: a chart holds its data, and a deck makes no request. */
const NO_LOADER = {
  load: () => Promise.reject(new Error('a briefdeck chart fetches nothing')),
  sanitize: () => Promise.reject(new Error('a briefdeck chart fetches nothing')),
  http: () => Promise.reject(new Error('a briefdeck chart fetches nothing')),
  file: () => Promise.reject(new Error('a briefdeck chart fetches nothing')),
};

/**
 * Puts the theme's variables where Vega wrote stand-in colours: each element's stand-in `fill`
 * and `stroke` become one `style`, which CSS variables reach and presentation attributes do not.
 */
export function themeColours(svg: string): string {
  return svg.replace(/<[a-z]+\b[^>]*>/g, (tag) => {
    const styles: string[] = [];
    const bare = tag.replace(/ (fill|stroke)="(#fb00[0-9a-f]{2})"/g, (attribute, property: string, colour: string) => {
      const variable = THEME_COLOURS.get(colour);
      if (!variable) return attribute;
      styles.push(`${property}: ${variable}`);
      return '';
    });
    if (styles.length === 0) return tag;
    return bare.replace(/(\/?>)$/, ` style="${styles.join('; ')}"$1`);
  });
}

/** Draws a figure as SVG at one of the slide's figure sizes. */
export async function drawChart(figure: Figure, size: FigureSize, lang: string): Promise<string> {
  const spec = compile(chartSpec(figure, size, numberFormatter(figure, lang))).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader: NO_LOADER as unknown as vega.Loader });
  try {
    const svg = await view.toSVG();
    // Vega names its root class "marks"; the deck's styles address the chart by its own.
    return themeColours(svg.replace(' class="marks"', ' class="chart-svg"'));
  } finally {
    view.finalize();
  }
}

/** Every chart a brief's decks may show, at every size, keyed `id:size`, drawn side by side. */
export async function drawFigures(figures: readonly Figure[], lang: string): Promise<Map<string, string>> {
  const jobs = figures
    .filter((figure) => figure.kind !== 'table')
    .flatMap((figure) => (Object.keys(FIGURE_SIZES) as FigureSize[]).map((size) => ({ figure, size })));
  const drawn = await Promise.all(jobs.map(({ figure, size }) => drawChart(figure, size, lang)));
  return new Map(jobs.map(({ figure, size }, index) => [chartKey(figure.id, size), drawn[index]!]));
}
