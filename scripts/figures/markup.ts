// A figure's markup in the deck: the chart as an SVG image with an accessible name, the same
// numbers as a real table for screen readers (shown in the handout), and its caption. Marp renders
// no raw HTML, so a slide carries the markup as a stand-in image that the rendered page swaps back.
import { escapeMarkup } from '../deck/escape.ts';
import type { Figure } from '../brief/schema.ts';
import { labelledPoints } from './chart-spec.ts';
import { describeFigure, type FigureWords, numberFormatter, type PlannedFigure } from './figure.ts';

/** What the PowerPoint export reads from a figure on the page: its data, to rebuild it natively. */
export interface FigureData {
  id: string;
  kind: Figure['kind'];
  title: string;
  unit?: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  alt: string;
  /** Which values the chart writes on its marks, series by category (chart-spec.ts). */
  labelled: boolean[][];
}

const STAND_IN_SCHEME = 'briefdeck-figure:';

/** The numbers as a table: categories as rows, series as columns, the unit in the headings. */
export function dataTable(figure: Figure, lang: string, className: string, caption: string): string {
  const format = numberFormatter(figure, lang);
  const unit = figure.unit ? ` (${escapeMarkup(figure.unit)})` : '';
  const head = figure.series.map((series) => `<th scope="col">${escapeMarkup(series.name)}${unit}</th>`).join('');
  const body = figure.categories
    .map(
      (category, index) =>
        `<tr><th scope="row">${escapeMarkup(category)}</th>${figure.series
          .map((series) => `<td>${escapeMarkup(format(series.values[index] ?? null))}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table class="${className}"><caption>${escapeMarkup(caption)}</caption><thead><tr><td></td>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The SVG as an image named by the figure's description, its own title first. */
function accessibleSvg(svg: string, alt: string): string {
  const name = escapeMarkup(alt);
  return svg.replace(
    /^<svg\b([^>]*)>/,
    `<svg$1 role="img" aria-label="${name}" focusable="false"><title>${name}</title>`,
  );
}

/**
 * The figure's markup. `titled` puts the figure's title above it, where the slide's heading is
 * another's (a pillar's); a figure on a slide of its own has its title as the heading.
 */
export function figureMarkup(
  planned: PlannedFigure,
  chart: string | undefined,
  words: FigureWords,
  lang: string,
  titled: boolean,
): string {
  const { figure, citation, size } = planned;
  const alt = describeFigure(figure, words, lang);
  const data: FigureData = {
    id: figure.id,
    kind: figure.kind,
    title: figure.title,
    unit: figure.unit,
    categories: figure.categories,
    series: figure.series.map((series) => ({ name: series.name, values: series.values })),
    alt,
    labelled: labelledPoints(figure, size, numberFormatter(figure, lang)),
  };
  const caption = [
    figure.note,
    citation ? `${words.source}: ${citation.label} [${citation.number}]` : undefined,
  ].filter((line): line is string => line !== undefined);
  // A table's caption is its title.
  const title = titled && figure.kind !== 'table' ? `<p class="figure-title">${escapeMarkup(figure.title)}</p>` : '';
  const tableCaption = figure.unit ? `${figure.title}, ${words.in} ${figure.unit}` : figure.title;
  const body =
    figure.kind === 'table' || chart === undefined
      ? dataTable(figure, lang, 'figure-table', tableCaption)
      : `${accessibleSvg(chart, alt)}${dataTable(figure, lang, 'figure-data', tableCaption)}`;
  return (
    `<figure class="figure kind-${figure.kind} size-${size}" data-figure="${escapeMarkup(JSON.stringify(data))}">` +
    `${title}${body}${caption.length > 0 ? `<figcaption>${caption.map(escapeMarkup).join(' ')}</figcaption>` : ''}</figure>`
  );
}

/** The stand-in a slide's Markdown carries for a figure: an image Marp renders as it is. */
export function figureStandIn(markup: string): string {
  return `![](${STAND_IN_SCHEME}${Buffer.from(markup, 'utf8').toString('base64')})`;
}

// Marp writes an image alone in its paragraph as <p><img src="…" alt=""></p>.
const STAND_IN_IMAGE = /(?:<p>)?<img src="briefdeck-figure:([A-Za-z0-9+/=]+)" alt=""\s*\/?>(?:<\/p>)?/g;

/** A rendered deck's page with every figure's stand-in swapped for its markup. */
export function inlineFigures(html: string): string {
  if (!html.includes(STAND_IN_SCHEME)) return html;
  return html.replace(STAND_IN_IMAGE, (_image, encoded: string) => Buffer.from(encoded, 'base64').toString('utf8'));
}

/** Whether Markdown holds a figure stand-in: only briefdeck's own templates may write one. */
export const holdsFigureStandIn = (markdown: string) => markdown.includes(STAND_IN_SCHEME);
