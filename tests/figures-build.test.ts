import { readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Figure } from '../scripts/brief/schema.ts';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { loadLabelFiles, resolveLabels } from '../scripts/deck/labels.ts';
import { describeFigure, figureWords, numberFormatter } from '../scripts/figures/figure.ts';
import { E2E_BROWSER } from './helpers/browsers.ts';
import { FIGURE_BRIEF, readBrief, ROOT, TEMPLATES } from './helpers/briefs.ts';
import { buildInto } from './helpers/cli.ts';
import { convertToPdf, libreOfficeAvailable, textProblems } from './helpers/libreoffice.ts';
import { packageProblems, validatorErrors, validatorErrorsOf } from './helpers/ooxml.ts';
import { decodeXml, launchBrowser, readPdf, readPdfLayout } from './helpers/outputs.ts';

// A brief with a figure of every kind, built in every format: each format parsed for what it
// claims, the charts in the PowerPoint file read back against the brief's numbers.
const SLUG = 'lead-service-lines';
const { brief } = readBrief(FIGURE_BRIEF);
const FIGURES = brief.figures!;
const CHARTS = FIGURES.filter((figure) => figure.kind !== 'table');
const WORDS = figureWords(resolveLabels(loadLabelFiles(TEMPLATES, 'committee'), brief.lang));
const format = (figure: Figure) => numberFormatter(figure, brief.lang);
const squash = (text: string) => text.replace(/\s+/g, '');

let out: string;
let browser: Browser;
const file = (name: string) => join(out, SLUG, name);

beforeAll(async () => {
  out = await buildInto('figures', [relative(ROOT, FIGURE_BRIEF)], E2E_BROWSER);
  browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('figures in the HTML deck', () => {
  it('shows each chart as an SVG image named by its description, with its numbers in a table, and fetches nothing', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!/^(file|data|about|blob):/.test(request.url())) requests.push(request.url());
    });
    await page.goto(pathToFileURL(file('committee.html')).href, { waitUntil: 'load' });
    const figures = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('section figure[data-figure]')].map((figure) => ({
        id: JSON.parse(figure.dataset.figure!).id as string,
        role: figure.querySelector('svg')?.getAttribute('role'),
        name: figure.querySelector('svg')?.getAttribute('aria-label'),
        title: figure.querySelector('svg > title')?.textContent,
        svgText: [...figure.querySelectorAll('svg text')].map((text) => text.textContent).join(' '),
        rows: [...figure.querySelectorAll('table tbody tr')].map((row) =>
          [...row.children].map((cell) => cell.textContent),
        ),
        scripts: figure.querySelectorAll('script').length,
      })),
    );
    await page.close();
    expect(figures.map((figure) => figure.id).sort()).toEqual(FIGURES.map((figure) => figure.id).sort());
    for (const figure of FIGURES) {
      const shown = figures.find((candidate) => candidate.id === figure.id)!;
      const numbers = format(figure);
      expect(shown.rows).toEqual(
        figure.categories.map((category, row) => [
          category,
          ...figure.series.map((series) => numbers(series.values[row] ?? null)),
        ]),
      );
      expect(shown.scripts).toBe(0);
      if (figure.kind === 'table') continue;
      const alt = describeFigure(figure, WORDS, brief.lang);
      expect([shown.role, shown.name, shown.title]).toEqual(['img', alt, alt]);
      for (const category of figure.categories)
        expect(squash(shown.svgText)).toContain(squash(category.split(' ')[0]!));
    }
    expect(requests).toEqual([]);
  });
});

describe('figures in the PDF', () => {
  it('holds every number of every figure in its text, each a word of its own', async () => {
    const words = new Set((await readPdf(file('committee.pdf'))).pages.join(' ').split(/\s+/));
    for (const figure of FIGURES)
      for (const series of figure.series)
        for (const value of series.values) expect(words).toContain(format(figure)(value));
  });

  it('tags each chart as a figure with its description, and each table of numbers as a table', async () => {
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(file('committee.pdf'))) }).promise;
    type Node = { role?: string; alt?: string; children?: Node[] };
    const all = (node: Node): Node[] => [node, ...(node.children ?? []).flatMap(all)];
    const nodes: Node[] = [];
    for (let number = 1; number <= pdf.numPages; number++)
      nodes.push(...all((await (await pdf.getPage(number)).getStructTree()) as Node));
    await pdf.destroy();
    const alts = nodes.filter((node) => node.role === 'Figure' && node.alt).map((node) => node.alt);
    for (const figure of CHARTS) expect(alts).toContain(describeFigure(figure, WORDS, brief.lang));
    expect(nodes.filter((node) => node.role === 'Table').length).toBeGreaterThanOrEqual(FIGURES.length);
  });

  it('prints each chart’s numbers as a table under its slide in the handout', async () => {
    const { pages } = await readPdf(file('committee-handout.pdf'));
    const figure = FIGURES.find((candidate) => candidate.id === 'replacements')!;
    const page = squash(pages.find((text) => text.includes('Lines replaced each year')) ?? '');
    for (const series of figure.series) expect(page).toContain(squash(`${series.name} (thousand lines)`));
    expect(page).toContain(squash('2024 210 120 24'));
  });
});

