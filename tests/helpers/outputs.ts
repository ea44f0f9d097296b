import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Page count and the text of each page, as a PDF reader extracts it. */
export async function readPdf(file: string): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/** Slides and presenter notes of a PPTX, read from its XML parts. */
export function readPptx(file: string): { slides: number; notes: string[] } {
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  const slides = Object.keys(zip).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
  const notes = Object.keys(zip)
    .filter((name) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]))
    .map((name) => notesText(strFromU8(zip[name]!)));
  return { slides, notes };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of a notes slide's body placeholder (not its slide-number placeholder). */
function notesText(xml: string): string {
  const body = xml.split('<p:sp>').find((shape) => /<p:ph [^>]*type="body"/.test(shape)) ?? '';
  return [...body.matchAll(/<a:t>([^<]*)<\/a:t>/g)]
    .map((match) => match[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_all, name: string) => XML_ENTITIES[name]!))
    .join(' ')
    .trim();
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({ executablePath, headless: 'shell', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Opens an HTML deck in a real browser and counts its slides, notes and outgoing requests. */
export async function readHtmlDeck(browser: Browser, file: string): Promise<{ slides: number; notes: number; lang: string; title: string; externalRequests: string[] }> {
  const page = await browser.newPage();
  const externalRequests: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|about|blob):/.test(request.url())) externalRequests.push(request.url());
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return await page.evaluate(() => ({
      slides: document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section').length,
      notes: document.querySelectorAll('.bespoke-marp-note').length,
      lang: document.documentElement.lang,
      title: document.title,
      externalRequests: [] as string[],
    })).then((result) => ({ ...result, externalRequests }));
  } finally {
    await page.close();
  }
}
