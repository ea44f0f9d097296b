// A figure as a native PowerPoint chart part: the chart type its kind names, each series with its
// data cached and referenced into the embedded workbook, values written on the marks, the theme's
// palette and type. Elements follow the order ECMA-376's chart schema requires.
import { decimalsOf } from '../../figures/figure.ts';
import type { ChartBlock } from '../slide-layout.ts';
import type { Part } from './package.ts';
import { columnName, renderWorkbook, SHEET_NAME } from './workbook.ts';
import { centipoints, escapeXml, hex, NS, relType, XML_DECLARATION } from './xml.ts';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const WORKBOOK_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const LINE_DASHES = ['solid', 'dash', 'sysDot', 'lgDashDot'] as const;
const CATEGORY_AXIS = 500_001;
const VALUE_AXIS = 500_002;

const val = (tag: string, value: string | number) => `<c:${tag} val="${value}"/>`;
const fill = (colour: string) => `<a:solidFill><a:srgbClr val="${hex(colour)}"/></a:solidFill>`;
const line = (colour: string, width = 9525) => `<a:ln w="${width}">${fill(colour)}</a:ln>`;

function textProperties(chart: ChartBlock, lang: string, bold = false, level = false): string {
  const { text } = chart;
  return (
    `<c:txPr>${level ? '<a:bodyPr rot="0" vert="horz"/>' : '<a:bodyPr/>'}<a:lstStyle/><a:p><a:pPr>` +
    `<a:defRPr sz="${centipoints(text.size)}" b="${bold ? 1 : 0}">${fill(text.color)}` +
    (text.font ? `<a:latin typeface="${escapeXml(text.font)}"/>` : '') +
    `</a:defRPr></a:pPr><a:endParaRPr lang="${escapeXml(lang)}"/></a:p></c:txPr>`
  );
}

/** A range of the sheet: `Sheet1!$B$2:$B$5`. */
const range = (column: number, from: number, to = from) =>
  `${SHEET_NAME}!$${columnName(column)}$${from}${to === from ? '' : `:$${columnName(column)}$${to}`}`;

function stringCache(values: readonly string[]): string {
  return (
    `<c:strCache>${val('ptCount', values.length)}` +
    values.map((value, index) => `<c:pt idx="${index}"><c:v>${escapeXml(value)}</c:v></c:pt>`).join('') +
    '</c:strCache>'
  );
}

function numberCache(values: readonly (number | null)[], format: string): string {
  return (
    `<c:numCache><c:formatCode>${format}</c:formatCode>${val('ptCount', values.length)}` +
    values.map((value, index) => (value === null ? '' : `<c:pt idx="${index}"><c:v>${value}</c:v></c:pt>`)).join('') +
    '</c:numCache>'
  );
}

/**
 * Values written on the marks: beside a bar, inside a stacked segment, above a point, by a slice;
 * only those the deck's own chart writes, so a thin segment or a crowded line stays clear.
 */
function dataLabels(chart: ChartBlock, lang: string, series: number, position: string): string {
  const shown = chart.data.labelled[series] ?? [];
  if (!shown.some(Boolean)) return '';
  const hidden = chart.data.categories
    .map((_, index) => (shown[index] ? '' : `<c:dLbl>${val('idx', index)}${val('delete', 1)}</c:dLbl>`))
    .join('');
  return (
    `<c:dLbls>${hidden}<c:numFmt formatCode="${numberFormat(chart)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(chart, lang, position === 'ctr')}` +
    `${val('dLblPos', position)}${val('showLegendKey', 0)}${val('showVal', 1)}${val('showCatName', 0)}` +
    `${val('showSerName', 0)}${val('showPercent', 0)}${val('showBubbleSize', 0)}</c:dLbls>`
  );
}

/**
 * One series: its name, what goes between name and data (fill, marker, labels), its categories
 * and values, and what its kind puts after them (a line's smoothing).
 */
