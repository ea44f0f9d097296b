import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../scripts/brief/schema.ts';
import { planDeck } from '../scripts/deck/plan.ts';
import { drawChart, drawFigures, themeColours } from '../scripts/figures/draw.ts';
import { chartKey, describeFigure, figureWords } from '../scripts/figures/figure.ts';
import { figureMarkup, figureStandIn, inlineFigures } from '../scripts/figures/markup.ts';
import { resolveLabels } from '../scripts/deck/labels.ts';
import { loadLabelFiles } from '../scripts/deck/labels.ts';
import { validateBrief } from '../scripts/brief/validate.ts';
import { AUDIENCES, FIGURE_BRIEF, loadText, minimalBrief, profile, readBrief, TEMPLATES } from './helpers/briefs.ts';

const WORDS = figureWords(resolveLabels(loadLabelFiles(TEMPLATES, 'committee'), 'en'));

const AID: Figure = {
  id: 'aid-by-donor',
  title: 'Military aid pledged to Ukraine, 2022–2025',
  kind: 'bar',
  unit: '€ billion',
  categories: ['United States', 'Germany', 'United Kingdom', 'Nordic countries'],
  series: [
    { name: 'Pledged', values: [64.1, 17.7, 13.8, 15.2] },
    { name: 'Delivered', values: [58.2, 12.1, 10.9, 12.8] },
  ],
};

describe('a figure described from its data', () => {
  it('names the kind, title and unit, and each series’ highest and lowest value', () => {
    expect(describeFigure(AID, WORDS, 'en')).toBe(
      'Bar chart: Military aid pledged to Ukraine, 2022–2025, in € billion. ' +
        'Pledged: highest United States 64.1, lowest United Kingdom 13.8. ' +
        'Delivered: highest United States 58.2, lowest United Kingdom 10.9.',
    );
  });

  it('keeps the brief’s own alt text, and passes over gaps in the data', () => {
    expect(describeFigure({ ...AID, alt: 'Aid by donor.' }, WORDS, 'en')).toBe('Aid by donor.');
    const gaps = { ...AID, series: [{ name: 'Pledged', values: [null, 17.7, null, 15.2] }] };
    expect(describeFigure(gaps, WORDS, 'en')).toContain('Pledged: highest Germany 17.7, lowest Nordic countries 15.2.');
  });
});

