// Draws the README's pictures: four slides of the seed brief's committee PDF (the title, the
// pillars at a glance, pros against cons, the first pillar), the first page of its committee memo,
// four chart slides of the figures fixture's, and two slides each of the Arabic and Chinese test briefs, rendered from each PDF itself by pdf.js in the browser briefdeck uses, on one sheet
// each. `npm run picture` keeps them current after a change to the theme or the templates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { resolveBrowser } from './browser/find.ts';

/** Each picture: a brief, and text each chosen slide of its PDF holds (the first page that holds it is drawn). */
interface Picture {
  brief: string;
  picture: string;
  /** Or a page's number, for scripts whose extracted text runs in visual order. */
  slides: (string | number)[];
  /** The PDF of the brief's committee outputs to draw from: its deck unless named. */
  pdf?: string;
  layout?: { width: number; columns: number };
}
const PICTURES: Picture[] = [
  {
    brief: 'content/ukraine-security-guarantees.md',
    picture: 'scripts/readme/seed-slides.png',
    slides: ['The Tightrope Walk', 'The pillars at a glance', 'Pros and cons at a glance', 'PILLAR 1 OF'],
  },
  {
    brief: 'content/ukraine-security-guarantees.md',
    pdf: 'committee-memo.pdf',
    picture: 'scripts/readme/memo-page.png',
    slides: ['Subject'],
    layout: { width: 620, columns: 1 },
  },
  {
    brief: 'tests/fixtures/briefs/lead-service-lines.md',
    picture: 'scripts/readme/figure-slides.png',
    slides: ['Where the lines are', 'PILLAR 1 OF', 'Lines replaced each year', 'Service lines by material'],
  },
  {
    brief: 'tests/fixtures/rtl/water-sharing-ar.md',
    picture: 'scripts/readme/arabic-slides.png',
    slides: [1, 7],
  },
  {
    brief: 'tests/fixtures/scripts/grid-storage-zh.md',
    picture: 'scripts/readme/chinese-slides.png',
    slides: [3, 8],
  },
];
const SLIDES_LAYOUT = { width: 800, columns: 2 };

/** Runs in the page: draws the chosen pages of the PDF two by two, returns the sheet as a PNG. */
async function drawSheet(
  pdfBase64: string,
  workerSource: string,
  wanted: (string | number)[],
  layout: { width: number; columns: number },
): Promise<string> {
  const pdfjs = (globalThis as unknown as { pdfjsLib: typeof import('pdfjs-dist') }).pdfjsLib;
  pdfjs.GlobalWorkerOptions.workerSrc = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  const data = Uint8Array.from(atob(pdfBase64), (char) => char.charCodeAt(0));
  const pdf = await pdfjs.getDocument({ data }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { width, columns } = layout;
  const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
  const height = Math.round((width * first.height) / first.width);
  const rows = Math.ceil(wanted.length / columns);
  const gap = 16;
  const sheet = document.createElement('canvas');
  sheet.width = columns * width + (columns + 1) * gap;
  sheet.height = rows * height + (rows + 1) * gap;
  const context = sheet.getContext('2d')!;
  context.fillStyle = '#c9ced6';
  context.fillRect(0, 0, sheet.width, sheet.height);
  for (const [index, text] of wanted.entries()) {
    const number = typeof text === 'number' ? text : texts.findIndex((page) => page.includes(text)) + 1;
    if (number === 0) throw new Error(`no page of the PDF holds "${text}"`);
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(viewport.width);
    canvas.height = Math.round(viewport.height);
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
    context.drawImage(
      canvas,
      gap + (index % columns) * (width + gap),
      gap + Math.floor(index / columns) * (height + gap),
    );
  }
  return sheet.toDataURL('image/png').split(',')[1]!;
}

const work = mkdtempSync(join(tmpdir(), 'briefdeck-picture-'));
try {
  const built = spawnSync(
    process.execPath,
    [
      'scripts/bin.mjs',
      'build',
      ...new Set(PICTURES.map((picture) => picture.brief)),
      '--audience',
      'committee',
      '--format',
      'pdf,memo',
      '--out',
      work,
    ],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('the briefs did not build');
  const require = createRequire(import.meta.url);
  const browser = await puppeteer.launch({
    executablePath: (await resolveBrowser(process.env)).path,
    headless: 'shell',
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({
      content: readFileSync(require.resolve('pdfjs-dist/build/pdf.min.mjs'), 'utf8'),
      type: 'module',
    });
    await page.waitForFunction('globalThis.pdfjsLib !== undefined');
    // tsx (esbuild) wraps named functions in a __name() helper that the page does not have.
    await page.evaluate('globalThis.__name = (target) => target');
    const worker = readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), 'utf8');
    for (const entry of PICTURES) {
      const { brief, picture, slides } = entry;
      const file = entry.pdf ?? 'committee.pdf';
      const layout = entry.layout ?? SLIDES_LAYOUT;
      const pdf = readFileSync(join(work, basename(brief, '.md'), file)).toString('base64');
      const png = await page.evaluate(drawSheet, pdf, worker, slides, layout);
      writeFileSync(picture, Buffer.from(png, 'base64'));
      console.log(`${picture}: ${slides.length} page${slides.length === 1 ? '' : 's'} of ${brief}'s ${file}`);
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
