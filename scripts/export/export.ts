import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserSession } from '../browser/session.ts';
import { BriefError } from '../errors.ts';
import { holdsFigureStandIn, inlineFigures } from '../figures/markup.ts';
import { writesRightToLeft } from '../deck/direction.ts';
import { scriptFontCss } from '../deck/script-fonts.ts';
import { type HandoutWords, printHandout, renderHandoutHtml } from './handout.ts';
import type { DeckHtml } from '../deck/marp-html.ts';
import { MARP_ENGINE_OPTIONS } from '../marp-engine.ts';
import { printablePage, printDeckPdf, readSlideHeadings } from './print.ts';
import { embedFonts } from './pptx/fonts.ts';
import { renderPptxOnTemplate, type TemplateChoice } from './pptx/on-template.ts';
import { renderPptx } from './pptx/presentation.ts';
import { sealPdf, type DocumentInfo } from './seal.ts';
import { readSlideLayouts } from './slide-layout.ts';
import { type OutputFormat, outputName, outputNames } from './formats.ts';
import type { MemoDocument } from '../memo/memo.ts';
import { renderMemoDocx } from '../memo/docx.ts';
import { memoPageFurniture } from '../memo/html.ts';
import type { WordTemplate } from '../memo/word-template.ts';

/** One audience's deck as Marp Markdown. */
export interface RenderedDeck {
  slug: string;
  audience: string;
  markdown: string;
  /** The classification line the deck shows in every header and footer. */
  marking?: string;
  /** Metadata every exported document carries. */
  document: DocumentInfo;
  /** Each slide's section (`title`, `pillar:2`, `pros`, …), in order: PDF bookmarks follow them. */
  sections: readonly string[];
  /** The deck rendered as the fit step measured it, when a browser measured it. */
  html?: DeckHtml;
  /** The office's PowerPoint template its PPTX is built on, read and checked. */
  pptxTemplate?: TemplateChoice;
  /** Makes the read-ahead memo of the same brief for the same audience, and its page to print. */
  memo?: () => { document: MemoDocument; html: string; pageWord: string; word?: WordTemplate };
  /** The handout's headings in the deck's language. */
  handoutWords: HandoutWords;
}

/** A file the export produced in the work folder, waiting to be moved into place. */
export interface ExportedFile {
  slug: string;
  audience: string;
  /** What kind of file it is; a handout is a PDF, a memo a DOCX and a PDF. */
  kind: 'md' | 'html' | 'pdf' | 'pptx' | 'docx';
  /** Its name in `<out>/<slug>/`. */
  name: string;
  path: string;
}

export interface ExportOptions {
  formats: readonly OutputFormat[];
  /** An empty folder for the exports, moved into place by the write stage. */
  workDir: string;
  /** Every theme the decks may name, including those other themes import. */
  themes: readonly { name: string; css: string }[];
}

export interface ExportCollaborators {
  /** Runs marp-cli with these arguments and returns its exit code; its own temporary files go in scratchDir. */
  runMarp: (argv: string[], scratchDir: string) => Promise<number>;
  /** Renders Marp Markdown with the build's themes, exactly as the fit step measured it. */
  renderHtml: (markdown: string, lang: string) => DeckHtml;
  /** The build's one browser, already warm from measuring. */
  session: () => Promise<BrowserSession>;
  /** Told when a PDF has been printed (the tests stop a build there). */
  stage?: (name: 'printing') => Promise<void> | void;
}

const require = createRequire(import.meta.url);

/** marp-cli's configuration as data, never code: our marp-core v5 as the engine. */
function marpConfig(): Record<string, unknown> {
  return {
    engine: require.resolve('@marp-team/marp-core'),
    html: false,
    allowLocalFiles: false,
    options: MARP_ENGINE_OPTIONS,
    bespoke: { osc: true, progress: true, transition: false },
  };
}

