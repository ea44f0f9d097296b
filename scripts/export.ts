import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BriefError } from './errors.ts';

export const OUTPUT_FORMATS = ['html', 'pdf', 'pptx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** One audience's deck as Marp Markdown. */
export interface RenderedDeck {
  slug: string;
  audience: string;
  markdown: string;
}

/** A file the export produced in the work folder, waiting to be moved into place. */
export interface ExportedFile {
  slug: string;
  audience: string;
  extension: 'md' | OutputFormat;
  path: string;
}

export interface ExportOptions {
  formats: readonly OutputFormat[];
  /** An empty folder for Marp's input and output, on the same file system as the destination. */
  workDir: string;
  /** Every theme the decks may name, including those other themes import. */
  themes: readonly { name: string; css: string }[];
  /** Called once, only when a format needs a browser. */
  browserPath: () => Promise<string>;
  /** Seconds a browser operation may take before the export fails. */
  browserTimeout?: number;
}

export interface ExportCollaborators {
  /** Runs marp-cli with these arguments and returns its exit code. */
  runMarp: (argv: string[]) => Promise<number>;
}

const require = createRequire(import.meta.url);

/** marp-cli's programmatic API; it throws on failure rather than exiting. */
export async function runMarpCli(argv: string[]): Promise<number> {
  const { marpCli } = await import('@marp-team/marp-cli');
  return marpCli(argv);
}

/**
 * marp-cli's configuration as data, never code: our marp-core v5 as the engine for every
 * format, no raw HTML, no emoji images or math fonts fetched from a CDN.
 */
export const MARP_ENGINE_OPTIONS = { html: false, math: false, emoji: { shortcode: false, unicode: false }, minifyCSS: false } as const;

function marpConfig(): Record<string, unknown> {
  return {
    engine: require.resolve('@marp-team/marp-core'),
    html: false,
    allowLocalFiles: false,
    options: MARP_ENGINE_OPTIONS,
    bespoke: { osc: true, progress: true, transition: false },
  };
}

/** Converts every deck of a build to each format with one marp-cli run per format. */
export async function exportDecks(decks: readonly RenderedDeck[], options: ExportOptions, collaborators: ExportCollaborators): Promise<ExportedFile[]> {
  const inputDir = join(options.workDir, 'in');
  const outputDir = join(options.workDir, 'out');
  const themeDir = join(options.workDir, 'themes');
  const configFile = join(options.workDir, 'marp.config.json');
  await Promise.all([mkdir(themeDir, { recursive: true }), mkdir(outputDir, { recursive: true })]);
  await writeFile(configFile, JSON.stringify(marpConfig(), null, 2));
  for (const theme of options.themes) await writeFile(join(themeDir, `${theme.name}.css`), theme.css);

  const files: ExportedFile[] = [];
  for (const deck of decks) {
    await mkdir(join(inputDir, deck.slug), { recursive: true });
    const path = join(inputDir, deck.slug, `${deck.audience}.md`);
    await writeFile(path, deck.markdown);
    files.push({ slug: deck.slug, audience: deck.audience, extension: 'md', path });
  }

  const needsBrowser = options.formats.some((format) => format !== 'html');
  const browserArgs = needsBrowser ? ['--browser-path', await options.browserPath(), '--browser-timeout', String(options.browserTimeout ?? 120)] : [];
  for (const format of options.formats) {
    // Outlines are set per run: in the config file marp-cli applies them to HTML too, and fails.
    const formatArgs = format === 'html' ? [] : format === 'pdf' ? ['--pdf', '--pdf-outlines', ...browserArgs] : [`--${format}`, ...browserArgs];
    const argv = ['--config-file', configFile, '--input-dir', inputDir, '--output', outputDir, '--theme-set', themeDir, ...formatArgs];
    let code: number;
    try {
      code = await collaborators.runMarp(argv);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new BriefError('export', `Marp could not write ${format.toUpperCase()}: ${message}`, { file: 'marp-cli' }, needsBrowser ? 'check that the browser starts (set CHROME_PATH to another one), or raise --browser-timeout' : undefined, { cause });
    }
    if (code !== 0) throw new BriefError('export', `Marp could not write ${format.toUpperCase()} (exit code ${code})`, { file: 'marp-cli' }, 'run again with --debug for details');
    for (const deck of decks) files.push({ slug: deck.slug, audience: deck.audience, extension: format, path: join(outputDir, deck.slug, `${deck.audience}.${format}`) });
  }
  return files;
}
