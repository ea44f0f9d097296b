import type { BrowserSession } from '../browser/session.ts';
import { escapeMarkup, unescapeNoteText } from '../deck/escape.ts';
import { type DeckHtml, splitSlideMarkup } from '../deck/marp-html.ts';
import { pageLanguage } from '../deck/direction.ts';

/** The handout's own words, in the brief's language (labels handoutSlide, handoutNotes, handoutPresenterNotes). */
export interface HandoutWords {
  /** "Slide {n} of {total}". */
  slide: string;
  notes: string;
  presenterNotes: string;
}

export interface HandoutOptions {
  title: string;
  lang: string;
  marking?: string;
  words: HandoutWords;
}

// A4 portrait, one slide per page with its notes beneath: the presenter's copy and the read-ahead packet.
const HANDOUT_CSS = `
@page { size: A4 portrait; margin: 14mm 16mm 16mm; }
html, body { margin: 0; padding: 0; }
body { font-family: "Source Sans 3", var(--script-fonts, "Noto Sans"), "Noto Sans", "DejaVu Sans", sans-serif; color: #1b2430; font-size: 12pt; line-height: 1.4; }
.handout-page { break-after: page; }
.handout-page:last-child { break-after: auto; }
.handout-marking { margin: 0 0 3mm; text-align: center; font-weight: 700; letter-spacing: 0.08em; color: #7a1f1f; font-size: 10pt; text-transform: uppercase; }
.handout-heading { margin: 0 0 3mm; font-size: 11pt; font-weight: 600; color: #4a5565; }
.handout-slide { border: 1px solid #9aa5b4; }
.handout-slide > div.marpit > svg { display: block; width: 100%; height: auto; }
.handout-notes { margin-top: 6mm; }
.handout-notes h3 { margin: 0 0 2mm; font-size: 12pt; color: #14325c; }
.handout-notes p { margin: 0 0 2mm; white-space: pre-wrap; }
.handout-data { margin-top: 5mm; border-collapse: collapse; font-size: 10.5pt; }
.handout-data caption { caption-side: top; text-align: start; font-weight: 600; color: #14325c; padding-bottom: 1.5mm; }
.handout-data :is(th, td) { border-bottom: 0.5pt solid #9aa5b4; padding: 1mm 3mm; text-align: right; }
.handout-data tbody th { text-align: start; font-weight: 600; }
.handout-lines { height: 95mm; background: repeating-linear-gradient(to bottom, transparent 0, transparent 9mm, #c8d0da 9mm, #c8d0da 9.3mm); }
`;

// Each chart's table of numbers, kept for screen readers in the slide (figures/markup.ts).
const FIGURE_DATA = /<table class="figure-data">[\s\S]*?<\/table>/g;

/** A printable page: each slide as the deck shows it, its presenter notes beneath, or lines to write on. */
export function renderHandoutHtml(deck: DeckHtml, options: HandoutOptions): string {
  const slides = splitSlideMarkup(deck.slides);
  const { words } = options;
  const marking = options.marking ? `<p class="handout-marking">${escapeMarkup(options.marking)}</p>` : '';
  const pages = slides.map((slide, index) => {
    // Under the slide, the numbers of its charts, printed as tables a reader can see.
    const tables = (slide.match(FIGURE_DATA) ?? []).map((table) =>
      table.replace('<table class="figure-data">', '<table class="handout-data">'),
    );
    const svg = slide.replace(FIGURE_DATA, '');
    const notes = (deck.notes[index] ?? []).map(unescapeNoteText).filter(Boolean);
    const body =
      notes.length > 0
        ? notes.map((note) => `<p>${escapeMarkup(note)}</p>`).join('')
        : '<div class="handout-lines" role="presentation"></div>';
    const heading = words.slide.replaceAll('{n}', String(index + 1)).replaceAll('{total}', String(slides.length));
    return `<section class="handout-page">${marking}<h2 class="handout-heading">${escapeMarkup(heading)}</h2><div class="handout-slide"><div class="marpit">${svg}</div></div>${tables.join('')}<div class="handout-notes"><h3>${escapeMarkup(notes.length > 0 ? words.presenterNotes : words.notes)}</h3>${body}</div></section>`;
  });
  return `<!DOCTYPE html><html ${pageLanguage(options.lang)}><head><meta charset="utf-8"><title>${escapeMarkup(options.title)}</title><style>${deck.css}</style><style>${HANDOUT_CSS}</style></head><body>${pages.join('')}</body></html>`;
}

/** Prints a handout page to a tagged PDF with the browser that measured the deck. */
export async function printHandout(session: BrowserSession, html: string): Promise<Uint8Array> {
  return session.withPage(html, (page) =>
    page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }),
  );
}