/** The HTML decks, to present from: marp-cli's bespoke template (presenter view, navigation), in one run. */
async function exportHtml(
  decks: readonly RenderedDeck[],
  options: ExportOptions,
  runMarp: ExportCollaborators['runMarp'],
): Promise<ExportedFile[]> {
  const { workDir } = options;
  const [inputDir, outputDir, themeDir, scratchDir] = ['in', 'html', 'themes', 'scratch'].map((name) =>
    join(workDir, name),
  ) as [string, string, string, string];
  const configFile = join(workDir, 'marp.config.json');
  // Synchronous on purpose: an interrupted build removes the work folder from a signal handler,
  // and a write still in flight on another thread could otherwise recreate part of it afterwards.
  for (const folder of [themeDir, outputDir, scratchDir]) mkdirSync(folder, { recursive: true });
  writeFileSync(configFile, JSON.stringify(marpConfig(), null, 2));
  for (const theme of options.themes) writeFileSync(join(themeDir, `${theme.name}.css`), theme.css);
  const argv = ['--config-file', configFile, '--input-dir', inputDir, '--output', outputDir, '--theme-set', themeDir];
  let code: number;
  try {
    code = await runMarp(argv, scratchDir);
  } catch (cause) {
    const firstLine = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.trim();
    throw new BriefError(
      'export',
      `Marp could not write HTML: ${firstLine}`,
      { file: 'marp-cli' },
      'run again with --debug for details',
      { cause },
    );
  }
  if (code !== 0)
    throw new BriefError(
      'export',
      `Marp could not write HTML (exit code ${code})`,
      { file: 'marp-cli' },
      'run again with --debug for details',
    );
  return decks.map((deck) => {
    const path = join(outputDir, deck.slug, `${deck.audience}.html`);
    // Marp wrote each figure as its stand-in image; the deck shows the figure itself.
    const fonts = scriptFontCss(deck.markdown, deck.document.lang);
    if (holdsFigureStandIn(deck.markdown) || fonts || writesRightToLeft(deck.document.lang))
      writeFileSync(path, withScriptSupport(inlineFigures(readFileSync(path, 'utf8')), fonts, deck.document.lang));
    return { slug: deck.slug, audience: deck.audience, kind: 'html', name: outputName(deck.audience, 'html'), path };
  });
}

/**
 * Marp's HTML deck with the fonts of the scripts its theme lacks, and `dir="rtl"` on the page for
 * a right-to-left language (Marp sets only `lang`).
 */
function withScriptSupport(page: string, fonts: string, lang: string): string {
  const withFonts = fonts ? page.replace('</head>', () => `<style>${fonts}</style></head>`) : page;
  return writesRightToLeft(lang) ? withFonts.replace(/<html\b/, '<html dir="rtl"') : withFonts;
}

/** Writes bytes into the work folder and names the file they make. */
function stage(
  deck: RenderedDeck,
  workDir: string,
  format: OutputFormat,
  bytes: Uint8Array,
  kind: ExportedFile['kind'] = format === 'handout' ? 'pdf' : (format as 'pdf' | 'pptx'),
): ExportedFile {
  const folder = join(workDir, 'out', deck.slug);
  mkdirSync(folder, { recursive: true });
  const name = outputNames(deck.audience, format).find((candidate) => candidate.endsWith(`.${kind}`))!;
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return { slug: deck.slug, audience: deck.audience, kind, name, path };
}

function damaged(format: string, deck: RenderedDeck, cause: unknown): BriefError {
  return new BriefError(
    'output',
    `the ${deck.audience} ${format} came out damaged`,
    { file: `${deck.slug}.md` },
    'run again; if it persists, run with --debug',
    { cause },
  );
}

/**
 * One visit to a deck's page in the build's browser serves both PDF and PPTX: the PDF is printed
 * from it, and the PowerPoint slides are rebuilt from the layout it shows.
 */
