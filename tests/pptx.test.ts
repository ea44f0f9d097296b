import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BROWSER, requireSystemBrowser } from './helpers/browsers.ts';
import { LONG_BRIEF, readBrief, REAL_BRIEF, ROOT, SECOND_BRIEF } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { readPdf, readPdfLayout, readPptx, type PdfTextRun } from './helpers/outputs.ts';

// Four briefs of different shapes (the seed; Cyrillic and Greek with audience restrictions; a
// pillar of fourteen long points with a chart; prose quoting HTML and CSS) built in every format
// in one run, then their PowerPoint files read as PowerPoint reads them, and rendered by
// LibreOffice Impress, an independent renderer that lacks the theme's fonts.
const TRACKERS_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'third-party-trackers.md');
const BRIEFS = [REAL_BRIEF, SECOND_BRIEF, LONG_BRIEF, TRACKERS_BRIEF];
const AUDIENCES = ['committee', 'executive', 'public'];
const DECKS = BRIEFS.flatMap((file) => AUDIENCES.map((audience) => ({ file, slug: basename(file, '.md'), audience })));
const squash = (text: string) => text.replace(/\s+/g, '');
// 13.333 × 7.5 in, PowerPoint's widescreen slide, in EMU.
const SLIDE = { width: 12_192_000, height: 6_858_000 };

const usable = E2E_BROWSER === 'bundled' || (await requireSystemBrowser());
const soffice = findOnPath('soffice');

