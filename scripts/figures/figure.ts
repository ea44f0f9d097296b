// A figure as every format shows it: the brief's data, the words around it in the brief's
// language, and the one description (alt text) that HTML, PDF and PowerPoint all carry.
import type { Figure, FigureKind } from '../brief/schema.ts';

/** The words a figure's description and data table need, from the deck's labels. */
export interface FigureWords {
  kinds: Record<FigureKind, string>;
  highest: string;
  lowest: string;
  /** "in € billion" */
  in: string;
  source: string;
}

/** A figure planned into a deck: its data, its source as the deck cites it, where it shows. */
export interface PlannedFigure {
  figure: Figure;
  /** `[3]` and the source's label, when the figure names a source. */
  citation?: { number: number; label: string };
  /** Beside a slide's points, or across a slide of its own. */
  size: FigureSize;
}

/**
 * Beside a slide's points; across a slide of its own; or across it and lower, where a theme or
 * template leaves less room (the fit step's first step for a figure slide that overflows).
 */
export type FigureSize = 'beside' | 'wide' | 'low';

/** Chart sizes in slide pixels, on the 1280 × 720 slide: the SVG is drawn at exactly this size. */
export const FIGURE_SIZES: Record<FigureSize, { width: number; height: number }> = {
  beside: { width: 540, height: 300 },
  wide: { width: 1120, height: 400 },
  low: { width: 1040, height: 300 },
};

/** Where a brief's drawn charts are kept: `id:size`. */
export const chartKey = (id: string, size: FigureSize) => `${id}:${size}`;

/** How many decimals the data is written with, at most three: the table and labels show that many. */
export function decimalsOf(figure: { series: readonly { values: readonly (number | null)[] }[] }): number {
  let decimals = 0;
  for (const series of figure.series)
    for (const value of series.values)
      if (value !== null) decimals = Math.max(decimals, (String(value).split('.')[1] ?? '').length);
  return Math.min(decimals, 3);
}

/** A number as the brief's language writes it, with the data's own decimals. */
export function numberFormatter(figure: Figure, lang: string): (value: number | null) => string {
  const decimals = decimalsOf(figure);
  const format = new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (value) => (value === null ? '–' : format.format(value));
}

/**
 * The figure's description when the brief gives none, only facts from its data: its kind, title
 * and unit, and each series' highest and lowest value. "Bar chart: Military aid pledged, in €
 * billion. Pledged: highest United States 64.1, lowest United Kingdom 13.8."
 */
export function describeFigure(figure: Figure, words: FigureWords, lang: string): string {
  if (figure.alt) return figure.alt;
  const format = numberFormatter(figure, lang);
  const unit = figure.unit ? `, ${words.in} ${figure.unit}` : '';
  const extremes = figure.series.map((series) => {
    const known = series.values.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
    if (known.length === 0) return `${series.name}: –.`;
    const high = known.reduce((best, item) => (item.value > best.value ? item : best));
    const low = known.reduce((best, item) => (item.value < best.value ? item : best));
    const name = (index: number) => figure.categories[index] ?? '';
    return known.length === 1
      ? `${series.name}: ${name(high.index)} ${format(high.value)}.`
      : `${series.name}: ${words.highest} ${name(high.index)} ${format(high.value)}, ${words.lowest} ${name(low.index)} ${format(low.value)}.`;
  });
  return [`${words.kinds[figure.kind]}: ${figure.title}${unit}.`, ...extremes].join(' ');
}

/** The words of a figure's description, from the deck's labels. */
export function figureWords(labels: {
  barChart: string;
  columnChart: string;
  stackedBarChart: string;
  stackedColumnChart: string;
  lineChart: string;
  pieChart: string;
  dataTable: string;
  highest: string;
  lowest: string;
  inUnit: string;
  source: string;
}): FigureWords {
  return {
    kinds: {
      bar: labels.barChart,
      column: labels.columnChart,
      'stacked-bar': labels.stackedBarChart,
      'stacked-column': labels.stackedColumnChart,
      line: labels.lineChart,
      pie: labels.pieChart,
      table: labels.dataTable,
    },
    highest: labels.highest,
    lowest: labels.lowest,
    in: labels.inUnit,
    source: labels.source,
  };
}