async function exportFromPage(
  deck: RenderedDeck,
  options: ExportOptions,
  collaborators: ExportCollaborators,
): Promise<ExportedFile[]> {
  const wantsPdf = options.formats.includes('pdf');
  const wantsPptx = options.formats.includes('pptx');
  if (!wantsPdf && !wantsPptx) return [];
  const html = deck.html ?? collaborators.renderHtml(deck.markdown, deck.document.lang);
  const session = await collaborators.session();
  const { pdf, headings, layouts } = await session.withPage(printablePage(html.page), async (page) => ({
    pdf: wantsPdf ? await printDeckPdf(page) : undefined,
    headings: wantsPdf ? await readSlideHeadings(page) : [],
    layouts: wantsPptx ? await readSlideLayouts(page) : [],
  }));
  const files: ExportedFile[] = [];
  if (pdf) await collaborators.stage?.('printing');
  if (pdf) {
    const sealed = await sealPdf(pdf, deck.document, { sections: deck.sections, headings }).catch((cause: unknown) =>
      Promise.reject(damaged('PDF', deck, cause)),
    );
    files.push(stage(deck, options.workDir, 'pdf', sealed));
  }
  if (wantsPptx) {
    const titleSlides = new Set(deck.sections.flatMap((section, index) => (section === 'title' ? [index] : [])));
    const fonts = await embedFonts(layouts, deck.document.lang);
    const content = { layouts, notes: html.notes, titleSlides, info: deck.document, fonts };
    const kinds = deck.sections.map((section) => section.split(':')[0]!);
    const pptx = deck.pptxTemplate ? renderPptxOnTemplate(content, deck.pptxTemplate, kinds) : renderPptx(content);
    files.push(stage(deck, options.workDir, 'pptx', pptx));
  }
  return files;
}

async function exportHandout(
  deck: RenderedDeck,
  options: ExportOptions,
  collaborators: ExportCollaborators,
): Promise<ExportedFile> {
  const html = renderHandoutHtml(deck.html ?? collaborators.renderHtml(deck.markdown, deck.document.lang), {
    title: deck.document.title,
    lang: deck.document.lang,
    marking: deck.marking,
    words: deck.handoutWords,
  });
  const printed = await printHandout(await collaborators.session(), html);
  // The handout keeps the outline the browser made from its own headings.
  return stage(deck, options.workDir, 'handout', await sealPdf(printed, deck.document));
}

/** The read-ahead memo: Word from the memo's data, PDF printed by the build's browser from its page. */
async function exportMemo(
  deck: RenderedDeck,
  options: ExportOptions,
  collaborators: ExportCollaborators,
): Promise<ExportedFile[]> {
  const memo = deck.memo?.();
  if (!memo) return [];
  const docx = await renderMemoDocx(memo.document, deck.document.timestamp, memo.pageWord, memo.word);
  const furniture = memoPageFurniture(memo.document.marking, memo.pageWord, memo.document.lang);
  const printed = await (await collaborators.session()).withPage(memo.html, (page) =>
    page.pdf({
      printBackground: true,
      preferCSSPageSize: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: true,
      headerTemplate: furniture.header,
      footerTemplate: furniture.footer,
    }),
  );
  // The memo keeps the outline the browser made from its headings: a bookmark for each.
  const pdf = await sealPdf(printed, deck.document).catch((cause: unknown) =>
    Promise.reject(damaged('memo', deck, cause)),
  );
  return [stage(deck, options.workDir, 'memo', docx, 'docx'), stage(deck, options.workDir, 'memo', pdf, 'pdf')];
}

/**
 * Exports every deck of a build: Markdown as rendered; HTML through marp-cli; PDF, PPTX and
 * handouts through the build's one browser, a few decks at a time.
 */
export async function exportDecks(
  decks: readonly RenderedDeck[],
  options: ExportOptions,
  collaborators: ExportCollaborators,
): Promise<ExportedFile[]> {
  const files: ExportedFile[] = [];
  for (const deck of decks) {
    const folder = join(options.workDir, 'in', deck.slug);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, `${deck.audience}.md`);
    writeFileSync(path, deck.markdown);
    files.push({ slug: deck.slug, audience: deck.audience, kind: 'md', name: outputName(deck.audience, 'md'), path });
  }
  // marp-cli writes HTML while the browser prints: the session lets a few pages work at once.
  const html = options.formats.includes('html')
    ? exportHtml(decks, options, collaborators.runMarp)
    : Promise.resolve([]);
  const perDeck = await Promise.all(
    decks.map(async (deck) => [
      ...(await exportFromPage(deck, options, collaborators)),
      ...(options.formats.includes('handout') ? [await exportHandout(deck, options, collaborators)] : []),
      ...(options.formats.includes('memo') ? await exportMemo(deck, options, collaborators) : []),
    ]),
  );
  files.push(...(await html), ...perDeck.flat());
  return files;
}