function findOnPath(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

let out: string;
let code: number;
let stderr: string;

beforeAll(async () => {
  if (!usable) return;
  out = mkdtempSync(join(tmpdir(), 'briefdeck-pptx-'));
  const result = await runBriefdeck(
    ['build', ...BRIEFS.map((file) => relative(ROOT, file)), '--out', out],
    E2E_BROWSER,
  );
  code = result.code;
  stderr = result.lines.join('\n');
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const pptxOf = (slug: string, audience: string) => readPptx(join(out, slug, `${audience}.pptx`));

describe.runIf(usable)(`native PowerPoint from a four-brief build with the ${E2E_BROWSER} browser`, () => {
  it('builds all four briefs in every format', () => {
    expect(code, stderr).toBe(0);
    for (const slug of BRIEFS.map((file) => basename(file, '.md'))) {
      expect(readdirSync(join(out, slug)).sort()).toEqual(
        AUDIENCES.flatMap((audience) =>
          ['md', 'html', 'pdf', 'pptx'].map((ext) => `${audience}.${ext}`).concat(`${audience}-handout.pdf`),
        ).sort(),
      );
    }
  });

  it.each(DECKS.map((deck) => [deck.slug, deck.audience]))(
    'gives %s (%s) a 16:9 slide for every PDF page, each with its heading in the title placeholder and a slide-number field',
    async (slug, audience) => {
      const pptx = pptxOf(slug, audience);
      const pdf = await readPdf(join(out, slug, `${audience}.pdf`));
      expect(pptx.slideSize).toEqual(SLIDE);
      expect(pptx.slides).toBe(pdf.pages.length);
      pptx.slideParts.forEach((slide, index) => {
        expect(slide.title, `slide ${index + 1} has a title`).toBeTruthy();
        // The title is the slide's own heading, as the PDF page shows it.
        expect(squash(pdf.pages[index]!), `slide ${index + 1}`).toContain(squash(slide.title!));
        expect(slide.titleType, `slide ${index + 1}`).toBe(index === 0 ? 'ctrTitle' : 'title');
        expect(slide.slideNumberField, `slide ${index + 1}`).toBe(true);
      });
    },
  );

  it.each(BRIEFS.map((file) => [basename(file, '.md'), file]))(
    'carries every pillar, pro and con of %s into the committee PowerPoint as editable text',
    (slug, file) => {
      const { brief } = readBrief(file);
      const text = squash(
        pptxOf(slug, 'committee')
          .slideParts.map((slide) => slide.text)
          .join(' '),
      );
      const visible = <T extends { audiences?: string[] }>(items: T[] = []) =>
        items.filter((item) => !item.audiences || item.audiences.includes('committee'));
      const expected = [
        ...visible(brief.pillars).flatMap((pillar) => [
          pillar.title,
          pillar.summary ?? '',
          ...visible(pillar.points).map((point) => point.text),
        ]),
        ...visible(brief.pros).flatMap((pro) => [pro.title, pro.detail ?? '']),
        ...visible(brief.cons).flatMap((con) => [con.title, con.detail ?? '']),
      ].filter(Boolean);
      expect(expected.length).toBeGreaterThan(8);
      for (const words of expected) expect(text).toContain(squash(words));
    },
  );

  it('puts presenter notes in the notes pane for audiences with notes, and none for the public', () => {
    const { brief } = readBrief(REAL_BRIEF);
    const committee = squash(pptxOf('ukraine-security-guarantees', 'committee').notes.join(' '));
    for (const notes of [brief.context?.notes, ...brief.pillars.map((pillar) => pillar.notes)].filter(
      (note): note is string => Boolean(note),
    ))
      expect(committee).toContain(squash(notes));
    for (const slug of BRIEFS.map((file) => basename(file, '.md')))
      expect(pptxOf(slug, 'public').notes.every((note) => note === '')).toBe(true);
  });

  it('shows text that quotes HTML and CSS addresses literally, in the PowerPoint as in the PDF', async () => {
    const quotes = [
      '<img src="https://ads.example/pixel.gif?page=benefits" width="1" height="1">',
      'background: url(https://ads.example/bg.png)',
      '@import url("https://fonts.example/css")',
    ];
    const pptx = squash(
      pptxOf('third-party-trackers', 'committee')
        .slideParts.map((slide) => slide.text)
        .join(' '),
    );
    const pdf = squash((await readPdf(join(out, 'third-party-trackers', 'committee.pdf'))).pages.join(' '));
    for (const quote of quotes) {
      expect(pptx).toContain(squash(quote));
      expect(pdf).toContain(squash(quote));
    }
  });

  it('embeds the chart as a picture with its alt text as description, and no picture covers a slide', () => {
    const pictures = DECKS.flatMap(({ slug, audience }) =>
      pptxOf(slug, audience).slideParts.flatMap((slide) => slide.pictures),
    );
    expect(pictures.length).toBeGreaterThan(0);
    expect(pictures.some((picture) => picture.description.startsWith('Bar chart: one country refines 89'))).toBe(true);
    for (const picture of pictures) {
      expect(picture.description).not.toBe('');
      expect(picture.width * picture.height).toBeLessThan(SLIDE.width * SLIDE.height * 0.9);
    }
  });
});

/** A line of text as a reader places it: the runs on one baseline that touch, in points. */
interface TextLine {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Joins runs into lines; a run's box reaches from its descent to its ascent, within the font size. */
function linesOf(runs: PdfTextRun[]): TextLine[] {
  const lines: TextLine[] = [];
  for (const run of [...runs].sort((a, b) => b.baseline - a.baseline || a.x - b.x)) {
    const box = {
      left: run.x,
      right: run.x + run.width,
      top: run.baseline + run.height * 0.7,
      bottom: run.baseline - run.height * 0.15,
    };
    const line = lines.find(
      (candidate) => Math.abs(candidate.bottom - box.bottom) < 1 && box.left - candidate.right < run.height,
    );
    if (line) {
      line.text += run.text;
      line.right = Math.max(line.right, box.right);
      line.top = Math.max(line.top, box.top);
    } else {
      lines.push({ text: run.text, ...box });
    }
  }
  return lines;
}

const overlaps = (a: TextLine, b: TextLine) =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.bottom < b.top - 0.5 && b.bottom < a.top - 0.5;

describe.runIf(usable)('the PowerPoint rendered by LibreOffice Impress, which lacks the theme fonts', () => {
  if (!soffice && process.env.CI)
    throw new Error('CI has no LibreOffice; .ci/run should have installed libreoffice-impress');
  let rendered: string;

  beforeAll(() => {
    if (!soffice) return;
    rendered = join(out, 'impress');
    mkdirSync(rendered);
    const files = DECKS.map(({ slug, audience }) => join(out, slug, `${audience}.pptx`));
    // Each deck gets its own name in the one output folder.
    const named = join(out, 'named');
    mkdirSync(named);
    for (const { slug, audience } of DECKS)
      execFileSync('cp', [join(out, slug, `${audience}.pptx`), join(named, `${slug}--${audience}.pptx`)]);
    expect(files).toHaveLength(12);
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(out, 'lo-profile')}`,
        '--convert-to',
        'pdf',
        '--outdir',
        rendered,
        ...DECKS.map(({ slug, audience }) => join(named, `${slug}--${audience}.pptx`)),
      ],
      { stdio: 'ignore', timeout: 240_000 },
    );
  }, 300_000);

  it.runIf(soffice !== undefined).each(DECKS.map((deck) => [deck.slug, deck.audience]))(
    'shows %s (%s) with every text line on its slide and none running into another',
    async (slug, audience) => {
      const pages = await readPdfLayout(join(rendered, `${slug}--${audience}.pdf`));
      expect(pages.length).toBe(pptxOf(slug, audience).slides);
      const problems = pages.flatMap((page, index) => {
        const lines = linesOf(page.runs);
        const outside = lines
          .filter(
            (line) =>
              line.left < -0.5 || line.right > page.width + 0.5 || line.bottom < -0.5 || line.top > page.height + 0.5,
          )
          .map((line) => `slide ${index + 1}: "${line.text}" lies outside the slide`);
        const collisions = lines.flatMap((line, at) =>
          lines
            .slice(at + 1)
            .filter((other) => overlaps(line, other))
            .map((other) => `slide ${index + 1}: "${line.text}" runs into "${other.text}"`),
        );
        return [...outside, ...collisions];
      });
      expect(problems).toEqual([]);
    },
  );
});
