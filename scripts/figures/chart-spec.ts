// Each kind of chart as a Vega-Lite specification: the brief's data in brief order, the value
// written on or beside its mark where there is room, colours and text as stand-ins the theme
// fills in (see draw.ts), and text never below the 20 px a committee room reads.
import type { TopLevelSpec } from 'vega-lite';
import type { Figure } from '../brief/schema.ts';
import { FIGURE_SIZES, type FigureSize } from './figure.ts';
import { textWidth } from './text-width.ts';

/** Stand-in colours, replaced by the theme's variables: series 1 is `#fb0001`, and so on. */
export const SERIES_STAND_IN = (index: number) => `#fb00${(index + 1).toString(16).padStart(2, '0')}`;
export const TEXT_STAND_IN = '#fb00f0';
export const ON_SERIES_STAND_IN = '#fb00f1';
export const RULE_STAND_IN = '#fb00e0';
/** How many colours the theme's chart palette holds; more series reuse them in order. */
export const PALETTE_SIZE = 7;

/** Chart text size in slide pixels: labels, axis and legend. */
export const CHART_TEXT = 22;
const FONT = 'Source Sans 3';

interface Row {
  category: string;
  series: string;
  value: number | null;
  label: string;
  /** The category's place, so the data keeps the brief's order. */
  order: number;
  seriesOrder: number;
}

function rowsOf(figure: Figure, format: (value: number | null) => string): Row[] {
  return figure.series.flatMap((series, seriesOrder) =>
    figure.categories.map((category, order) => {
      const value = series.values[order] ?? null;
      return { category, series: series.name, value, label: value === null ? '' : format(value), order, seriesOrder };
    }),
  );
}

const palette = (count: number) => Array.from({ length: count }, (_, index) => SERIES_STAND_IN(index % PALETTE_SIZE));

const widest = (texts: readonly string[], bold = false) =>
  Math.max(0, ...texts.map((text) => textWidth(text, CHART_TEXT, bold)));

const config = {
  font: FONT,
  aria: false,
  background: 'transparent',
  view: { stroke: null },
  axis: {
    labelFontSize: CHART_TEXT,
    titleFontSize: CHART_TEXT,
    titleFontWeight: 600,
    labelColor: TEXT_STAND_IN,
    titleColor: TEXT_STAND_IN,
    domainColor: RULE_STAND_IN,
    tickColor: RULE_STAND_IN,
    gridColor: RULE_STAND_IN,
    labelLimit: 0,
    labelPadding: 6,
  },
  legend: {
    labelFontSize: CHART_TEXT,
    labelColor: TEXT_STAND_IN,
    symbolSize: 300,
    symbolType: 'square',
    orient: 'top',
    title: null,
    labelLimit: 0,
    columnPadding: 24,
  },
  text: { fontSize: CHART_TEXT, fill: TEXT_STAND_IN },
};

/**
 * Which values are written on the chart, series by series and category by category: every
 * PowerPoint chart and SVG chart of a figure labels the same points. Bars and columns are
 * labelled when each bar is as thick as the text is tall (or each column about as wide as its
 * number); a stacked segment when its number fits inside it; a single line on each point up to
 * eight, else at its end; several lines not at all (their legend names them); a pie's every slice.
 */
export function labelledPoints(
  figure: Figure,
  size: FigureSize,
  format: (value: number | null) => string,
): boolean[][] {
  const { width, height } = FIGURE_SIZES[size];
  const several = figure.series.length > 1;
  const known = (value: number | null | undefined) => value !== null && value !== undefined;
  const each = (test: (value: number, category: number, series: number) => boolean) =>
    figure.series.map((series, seriesIndex) =>
      figure.categories.map((_, index) => {
        const value = series.values[index];
        return known(value) && test(value!, index, seriesIndex);
      }),
    );
  switch (figure.kind) {
    case 'bar':
    case 'column': {
      const horizontal = figure.kind === 'bar';
      const plot = horizontal ? height - (several ? 40 : 0) : width - widest(figure.categories.slice(0, 1));
      const band = (plot * 0.8) / (figure.categories.length * figure.series.length);
      const labels = figure.series.flatMap((series) => series.values.map(format));
      const room = horizontal ? band >= CHART_TEXT * 0.9 : band * 1.3 >= widest(labels);
      return each(() => room);
    }
    case 'stacked-bar':
    case 'stacked-column': {
      const horizontal = figure.kind === 'stacked-bar';
      const totals = figure.categories.map((_, index) =>
        figure.series.reduce((sum, series) => sum + Math.max(0, series.values[index] ?? 0), 0),
      );
      const top = Math.max(1, ...totals);
      const plot = horizontal ? width - widest(figure.categories) - 20 : height - 80;
      const band = ((horizontal ? height - 60 : width - 60) * 0.8) / figure.categories.length;
      return each((value) => {
        if (value <= 0) return false;
        const length = (value / top) * plot;
        const label = textWidth(format(value), CHART_TEXT, true);
        return horizontal
          ? length >= label + 10 && band >= CHART_TEXT + 6
          : length >= CHART_TEXT + 8 && band >= label + 8;
      });
    }
    case 'line': {
      if (several) return each(() => false);
      if (figure.categories.length <= 8) return each(() => true);
      const values = figure.series[0]!.values;
      let last = -1;
      values.forEach((value, index) => {
        if (known(value)) last = index;
      });
      return each((_value, index) => index === last);
    }
    case 'pie':
    case 'table':
      return each(() => true);
  }
}