function series(chart: ChartBlock, index: number, middle: string, tail = ''): string {
  const { data } = chart;
  const s = data.series[index]!;
  const rows = data.categories.length + 1;
  return (
    `<c:ser>${val('idx', index)}${val('order', index)}` +
    `<c:tx><c:strRef><c:f>${range(index + 1, 1)}</c:f>${stringCache([s.name])}</c:strRef></c:tx>` +
    middle +
    `<c:cat><c:strRef><c:f>${range(0, 2, rows)}</c:f>${stringCache(data.categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${range(index + 1, 2, rows)}</c:f>${numberCache(s.values, numberFormat(chart))}</c:numRef></c:val>` +
    `${tail}</c:ser>`
  );
}

/** `#,##0.0`: the data's own decimals, thousands grouped, as the deck writes them. */
function numberFormat(chart: ChartBlock): string {
  const decimals = decimalsOf(chart.data);
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

const colour = (chart: ChartBlock, index: number) => chart.palette[index % chart.palette.length]!;

function axes(chart: ChartBlock, lang: string, horizontal: boolean): string {
  // A bar chart lists its first category at the top, as the brief does.
  const category =
    `<c:catAx>${val('axId', CATEGORY_AXIS)}<c:scaling>${val('orientation', horizontal ? 'maxMin' : 'minMax')}</c:scaling>` +
    `${val('delete', 0)}${val('axPos', horizontal ? 'l' : 'b')}<c:numFmt formatCode="General" sourceLinked="1"/>` +
    `${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}${val('tickLblPos', 'low')}` +
    // Category names stay level, as the deck sets them, and wrap where they are long.
    `<c:spPr>${line(chart.rule)}</c:spPr>${textProperties(chart, lang, false, true)}` +
    `${val('crossAx', VALUE_AXIS)}${val('crosses', 'autoZero')}${val('auto', 1)}${val('lblAlgn', 'ctr')}${val('lblOffset', 100)}` +
    // Every category keeps its name, as the deck shows it.
    `${val('tickLblSkip', 1)}${val('noMultiLvlLbl', 0)}</c:catAx>`;
  const value =
    `<c:valAx>${val('axId', VALUE_AXIS)}<c:scaling>${val('orientation', 'minMax')}</c:scaling>${val('delete', 0)}` +
    `${val('axPos', horizontal ? 'b' : 'l')}<c:majorGridlines><c:spPr>${line(chart.rule)}</c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="#,##0" sourceLinked="0"/>${val('majorTickMark', 'none')}${val('minorTickMark', 'none')}` +
    `${val('tickLblPos', 'nextTo')}<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(chart, lang)}` +
    `${val('crossAx', CATEGORY_AXIS)}${val('crosses', horizontal ? 'max' : 'autoZero')}${val('crossBetween', 'between')}</c:valAx>`;
  return category + value;
}

function plot(chart: ChartBlock, lang: string): string {
  const { data } = chart;
  const indexes = data.series.map((_, index) => index);
  const axisIds = `${val('axId', CATEGORY_AXIS)}${val('axId', VALUE_AXIS)}`;
  switch (data.kind) {
    case 'bar':
    case 'column':
    case 'stacked-bar':
    case 'stacked-column': {
      const horizontal = data.kind === 'bar' || data.kind === 'stacked-bar';
      const stacked = data.kind.startsWith('stacked');
      const items = indexes.map((index) =>
        series(
          chart,
          index,
          `<c:spPr>${fill(colour(chart, index))}${stacked ? line('#ffffff', 19050) : ''}</c:spPr>${val('invertIfNegative', 0)}` +
            dataLabels(
              stacked ? { ...chart, text: { ...chart.text, color: '#ffffff' } } : chart,
              lang,
              index,
              stacked ? 'ctr' : 'outEnd',
            ),
        ),
      );
      return (
        `<c:barChart>${val('barDir', horizontal ? 'bar' : 'col')}${val('grouping', stacked ? 'stacked' : 'clustered')}` +
        `${val('varyColors', 0)}${items.join('')}${val('gapWidth', 60)}${stacked ? val('overlap', 100) : ''}${axisIds}</c:barChart>` +
        axes(chart, lang, horizontal)
      );
    }
    case 'line': {
      const items = indexes.map((index) =>
        series(
          chart,
          index,
          // Told apart by dash and marker as well as colour, as in the deck.
          `<c:spPr><a:ln w="50800">${fill(colour(chart, index))}<a:prstDash val="${LINE_DASHES[index % LINE_DASHES.length]}"/></a:ln></c:spPr>` +
            `<c:marker>${val('symbol', ['circle', 'square', 'diamond', 'triangle'][index % 4]!)}${val('size', 8)}` +
            `<c:spPr>${fill(colour(chart, index))}<a:ln><a:noFill/></a:ln></c:spPr></c:marker>` +
            dataLabels(chart, lang, index, 't'),
          val('smooth', 0),
        ),
      );
      return (
        `<c:lineChart>${val('grouping', 'standard')}${val('varyColors', 0)}${items.join('')}${val('marker', 1)}${axisIds}</c:lineChart>` +
        axes(chart, lang, false)
      );
    }
    case 'pie': {
      const slices = data.categories
        .map(
          (_, index) =>
            `<c:dPt>${val('idx', index)}${val('bubble3D', 0)}<c:spPr>${fill(colour(chart, index))}${line('#ffffff', 19050)}</c:spPr></c:dPt>`,
        )
        .join('');
      // Each slice's value beside it, its name in the legend at the right: names beside small
      // neighbouring slices would collide.
      return `<c:pieChart>${val('varyColors', 1)}${series(chart, 0, slices + dataLabels(chart, lang, 0, 'outEnd'))}${val('firstSliceAng', 0)}</c:pieChart>`;
    }
    case 'table':
      throw new Error('a table figure is a table, not a chart');
  }
}

/**
 * The unit, as the chart's title in its top left corner, level, where a turned axis title would
 * crowd the axis's numbers.
 */
function unitTitle(chart: ChartBlock, lang: string): string {
  const { unit } = chart.data;
  if (!unit) return val('autoTitleDeleted', 1);
  const size = centipoints(chart.text.size);
  return (
    `<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="${escapeXml(lang)}" sz="${size}" b="1">${fill(chart.text.color)}` +
    (chart.text.font ? `<a:latin typeface="${escapeXml(chart.text.font)}"/>` : '') +
    `</a:rPr><a:t>${escapeXml(unit)}</a:t></a:r></a:p></c:rich></c:tx>` +
    '<c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="0"/><c:y val="0"/></c:manualLayout></c:layout>' +
    `${val('overlay', 0)}</c:title>${val('autoTitleDeleted', 0)}`
  );
}

/** The chart part's XML, its embedded workbook as its first relationship. */
export function renderChart(chart: ChartBlock, lang: string): string {
  const { kind, series: all } = chart.data;
  const legend =
    kind === 'pie' || all.length > 1
      ? `<c:legend>${val('legendPos', kind === 'pie' ? 'r' : 't')}${val('overlay', 0)}${textProperties(chart, lang)}</c:legend>`
      : '';
  return (
    `${XML_DECLARATION}<c:chartSpace xmlns:c="${C}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">` +
    `${val('date1904', 0)}${val('lang', escapeXml(lang))}${val('roundedCorners', 0)}` +
    `<c:chart>${unitTitle(chart, lang)}<c:plotArea><c:layout/>${plot(chart, lang)}<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `${legend}${val('plotVisOnly', 1)}${val('dispBlanksAs', 'gap')}</c:chart>` +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProperties(chart, lang)}` +
    '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
  );
}

/** The deck's charts: a chart part and its workbook for each, named apart from a template's with `prefix`. */
export function chartStore(lang: string, mtime: Date, prefix = 'chart') {
  const parts: Part[] = [];
  let count = 0;
  return {
    /** Stores a chart and returns its part's name. */
    add(chart: ChartBlock): string {
      count++;
      const name = `ppt/charts/${prefix}${count}.xml`;
      const workbook = `ppt/embeddings/${prefix}-data${count}.xlsx`;
      parts.push(
        {
          name,
          contentType: CHART_CONTENT_TYPE,
          data: renderChart(chart, lang),
          relationships: [{ type: relType('package'), target: workbook }],
        },
        { name: workbook, contentType: WORKBOOK_CONTENT_TYPE, data: renderWorkbook(chart.data, mtime) },
      );
      return name;
    },
    parts: () => parts,
  };
}
