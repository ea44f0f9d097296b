import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BROWSER_HINTS, classifyBrowserFailure } from './browser-session.ts';
import { BriefError } from './errors.ts';
import { MARP_ENGINE_OPTIONS } from './marp-html.ts';
import { sealPdf, sealPptx, type DocumentInfo } from './seal.ts';

export const OUTPUT_FORMATS = ['html', 'pdf', 'pptx', 'handout'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
type MarpFormat = Exclude<OutputFormat, 'handout'>;

/** The file name each format writes in `<out>/<slug>/`. */
const outputName = (audience: string, format: OutputFormat | 'md') => (format === 'handout' ? `${audience}-handout.pdf` : `${audience}.${format}`);

/** One audience's deck as Marp Markdown. */
export interface RenderedDeck {
  slug: string;
  audience: string;
  markdown: string;
  /** The classification line the deck shows in every header and footer. */
  marking?: string;
  /** Metadata every exported document carries. */
  document: DocumentInfo;
}

/** A file the export produced in the work folder, waiting to be moved into place. */
export interface ExportedFile {
  slug: string;
  audience: string;
  /** What kind of file it is; a handout is a PDF. */
  kind: 'md' | MarpFormat;
  /** Its name in `<out>/<slug>/`. */
  name: string;
  path: string;
}

export interface ExportOptions {
  formats: readonly OutputFormat[];
  /** An empty folder for Marp's input and output. */
  workDir: string;
  /** Every theme the decks may name, including those other themes import. */
  themes: readonly { name: string; css: string }[];
  /** Called once, only when a format needs a browser. */
  browserPath: () => Promise<string>;
  /** Seconds a browser operation may take before the export fails. */
  browserTimeout?: number;
}

export interface ExportCollaborators {
  /** Runs marp-cli with these arguments and returns its exit code; its own temporary files go in scratchDir. */
  runMarp: (argv: string[], scratchDir: string) => Promise<number>;
  /** Prints a deck's handout PDF: each slide with its presenter notes beneath. */
  printHandout?: (deck: RenderedDeck) => Promise<Uint8Array>;
}

const require = createRequire(import.meta.url);

/**
 * marp-cli's programmatic API; it throws on failure rather than exiting. marp-cli leaves each
 * browser profile it creates in the system's temporary folder, so while it runs that folder is
 * one of ours, removed with the rest of the build's work.
 */
export async function runMarpCli(argv: string[], scratchDir: string): Promise<number> {
  const { marpCli } = await import('@marp-team/marp-cli');
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratchDir;
  try {
    return await marpCli(argv);
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/** marp-cli's configuration as data, never code: our marp-core v5 as the engine for every format. */
function marpConfig(): Record<string, unknown> {
  return {
    engine: require.resolve('@marp-team/marp-core'),
    html: false,
    allowLocalFiles: false,
    options: MARP_ENGINE_OPTIONS,
    bespoke: { osc: true, progress: true, transition: false },
  };
}

/** One line a person can act on, for the ways a browser export fails; the full story is in --debug. */
function describeMarpFailure(cause: unknown, format: MarpFormat, browser: string | undefined, timeout: number): BriefError {
  const where = { file: browser ?? 'marp-cli' };
  const failure = browser ? classifyBrowserFailure(cause) : undefined;
  if (failure?.kind === 'exited') {
    return new BriefError('browser', `the browser did not start${failure.exitCode ? ` (exit code ${failure.exitCode})` : ''}, so no ${format.toUpperCase()} was written`, where, BROWSER_HINTS.exited, { cause });
  }
  if (failure?.kind === 'timeout') {
    return new BriefError('browser', `the browser did not answer within ${timeout} s, so no ${format.toUpperCase()} was written`, where, BROWSER_HINTS.timeout, { cause });
  }
  const firstLine = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!.trim();
  return new BriefError('export', `Marp could not write ${format.toUpperCase()}: ${firstLine}`, where, 'run again with --debug for details', { cause });
}

/** Gives a PDF or PPTX the brief's metadata and fixed timestamps; a missing file is reported when written. */
async function sealDocument(path: string, format: MarpFormat, info: DocumentInfo): Promise<void> {
  if (format === 'html') return;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return;
  }
  let sealed: Uint8Array;
  try {
    sealed = format === 'pdf' ? await sealPdf(bytes, info) : sealPptx(bytes, info);
  } catch (cause) {
    throw new BriefError('output', `the ${format.toUpperCase()} came out damaged`, { file: path }, 'run again; if it persists, run with --debug', { cause });
  }
  await writeFile(path, sealed);
}

async function exportHandouts(decks: readonly RenderedDeck[], outputDir: string, collaborators: ExportCollaborators): Promise<ExportedFile[]> {
  if (!collaborators.printHandout) throw new Error('handouts need a printHandout collaborator');
  const files: ExportedFile[] = [];
  for (const deck of decks) {
    const name = outputName(deck.audience, 'handout');
    const path = join(outputDir, deck.slug, name);
    mkdirSync(join(outputDir, deck.slug), { recursive: true });
    // The handout keeps the outline the browser made from its own headings.
    writeFileSync(path, await sealPdf(await collaborators.printHandout(deck), { ...deck.document, sections: undefined }));
    files.push({ slug: deck.slug, audience: deck.audience, kind: 'pdf', name, path });
  }
  return files;
}

/** Converts every deck of a build to each format with one marp-cli run per format. */
export async function exportDecks(decks: readonly RenderedDeck[], options: ExportOptions, collaborators: ExportCollaborators): Promise<ExportedFile[]> {
  const inputDir = join(options.workDir, 'in');
  const outputDir = join(options.workDir, 'out');
  const themeDir = join(options.workDir, 'themes');
  const scratchDir = join(options.workDir, 'scratch');
  const configFile = join(options.workDir, 'marp.config.json');
  // Synchronous on purpose: an interrupted build removes the work folder from a signal handler,
  // and a write still in flight on another thread could otherwise recreate part of it afterwards.
  for (const folder of [themeDir, outputDir, scratchDir]) mkdirSync(folder, { recursive: true });
  writeFileSync(configFile, JSON.stringify(marpConfig(), null, 2));
  for (const theme of options.themes) writeFileSync(join(themeDir, `${theme.name}.css`), theme.css);

  const files: ExportedFile[] = [];
  for (const deck of decks) {
    mkdirSync(join(inputDir, deck.slug), { recursive: true });
    const path = join(inputDir, deck.slug, `${deck.audience}.md`);
    writeFileSync(path, deck.markdown);
    files.push({ slug: deck.slug, audience: deck.audience, kind: 'md', name: outputName(deck.audience, 'md'), path });
  }

  const needsBrowser = options.formats.some((format) => format === 'pdf' || format === 'pptx');
  const browser = needsBrowser ? await options.browserPath() : undefined;
  const timeout = options.browserTimeout ?? 120;
  const browserArgs = browser ? ['--browser-path', browser, '--browser-timeout', String(timeout)] : [];
  for (const format of options.formats) {
    if (format === 'handout') {
      files.push(...(await exportHandouts(decks, outputDir, collaborators)));
      continue;
    }
    // Outlines are set per run: in the config file marp-cli applies them to HTML too, and fails.
    const formatArgs = format === 'html' ? [] : format === 'pdf' ? ['--pdf', '--pdf-outlines', ...browserArgs] : [`--${format}`, ...browserArgs];
    const argv = ['--config-file', configFile, '--input-dir', inputDir, '--output', outputDir, '--theme-set', themeDir, ...formatArgs];
    let code: number;
    try {
      code = await collaborators.runMarp(argv, scratchDir);
    } catch (cause) {
      throw describeMarpFailure(cause, format, browser, timeout);
    }
    if (code !== 0) throw new BriefError('export', `Marp could not write ${format.toUpperCase()} (exit code ${code})`, { file: 'marp-cli' }, 'run again with --debug for details');
    for (const deck of decks) {
      const path = join(outputDir, deck.slug, `${deck.audience}.${format}`);
      await sealDocument(path, format, deck.document);
      files.push({ slug: deck.slug, audience: deck.audience, kind: format, name: outputName(deck.audience, format), path });
    }
  }
  return files;
}