describe('charts drawn as SVG', () => {
  const kinds = ['bar', 'column', 'stacked-bar', 'stacked-column', 'line', 'pie'] as const;
  it.each(kinds)('draws a %s chart whose text names every category, in the theme’s colours', async (kind) => {
    const figure = kind === 'pie' ? { ...AID, kind, series: [AID.series[0]!] } : { ...AID, kind };
    const svg = await drawChart(figure, 'wide', 'en');
    const root = parse(svg);
    const texts = root.querySelectorAll('text').map((text) => text.text);
    for (const category of AID.categories)
      expect(texts.join(' ')).toContain(kind === 'pie' ? category : category.split(' ')[0]);
    expect(svg).not.toMatch(/#fb00[0-9a-f]{2}/);
    expect(svg).toContain('var(--color-chart-1)');
    expect(svg).not.toMatch(/<script|href=/);
    // Every piece of text is set at the 20 px a committee room reads, or larger.
    const sizes = root.querySelectorAll('text').map((text) => Number.parseFloat(text.getAttribute('font-size') ?? '0'));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
  });

  it('writes each value beside its bar where there is room', async () => {
    const texts = parse(await drawChart(AID, 'wide', 'en'))
      .querySelectorAll('text')
      .map((text) => text.text);
    for (const value of ['64.1', '17.7', '13.8', '15.2', '58.2', '12.1', '10.9', '12.8'])
      expect(texts).toContain(value);
  });

  it('turns stand-in colours into one style per element, leaving other colours alone', () => {
    expect(themeColours('<path d="M0" fill="#fb0001" stroke="#fb00e0"/><rect fill="#ffffff"/>')).toBe(
      '<path d="M0" style="fill: var(--color-chart-1); stroke: var(--color-rule)"/><rect fill="#ffffff"/>',
    );
  });

  it('draws every chart of a brief at each size, and no table', async () => {
    const { brief } = readBrief(FIGURE_BRIEF);
    const charts = await drawFigures(brief.figures!, brief.lang);
    expect([...charts.keys()]).toContain(chartKey('lines-by-state', 'beside'));
    expect([...charts.keys()].some((key) => key.startsWith('cost-estimates:'))).toBe(false);
  });
});

describe('figure markup', () => {
  it('makes the chart an image named by its description, with the same numbers in a table', async () => {
    const svg = await drawChart(AID, 'beside', 'en');
    const markup = figureMarkup({ figure: AID, size: 'beside' }, svg, WORDS, 'en', true);
    const root = parse(markup);
    const chart = root.querySelector('figure > svg')!;
    const alt = describeFigure(AID, WORDS, 'en');
    expect(chart.getAttribute('role')).toBe('img');
    expect(chart.getAttribute('aria-label')).toBe(alt);
    expect(chart.querySelector('title')!.text).toBe(alt);
    const rows = root
      .querySelectorAll('table.figure-data tbody tr')
      .map((row) => row.querySelectorAll('th, td').map((cell) => cell.text));
    expect(rows).toEqual(
      AID.categories.map((category, index) => [category, ...AID.series.map((series) => String(series.values[index]))]),
    );
    expect(root.querySelectorAll('table.figure-data thead th').map((cell) => cell.text)).toEqual([
      'Pledged (€ billion)',
      'Delivered (€ billion)',
    ]);
  });

  it('travels through Marp as a stand-in image that the page swaps back', () => {
    const markup = '<figure class="figure">é &amp; <b>x</b></figure>';
    const image = figureStandIn(markup);
    expect(image).toMatch(/^!\[\]\(briefdeck-figure:[A-Za-z0-9+/=]+\)$/);
    const src = image.slice(4, -1);
    expect(inlineFigures(`<section><p><img src="${src}" alt="" /></p></section>`)).toBe(`<section>${markup}</section>`);
  });
});

describe('planning figures', () => {
  const { brief, loaded } = readBrief(FIGURE_BRIEF);
  const plan = (audience: string, apart: string[] = []) =>
    planDeck(brief, profile(audience), {
      slug: 'x',
      body: loaded.body,
      file: FIGURE_BRIEF,
      fit: { perSlide: new Map(), shrink: new Map(), apart: new Set(apart) },
    });
  const figuresOf = (deck: ReturnType<typeof plan>): [string, string[]][] =>
    deck.slides.map((slide) => [
      slide.kind,
      (slide.figures ?? []).map((planned) => `${planned.figure.id}:${planned.size}`),
    ]);

  it('puts named figures beside their section’s points and the others on slides of their own after the pillars', () => {
    const slides = figuresOf(plan('committee')).filter(([, figures]) => figures.length > 0);
    expect(slides).toEqual([
      ['context', ['blood-lead:beside']],
      ['pillar', ['lines-by-state:beside']],
      ['figures', ['replacements:wide']],
      ['figures', ['materials:wide']],
      ['figures', ['cost-estimates:wide']],
    ]);
    const kinds = plan('committee').slides.map((slide) => slide.kind);
    expect(kinds.lastIndexOf('pillar')).toBeLessThan(kinds.indexOf('figures'));
  });

  it('moves a figure that found no room to a slide of its own right after its section', () => {
    const kinds = figuresOf(plan('committee', ['pillar:1']));
    const at = kinds.findIndex(([, figures]) => figures.includes('lines-by-state:wide'));
    expect(kinds[at - 1]![0]).toBe('pillar');
    expect(kinds.filter(([, figures]) => figures.some((id) => id.startsWith('lines-by-state')))).toHaveLength(1);
  });

  it('leaves a figure restricted to the committee out of the public deck, and figures out of the executive deck', () => {
    const ids = (audience: string) =>
      plan(audience).slides.flatMap((slide) => (slide.figures ?? []).map((f) => f.figure.id));
    expect(ids('committee')).toContain('cost-estimates');
    expect(ids('public')).not.toContain('cost-estimates');
    expect(ids('public')).toContain('materials');
    expect(ids('executive')).toEqual([]);
  });
});

describe('figure data as briefers write it', () => {
  it('takes years written as numbers for category and series names', () => {
    const text = minimalBrief(
      'figures:\n  - id: by-year\n    title: By year\n    kind: column\n    categories: [2024, 2025]\n    series:\n      - name: 2026\n        values: [1, 2]\n',
    );
    const brief = validateBrief(loadText(text), { audiences: AUDIENCES });
    expect(brief.figures![0]!.categories).toEqual(['2024', '2025']);
    expect(brief.figures![0]!.series[0]!.name).toBe('2026');
  });
});

describe('the chart palette', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  };
  it.each(['briefdeck', 'briefdeck-public'])(
    'sets every chart colour of %s at 3:1 or more against its background',
    (theme) => {
      const css = readFileSync(join(TEMPLATES, 'themes', `${theme}.css`), 'utf8');
      const base = readFileSync(join(TEMPLATES, 'themes', 'briefdeck.css'), 'utf8');
      const variable = (name: string) =>
        (new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(css) ??
          new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(base))![1]!;
      const background = variable('color-background');
      const palette = [1, 2, 3, 4, 5, 6, 7].map((index) => variable(`color-chart-${index}`));
      expect(new Set(palette).size).toBe(7);
      for (const colour of palette) expect(contrast(colour, background), colour).toBeGreaterThanOrEqual(3);
      // Values written inside a bar, bold at 22 px, are large text: 3:1 on every colour.
      for (const colour of palette) expect(contrast(colour, variable('color-on-chart'))).toBeGreaterThanOrEqual(3);
    },
  );
});