/** The figure as a Vega-Lite specification at one of the slide's figure sizes. */
export function chartSpec(figure: Figure, size: FigureSize, format: (value: number | null) => string): TopLevelSpec {
  const { width, height } = FIGURE_SIZES[size];
  const labelled = labelledPoints(figure, size, format);
  // A point the chart leaves unlabelled has no text to write.
  const rows = rowsOf(figure, format).map((row) =>
    labelled[row.seriesOrder]?.[row.order] || figure.kind === 'pie' ? row : { ...row, label: '' },
  );
  const seriesNames = figure.series.map((series) => series.name);
  const several = figure.series.length > 1;
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    padding: 4,
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: rows },
    config,
  } as const;
  const colour = (legend: boolean) => ({
    field: 'series',
    type: 'nominal',
    sort: seriesNames,
    scale: { domain: seriesNames, range: palette(seriesNames.length) },
    legend: legend ? {} : null,
  });
  const valueAxis = { title: figure.unit ?? null, grid: true, tickCount: 5 };
  const category = { field: 'category', type: 'nominal', sort: figure.categories, title: null };
  // Names too wide for their place along the bottom go one word a line.
  const columnBand = (width * 0.9) / figure.categories.length;
  const wrap = widest(figure.categories) > columnBand - 8 ? { labelExpr: "split(datum.label, ' ')" } : {};
  const bottomAxis = { labelAngle: 0, ticks: false, ...wrap };
  const labels = rows.map((row) => row.label);

  switch (figure.kind) {
    case 'bar':
    case 'column': {
      const horizontal = figure.kind === 'bar';
      const room = labelled.some((series) => series.some(Boolean));
      const value = { field: 'value', type: 'quantitative', axis: valueAxis };
      const encoding = horizontal
        ? {
            y: { ...category, axis: { ticks: false, domain: false } },
            yOffset: { field: 'series', sort: seriesNames },
            x: value,
          }
        : { x: { ...category, axis: bottomAxis }, xOffset: { field: 'series', sort: seriesNames }, y: value };
      // Autosizing fits the axes, not text past a bar's end: the labels get their room.
      const labelRoom = room ? (horizontal ? { right: Math.ceil(widest(labels) + 12) } : { top: CHART_TEXT + 12 }) : {};
      return {
        ...base,
        padding: { left: 4, top: 4, bottom: 4, right: 4, ...labelRoom },
        encoding,
        layer: [
          { mark: { type: 'bar' }, encoding: { color: colour(several) } },
          // A value sits past its bar's end: to the right of a positive bar, the left of a negative.
          ...(room
            ? (['positive', 'negative'] as const).map((sign) => ({
                transform: [{ filter: sign === 'positive' ? 'datum.value >= 0' : 'datum.value < 0' }],
                mark: horizontal
                  ? {
                      type: 'text',
                      align: sign === 'positive' ? 'left' : 'right',
                      baseline: 'middle',
                      dx: sign === 'positive' ? 6 : -6,
                    }
                  : {
                      type: 'text',
                      align: 'center',
                      baseline: sign === 'positive' ? 'bottom' : 'top',
                      dy: sign === 'positive' ? -4 : 4,
                    },
                encoding: { text: { field: 'label' } },
              }))
            : []),
        ],
      } as TopLevelSpec;
    }
    case 'stacked-bar':
    case 'stacked-column': {
      const horizontal = figure.kind === 'stacked-bar';
      const value = { field: 'value', type: 'quantitative', stack: 'zero', axis: valueAxis };
      const centred = { field: 'value', type: 'quantitative', stack: 'zero', bandPosition: 0.5 };
      return {
        ...base,
        encoding: horizontal
          ? { y: { ...category, axis: { ticks: false, domain: false } } }
          : { x: { ...category, axis: bottomAxis } },
        layer: [
          {
            mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1.5 },
            encoding: {
              [horizontal ? 'x' : 'y']: value,
              color: colour(several),
              order: { field: 'seriesOrder' },
            },
          },
          {
            mark: { type: 'text', align: 'center', baseline: 'middle', fill: ON_SERIES_STAND_IN, fontWeight: 600 },
            encoding: {
              [horizontal ? 'x' : 'y']: centred,
              detail: { field: 'series' },
              order: { field: 'seriesOrder' },
              text: { field: 'label' },
            },
          },
        ],
      } as TopLevelSpec;
    }
    case 'line': {
      // Several lines are told apart by colour, dash and marker, named in the legend above; a
      // single short line carries its values on its points, a long one its last value at its end.
      const pointLabels = !several && figure.categories.length <= 8;
      const known = rows.filter((row) => row.value !== null);
      const last = !several && !pointLabels ? known.filter((row) => row.label !== '') : [];
      return {
        ...base,
        data: { values: known },
        encoding: {
          x: { ...category, type: 'ordinal', axis: bottomAxis },
          y: { field: 'value', type: 'quantitative', axis: valueAxis, scale: { zero: false, nice: true } },
        },
        layer: [
          {
            mark: { type: 'line', strokeWidth: 4, point: { size: 120, filled: true } },
            encoding: {
              color: colour(several),
              shape: { field: 'series', sort: seriesNames, legend: several ? {} : null },
              strokeDash: {
                field: 'series',
                sort: seriesNames,
                legend: several ? { symbolStrokeWidth: 3 } : null,
                scale: {
                  range: [
                    [1, 0],
                    [10, 5],
                    [3, 4],
                    [12, 4, 3, 4],
                  ],
                },
              },
            },
          },
          ...(pointLabels
            ? [{ mark: { type: 'text', baseline: 'bottom', dy: -12 }, encoding: { text: { field: 'label' } } }]
            : []),
          ...(last.length > 0
            ? [
                {
                  data: { values: last },
                  mark: { type: 'text', align: 'left', baseline: 'middle', dx: 12, fontWeight: 600 },
                  encoding: { text: { field: 'label' } },
                },
              ]
            : []),
        ],
      } as TopLevelSpec;
    }
    case 'pie': {
      const radius = Math.min(height / 2 - 40, width / 4);
      const categories = figure.categories;
      // Each slice is named beside it, on the side of the pie it sits: text starts at the slice on
      // the right half and ends at it on the left. Angles run clockwise from twelve o'clock.
      const slices = rows.filter((row) => row.value !== null && row.value > 0);
      const total = slices.reduce((sum, row) => sum + row.value!, 0);
      let before = 0;
      const placed = slices.map((row) => {
        const mid = before + row.value! / 2;
        before += row.value!;
        return { ...row, mid, side: mid / total <= 0.5 ? 'right' : 'left', tag: `${row.category} ${row.label}` };
      });
      const sideLabels = (side: 'left' | 'right') => ({
        transform: [{ filter: `datum.side === '${side}'` }],
        mark: { type: 'text', radius: radius + 14, align: side === 'right' ? 'left' : 'right', fill: TEXT_STAND_IN },
        encoding: { theta: { field: 'mid', type: 'quantitative', stack: null }, text: { field: 'tag' } },
      });
      // Names beside slices that sit too close to part on their side go in a legend instead,
      // each with its value, in the slices' clockwise order.
      const heightOf = (row: (typeof placed)[number]) => -(radius + 14) * Math.cos((2 * Math.PI * row.mid) / total);
      const crowded = (['left', 'right'] as const).some((side) => {
        const ys = placed
          .filter((row) => row.side === side)
          .map(heightOf)
          .sort((a, b) => a - b);
        return ys.some((y, index) => index > 0 && y - ys[index - 1]! < CHART_TEXT + 4);
      });
      const tags = placed.map((row) => row.tag);
      return {
        ...base,
        data: { values: placed },
        encoding: {
          order: { field: 'order' },
          color: crowded
            ? {
                field: 'tag',
                type: 'nominal',
                sort: tags,
                scale: { domain: tags, range: palette(tags.length) },
                legend: { orient: 'right', direction: 'vertical', rowPadding: 6 },
              }
            : {
                field: 'category',
                type: 'nominal',
                sort: categories,
                scale: { domain: categories, range: palette(categories.length) },
                legend: null,
              },
        },
        layer: [
          {
            mark: { type: 'arc', outerRadius: radius, stroke: '#ffffff', strokeWidth: 2 },
            encoding: { theta: { field: 'value', type: 'quantitative', stack: true } },
          },
          ...(crowded ? [] : [sideLabels('right'), sideLabels('left')]),
        ],
      } as TopLevelSpec;
    }
    case 'table':
      throw new Error('a table figure is not drawn as a chart');
  }
}
