import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Opens a PDF as a reader would, with no system fonts and no code evaluation. */
function openPdf(file: string) {
  return getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false })
    .promise;
}

/** Page count and the text of each page, as a PDF reader extracts it. */
export async function readPdf(file: string): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdf = await openPdf(file);
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/** One run of text on a PDF page, in points from the page's bottom-left corner. */
export interface PdfTextRun {
  text: string;
  x: number;
  baseline: number;
  width: number;
  height: number;
}

/** Where each run of text sits on each page, as a PDF reader lays it out. */
export async function readPdfLayout(file: string): Promise<{ width: number; height: number; runs: PdfTextRun[] }[]> {
  const pdf = await openPdf(file);
  const pages = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const runs = content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [
            {
              text: item.str,
              x: item.transform[4] as number,
              baseline: item.transform[5] as number,
              width: item.width,
              height: item.height,
            },
          ]
        : [],
    );
    pages.push({ width, height, runs });
  }
  await pdf.destroy();
  return pages;
}

/** The annotation types on each page of a PDF (Link, Text, Popup, …), its top-level bookmarks, and every bookmark's page. */
export async function readPdfNavigation(
  file: string,
): Promise<{ annotations: string[][]; bookmarks: string[]; bookmarkedPages: number[] }> {
  const pdf = await openPdf(file);
  const annotations: string[][] = [];
  for (let number = 1; number <= pdf.numPages; number++)
    annotations.push(
      (await (await pdf.getPage(number)).getAnnotations()).map((annotation) => String(annotation.subtype)),
    );
  const outline = (await pdf.getOutline()) ?? [];
  const bookmarkedPages: number[] = [];
  const visit = async (items: typeof outline) => {
    for (const item of items) {
      if (Array.isArray(item.dest)) bookmarkedPages.push((await pdf.getPageIndex(item.dest[0])) + 1);
      await visit(item.items);
    }
  };
  await visit(outline);
  await pdf.destroy();
  return { annotations, bookmarks: outline.map((entry) => entry.title), bookmarkedPages };
}

/** One slide of a PPTX as PowerPoint sees it: the title placeholder's text, every text, the pictures. */
export interface PptxSlide {
  /** The text of the slide's title or centred-title placeholder, if it has one. */
  title?: string;
  titleType?: 'title' | 'ctrTitle';
  /** Every text on the slide, paragraphs joined by spaces. */
  text: string;
  pictures: { description: string; width: number; height: number }[];
  /** Whether the slide carries a slide-number field. */
  slideNumberField: boolean;
  /** Every shape: its box in EMU, its own fill, its text and the characters of its bullets. */
  shapes: { x: number; y: number; width: number; height: number; fill?: string; text: string; bullets: string[] }[];
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The text of XML character data: its entities and character references read. */
export const decodeXml = (text: string) =>
  text
    .replace(/&(amp|lt|gt|quot|apos);/g, (_all, name: string) => XML_ENTITIES[name]!)
    .replace(/&#x([0-9a-f]+);/gi, (_all, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
const byNumber = (a: string, b: string) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]);

/** The text of a shape or part: its runs, a space between paragraphs. */
function textOf(xml: string): string {
  return xml
    .split('</a:p>')
    .map((paragraph) => [...paragraph.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((match) => decodeXml(match[1]!)).join(''))
    .filter(Boolean)
    .join(' ')
    .trim();
}

/** Slides and presenter notes of a PPTX, read from its XML parts. */
export function readPptx(file: string): {
  slides: number;
  notes: string[];
  slideParts: PptxSlide[];
  slideSize: { width: number; height: number };
} {
  const zip = unzipSync(new Uint8Array(readFileSync(file)));
  const slideNames = Object.keys(zip)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort(byNumber);
  const notes = slideNames.map((name) => {
    const rels = strFromU8(zip[`${name.replace('slides/', 'slides/_rels/')}.rels`] ?? new Uint8Array());
    const target = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    return target ? notesText(strFromU8(zip[`ppt/notesSlides/${target}`]!)) : '';
  });
  const slideParts = slideNames.map((name) => {
    const xml = strFromU8(zip[name]!);
    const shapes = xml.split(/<p:sp>|<p:pic>/).slice(1);
    const titleShape = shapes.find((shape) => /<p:ph\b[^>]*type="(?:title|ctrTitle)"/.test(shape));
    const pictures = [...xml.matchAll(/<p:pic>[\s\S]*?<\/p:pic>/g)].map((match) => ({
      description: decodeXml(/<p:cNvPr [^>]*descr="([^"]*)"/.exec(match[0])?.[1] ?? ''),
      width: Number(/<a:ext cx="(\d+)"/.exec(match[0])?.[1] ?? 0),
      height: Number(/<a:ext cx="\d+" cy="(\d+)"/.exec(match[0])?.[1] ?? 0),
    }));
    return {
      title: titleShape ? textOf(titleShape) : undefined,
      titleType: titleShape ? (/type="ctrTitle"/.test(titleShape) ? 'ctrTitle' : 'title') : undefined,
      text: textOf(xml),
      pictures,
      slideNumberField: /<a:fld [^>]*type="slidenum"/.test(xml),
      shapes: [...xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].map(([shape]) => {
        const box = /<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"/.exec(shape);
        const properties = /<p:spPr>[\s\S]*?<\/p:spPr>/.exec(shape)?.[0] ?? '';
        return {
          x: Number(box?.[1] ?? 0),
          y: Number(box?.[2] ?? 0),
          width: Number(box?.[3] ?? 0),
          height: Number(box?.[4] ?? 0),
          fill: /<a:solidFill><a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(properties)?.[1],
          text: textOf(shape),
          bullets: [...shape.matchAll(/<a:buChar char="([^"]*)"/g)].map((match) => decodeXml(match[1]!)),
        };
      }),
    } satisfies PptxSlide;
  });
  const presentation = strFromU8(zip['ppt/presentation.xml']!);
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation)!;
  return {
    slides: slideNames.length,
    notes,
    slideParts,
    slideSize: { width: Number(size[1]), height: Number(size[2]) },
  };
}

/** The text of a notes slide's body placeholder (not its slide-number placeholder). */
function notesText(xml: string): string {
  const body = xml.split('<p:sp>').find((shape) => /<p:ph [^>]*type="body"/.test(shape)) ?? '';
  return textOf(body);
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: 'shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens an HTML deck in a real browser and counts its slides, notes and outgoing requests. */
export async function readHtmlDeck(
  browser: Browser,
  file: string,
): Promise<{ slides: number; notes: number; lang: string; title: string; externalRequests: string[] }> {
  const page = await browser.newPage();
  const externalRequests: string[] = [];
  page.on('request', (request) => {
    if (!/^(file|data|about|blob):/.test(request.url())) externalRequests.push(request.url());
  });
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return await page
      .evaluate(() => ({
        slides: document.querySelectorAll('svg[data-marpit-svg] > foreignObject > section').length,
        notes: document.querySelectorAll('.bespoke-marp-note').length,
        lang: document.documentElement.lang,
        title: document.title,
        externalRequests: [] as string[],
      }))
      .then((result) => ({ ...result, externalRequests }));
  } finally {
    await page.close();
  }
}