describe('figures in the PowerPoint file', () => {
  const zip = () => unzipSync(new Uint8Array(readFileSync(file('committee.pptx'))));
  const part = (entries: Record<string, Uint8Array>, name: string) => strFromU8(entries[name]!);
  const numbersIn = (xml: string) =>
    [...xml.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((match) => [Number(match[1]), match[2]]);

  it('makes each chart a native chart of its kind, with the brief’s series and values and its description', () => {
    const entries = zip();
    const charts = Object.keys(entries).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
    expect(charts).toHaveLength(CHARTS.length);
    const slides = Object.keys(entries)
      .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
      .map((name) => part(entries, name))
      .join('');
    const kinds = {
      bar: 'barDir val="bar"',
      'stacked-column': 'grouping val="stacked"',
      line: 'c:lineChart',
      pie: 'c:pieChart',
    };
    for (const figure of CHARTS) {
      const xml = charts
        .map((name) => part(entries, name))
        .find(
          (chart) =>
            chart.includes(`<c:v>${figure.series[0]!.name}</c:v>`) &&
            chart.includes(`<c:v>${figure.categories[0]!}</c:v>`),
        )!;
      expect(xml, figure.id).toBeDefined();
      expect(xml).toContain(kinds[figure.kind as keyof typeof kinds]);
      const series = xml.split('<c:ser>').slice(1);
      expect(series).toHaveLength(figure.series.length);
      series.forEach((ser, index) => {
        const values = numbersIn(/<c:val>[\s\S]*<\/c:val>/.exec(ser)![0]);
        expect(values).toEqual(
          figure.series[index]!.values.flatMap((value, at) => (value === null ? [] : [[at, String(value)]])),
        );
      });
      expect(decodeXml(slides)).toContain(`descr="${describeFigure(figure, WORDS, brief.lang)}"`);
    }
  });

  it('writes on each chart the values the deck’s chart writes, and leaves a thin segment bare', () => {
    const entries = zip();
    const stacked = Object.keys(entries)
      .filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name))
      .map((name) => part(entries, name))
      .find((xml) => xml.includes('<c:v>Federal grants</c:v>'))!;
    const [grants, rates, owners] = stacked.split('<c:ser>').slice(1);
    // Every segment of the first two series holds its number; no segment of the thin third does.
    const labelled = (ser: string) =>
      ser.includes('<c:dLbls>') ? 4 - [...ser.matchAll(/<c:dLbl><c:idx val="\d+"\/><c:delete val="1"\/>/g)].length : 0;
    expect([labelled(grants!), labelled(rates!), labelled(owners!)]).toEqual([4, 4, 0]);
  });

  it('embeds each chart’s numbers in a workbook, so that Edit Data opens them', async () => {
    const entries = zip();
    const charts = Object.keys(entries).filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
    for (const chart of charts) {
      const rels = part(entries, `${chart.replace('charts/', 'charts/_rels/')}.rels`);
      const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)![1]!;
      const workbook = unzipSync(entries[`ppt/embeddings/${target}`]!);
      const sheet = strFromU8(workbook['xl/worksheets/sheet1.xml']!);
      const cached = [...part(entries, chart).matchAll(/<c:numCache>[\s\S]*?<\/c:numCache>/g)].flatMap((cache) =>
        numbersIn(cache[0]).map(([, value]) => value),
      );
      const inSheet = [...sheet.matchAll(/<v>([^<]*)<\/v>/g)].map((match) => match[1]);
      expect(inSheet.sort()).toEqual(cached.sort());
      expect(await validatorErrorsOf(entries[`ppt/embeddings/${target}`]!, 'xlsx')).toEqual([]);
    }
  });

  it('makes the table figure a native table with a header row', () => {
    const slides = Object.entries(zip())
      .filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
      .map(([, bytes]) => strFromU8(bytes));
    const table = slides.find((xml) => xml.includes('Industry association'))!;
    expect(table).toMatch(/<a:tbl><a:tblPr firstRow="1"/);
    for (const value of ['45', '60', '90', '38', '55']) expect(table).toContain(`<a:t>${value}</a:t>`);
  });

  it.each(['committee', 'public', 'house'])(
    'writes a %s PowerPoint file the Open XML SDK validator accepts',
    async (audience) => {
      expect(await validatorErrors(file(`${audience}.pptx`))).toEqual([]);
      expect(packageProblems(readFileSync(file(`${audience}.pptx`)))).toEqual([]);
    },
  );

  it.runIf(libreOfficeAvailable()).each(['committee', 'house'])(
    'draws the %s deck in LibreOffice with every text line on its slide and none running into another',
    async (audience) => {
      const rendered = join(out, 'rendered');
      convertToPdf([file(`${audience}.pptx`)], rendered, out);
      const pages = await readPdfLayout(join(rendered, `${audience}.pdf`));
      expect(textProblems(pages)).toEqual([]);
      // LibreOffice draws the charts themselves: their numbers are on the page.
      const text = squash((await readPdf(join(rendered, `${audience}.pdf`))).pages.join(' '));
      for (const value of ['1,040', '18.4', '260', 'Galvanized needing replacement'])
        expect(text).toContain(squash(value));
    },
    300_000,
  );
});
