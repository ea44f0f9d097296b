import type { Page } from 'puppeteer-core';

/** One slide to a page, at the slide's own size, as marp-cli prints; the page's screen layout is untouched. */
const PRINT_CSS = `@page { size: 1280px 720px; margin: 0; }
@media print {
  html, body { margin: 0; padding: 0; }
  div.marpit > svg { display: block; width: 1280px; height: 720px; break-after: page; }
  div.marpit > svg:last-child { break-after: auto; }
}`;

/** A rendered deck's page, ready both to print and to read layouts from. */
export function printablePage(page: string): string {
  return page.replace('</head>', `<style>${PRINT_CSS}</style></head>`);
}

/** Prints the deck in the page to a tagged PDF, one slide a page. */
export async function printDeckPdf(page: Page): Promise<Uint8Array> {
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });
}

/** Each slide's first heading, in order, for the PDF's bookmarks. */
export async function readSlideHeadings(page: Page): Promise<(string | null)[]> {
  return page.evaluate<[], () => (string | null)[]>(`[...document.querySelectorAll('div.marpit > svg')].map((svg) => {
    const heading = svg.querySelector('section:not([data-marpit-advanced-background="background"]) :is(h1, h2, h3, h4, h5, h6)');
    return heading ? heading.textContent.replace(/\\s+/g, ' ').trim() : null;
  })`);
}
