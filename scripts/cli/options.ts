import { BriefError } from '../errors.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../export/formats.ts';
import type { Shard } from '../inputs.ts';

// The command line's words: its help, and the values of its options.

export const HELP = `briefdeck: turn a structured brief into slide decks for each audience

Usage:
  briefdeck build [FILE...] [--audience a,b] [--format html,pdf,pptx,handout,memo] [--out DIR] [--shard K/N] [--force]
  briefdeck check [FILE...] [--audience a,b] [--render]
  briefdeck dev [FILE...] [--audience a,b] [--port N] [--out DIR]
  briefdeck import ARTICLE [--out PATH] [--force]
  briefdeck book SHARD_DIR... --out DIR
  briefdeck template check FILE

Commands:
  build   validate each brief and write <out>/<slug>/<audience>.md|.html|.pdf|.pptx and
          <audience>-handout.pdf, and the briefing book <out>/index.html; decks whose inputs
          have not changed since their last build are left as they are
  check   validate each brief and render its decks' Markdown, writing nothing; with --render,
          also lay every slide out in the browser and report any that cannot be made to fit
  dev     build the HTML decks and serve them with the briefing book on 127.0.0.1, rebuilding
          and reloading open pages on every edit; PDF, PPTX and handouts are made when opened
  book    merge the output folders of builds made in shards (build --shard K/N) into --out,
          with one briefing book; two shards that built the same deck differently are refused
  template check  describe a PowerPoint template: its masters, layouts and placeholders, its fonts,
          and the layout each slide kind would use
  import  turn an article (.txt, .md, .html, .docx) into the skeleton of a brief in its own
          words, written to content/<slug>.md or --out; an existing file is kept unless --force

Options:
  --audience LIST   audiences to build, comma-separated (default: every profile in templates/)
  --format LIST     formats to export, comma-separated: html, pdf, pptx, handout, memo (default: all)
  --out DIR         output folder (default: dist); for import, the brief's path
  --templates DIR   templates folder holding profiles, slides and themes (default: templates)
  --shard K/N       build only the K-th of N shares of the briefs, for builds spread over CI runners
  --force           rebuild every deck, even those that are up to date; import over an existing brief
  --port N          the dev server's port (default: a free one)
  --browser-timeout SECONDS
                    how long the browser may take to start or render a deck (default: 120)
  --debug           show stack traces for every error
  -h, --help        show this help

FILE defaults to every content/*.md. Slides are measured and printed with Chrome, Chromium or Edge
from CHROME_PATH, PATH or the usual places, else the Chromium bundled with briefdeck. Exit code 0
when every brief built, 1 when any brief failed, 2 for a mistake on the command line.`;

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return [...OUTPUT_FORMATS];
  const formats = splitList(value);
  for (const format of formats) {
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new BriefError(
        'usage',
        `unknown format "${format}"`,
        { file: '--format' },
        `expected one of: ${OUTPUT_FORMATS.join(', ')}`,
      );
    }
  }
  return formats as OutputFormat[];
}

/** `--shard K/N`: the K-th of N shares of the briefs. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(value);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count) {
    throw new BriefError(
      'usage',
      `"${value}" is not a shard`,
      { file: '--shard' },
      'give K/N with 1 ≤ K ≤ N, such as --shard 2/3 for the second of three shards',
    );
  }
  return { index, count };
}

export function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) === 0) {
    throw new BriefError(
      'usage',
      `"${value}" is not a number of seconds`,
      { file: '--browser-timeout' },
      'give whole seconds, such as --browser-timeout 300',
    );
  }
  return Number(value);
}

/** `SOURCE_DATE_EPOCH`, the reproducible-builds convention: whole seconds since 1970. */
export function parseSourceDate(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,12}$/.test(value)) {
    throw new BriefError(
      'usage',
      `"${value}" is not a whole number of seconds since 1970`,
      { file: 'SOURCE_DATE_EPOCH' },
      "set it to a Unix time such as $(git log -1 --format=%ct), or unset it to use each brief's date",
    );
  }
  return new Date(Number(value) * 1000);
}
