import { parseArgs } from 'node:util';
import { buildBriefs, type BriefReport } from './build.ts';
import { supplyBrowser } from './browser/find.ts';
import { BriefError, formatBriefError, isBriefError, listBriefErrors } from './errors.ts';
import { OUTPUT_FORMATS, runMarpCli, type OutputFormat } from './export/export.ts';
import { Temporaries } from './temporaries.ts';

/** What the command line may touch: its streams and environment. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Chromium refuses its sandbox to root; the bin passes process.getuid() === 0. */
  isRoot?: boolean;
  /** Registers what to do when the process is told to stop (Ctrl-C, SIGTERM), before it exits. */
  onInterrupt?: (handler: (signal: string) => Promise<void>) => void;
}

const HELP = `briefdeck: turn a structured brief into slide decks for each audience

Usage:
  briefdeck build [FILE...] [--audience a,b] [--format html,pdf,pptx] [--out DIR]
  briefdeck check [FILE...] [--audience a,b] [--render]

Commands:
  build   validate each brief and write <out>/<slug>/<audience>.md|.html|.pdf|.pptx and
          <audience>-handout.pdf (each slide above its presenter notes)
  check   validate each brief and render its decks' Markdown, writing nothing; with --render,
          also lay every slide out in the browser and report any that cannot be made to fit

Options:
  --audience LIST   audiences to build, comma-separated (default: every profile in templates/)
  --format LIST     formats to export, comma-separated: html, pdf, pptx, handout (default: all)
  --out DIR         output folder (default: dist)
  --templates DIR   templates folder holding profiles, slides and themes (default: templates)
  --browser-timeout SECONDS
                    how long the browser may take to start or render a deck (default: 120)
  --debug           show stack traces for every error
  -h, --help        show this help

FILE defaults to every content/*.md. PDF and PPTX use Chrome, Chromium or Edge from CHROME_PATH or
the system, else the Chromium bundled with briefdeck. Exit code 0 when every brief built, 1 when
any brief failed, 2 for a mistake on the command line.`;

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseFormats(value: string | undefined): OutputFormat[] {
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

function parseSeconds(value: string | undefined): number | undefined {
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
function parseSourceDate(value: string | undefined): Date | undefined {
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

/** marp-cli logs each file it converts, naming the work folder; those lines show only with --debug. */
async function runMarpQuietly(
  argv: string[],
  scratchDir: string,
  debug: boolean,
  stderr: (text: string) => void,
): Promise<number> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (debug || !text.includes('INFO ]')) stderr(text);
  };
  try {
    return await runMarpCli(argv, scratchDir);
  } finally {
    console.warn = warn;
  }
}

function printReports(reports: BriefReport[], io: CliIO, cwd: string): number {
  let failed = 0;
  for (const report of reports) {
    if (report.errors.length > 0) {
      failed += 1;
      for (const error of report.errors) io.stderr(formatBriefError(error));
      io.stderr(
        `✗ ${report.file}: ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}, nothing written for it`,
      );
    } else {
      const outputs = report.outputs.map((path) => path.replace(`${cwd}/`, ''));
      io.stderr(
        `✓ ${report.file}${outputs.length > 0 ? ` → ${outputs.length} files in ${outputs[0]!.replace(/\/[^/]+$/, '/')}` : ': valid'}`,
      );
      for (const change of report.changes) io.stderr(`  fit: ${change}`);
    }
  }
  return failed;
}

/** The exit code of a process ended by a signal, as shells report it. */
const SIGNAL_EXIT_CODES: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/** Runs one command line and returns its exit code; only the bin calls process.exit. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let debug = argv.includes('--debug');
  // Once told to stop, whatever the build does next (its browser gone) is no news: wait for the
  // clean-up and report only that.
  let stopped: Promise<number> | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        audience: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        templates: { type: 'string' },
        'browser-timeout': { type: 'string' },
        render: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    debug = values.debug ?? false;
    const [command, ...files] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (command !== 'build' && command !== 'check') {
      throw new BriefError(
        'usage',
        `unknown command "${command}"`,
        { file: 'briefdeck' },
        'expected one of: build, check',
      );
    }
    const started = Date.now();
    const browserTimeout = parseSeconds(values['browser-timeout']);
    const temporaries = new Temporaries();
    io.onInterrupt?.((signal) => {
      stopped ??= temporaries.stopAndRemoveAll().then(() => {
        io.stderr(`briefdeck: stopped by ${signal}; outputs already in place are whole, temporary files removed`);
        return SIGNAL_EXIT_CODES[signal] ?? 1;
      });
      return stopped.then(() => undefined);
    });
    const reports = await buildBriefs(
      {
        files,
        audiences: splitList(values.audience),
        formats: command === 'check' ? [] : parseFormats(values.format),
        outDir: values.out ?? 'dist',
        templatesDir: values.templates ?? 'templates',
        contentDir: 'content',
        sourceDate: parseSourceDate(io.env.SOURCE_DATE_EPOCH),
        measure: command === 'check' && values.render === true,
      },
      {
        runMarp: (marpArgv, scratchDir) => runMarpQuietly(marpArgv, scratchDir, debug, io.stderr),
        openBrowser: supplyBrowser(io.env, {
          timeout: browserTimeout ?? 120,
          isRoot: io.isRoot ?? false,
          announce: io.stderr,
          temporaries,
          debug,
        }),
        progress: io.stderr,
        temporaries,
      },
    );
    if (stopped) return await stopped;
    const failed = printReports(reports, io, io.cwd);
    io.stderr(
      `${reports.length - failed} of ${reports.length} brief${reports.length === 1 ? '' : 's'} ${command === 'check' ? 'valid' : 'built'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return failed > 0 ? 1 : 0;
  } catch (error) {
    if (stopped) return await stopped;
    if (isBriefError(error)) {
      for (const problem of listBriefErrors(error)) io.stderr(formatBriefError(problem));
      if (debug) io.stderr(String(error.stack));
      return error instanceof BriefError && error.code === 'usage' ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`briefdeck: ${(error as Error).message}\n  hint: run "briefdeck --help"`);
      return 2;
    }
    // Anything else is a bug in briefdeck: show everything.
    io.stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 70;
  }
}
