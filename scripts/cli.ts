import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BuildCollaborators, buildBriefs } from './build.ts';
import { supplyBrowser } from './browser/find.ts';
import { HELP, parseFormats, parseSeconds, parseShard, parseSourceDate, splitList } from './cli/options.ts';
import { createTerminal, printReports, runMarpQuietly, type Terminal } from './cli/report.ts';
import { BriefError, formatBriefError, isBriefError, listBriefErrors } from './errors.ts';
import { Temporaries } from './temporaries.ts';

/** What the command line may touch: its streams and environment. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Rewrites the status line in place; only where stderr is a terminal. */
  status?: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Chromium refuses its sandbox to root; the bin passes process.getuid() === 0. */
  isRoot?: boolean;
  /** Registers what to do when the process is told to stop (Ctrl-C, SIGTERM), before it exits. */
  onInterrupt?: (handler: (signal: string) => Promise<void>) => void;
}

const COMMANDS = ['build', 'check', 'dev', 'import', 'book', 'template'];

/** The exit code of a process ended by a signal, as shells report it. */
const SIGNAL_EXIT_CODES: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

const OPTIONS = {
  audience: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  'browser-timeout': { type: 'string' },
  port: { type: 'string' },
  render: { type: 'boolean' },
  force: { type: 'boolean' },
  shard: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** The build's collaborators, wired to this command line's streams and environment. */
function collaboratorsFor(io: CliIO, values: Values, terminal: Terminal, temporaries: Temporaries): BuildCollaborators {
  const debug = values.debug ?? false;
  return {
    runMarp: (marpArgv, scratchDir) => runMarpQuietly(marpArgv, scratchDir, debug, terminal.line),
    openBrowser: supplyBrowser(io.env, {
      timeout: parseSeconds(values['browser-timeout']) ?? 120,
      isRoot: io.isRoot ?? false,
      announce: terminal.line,
      temporaries,
      debug,
    }),
    progress: (message, transient) => (transient ? terminal.status(message) : terminal.line(message)),
    temporaries,
    stage: stopAtStage(io.env.BRIEFDECK_TEST_STOP_AT, terminal),
  };
}

/**
 * For the tests: `BRIEFDECK_TEST_STOP_AT=<stage>` makes a build say `stage: <stage>` when it gets
 * there and wait, so a test kills it at that moment on any machine.
 */
function stopAtStage(wanted: string | undefined, terminal: Terminal): BuildCollaborators['stage'] {
  if (!wanted) return undefined;
  return (name) => {
    if (name !== wanted) return;
    terminal.line(`stage: ${name}`);
    // A timer keeps the process waiting here until the test's signal arrives.
    return new Promise<void>(() => setInterval(() => {}, 60_000));
  };
}

/** Runs one command line and returns its exit code; only the bin calls process.exit. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let debug = argv.includes('--debug');
  const terminal = createTerminal(io);
  // Once told to stop, whatever the build does next (its browser gone) is no news: wait for the
  // clean-up and report only that.
  let stopped: Promise<number> | undefined;
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
    debug = values.debug ?? false;
    const [command, ...files] = positionals;
    if (values.help || command === 'help' || command === undefined) {
      io.stdout(HELP);
      return command === undefined && !values.help ? 2 : 0;
    }
    if (!COMMANDS.includes(command)) {
      throw new BriefError(
        'usage',
        `unknown command "${command}"`,
        { file: 'briefdeck' },
        `expected one of: ${COMMANDS.join(', ')}`,
      );
    }
    const started = Date.now();
    const temporaries = new Temporaries();
    if (command === 'import') {
      const { runImport } = await import('./cli/import.ts');
      const templatesDir = values.templates ?? 'templates';
      // The same layout in the browser as `check --render`, with its memory kept out of the way.
      const fitCheck = async (file: string) => {
        const outDir = temporaries.add(mkdtempSync(join(tmpdir(), 'briefdeck-import-fit-')));
        try {
          return await buildBriefs(
            { files: [file], formats: [], measure: true, outDir, templatesDir, contentDir: 'content' },
            collaboratorsFor(io, values, terminal, temporaries),
          );
        } finally {
          rmSync(outDir, { recursive: true, force: true });
          temporaries.delete(outDir);
        }
      };
      return await runImport(
        files,
        { out: values.out, force: values.force === true, templatesDir, temporaries },
        { terminal, today: new Date(), fitCheck },
      );
    }
    if (command === 'template') {
      const { runTemplateCheck } = await import('./cli/template.ts');
      return runTemplateCheck(files, io.stdout);
    }
    if (command === 'book') {
      const { runBook } = await import('./cli/book.ts');
      return runBook(
        files,
        { out: values.out, sourceDate: parseSourceDate(io.env.SOURCE_DATE_EPOCH), temporaries },
        terminal,
      );
    }
    const options = {
      files,
      audiences: splitList(values.audience),
      outDir: values.out ?? 'dist',
      templatesDir: values.templates ?? 'templates',
      contentDir: 'content',
      sourceDate: parseSourceDate(io.env.SOURCE_DATE_EPOCH),
    };
    const collaborators = collaboratorsFor(io, values, terminal, temporaries);
    const stopWith = (signal: string, finish: () => Promise<void>) => {
      stopped ??= finish().then(() => {
        terminal.line(`briefdeck: stopped by ${signal}; outputs already in place are whole, temporary files removed`);
        return SIGNAL_EXIT_CODES[signal] ?? 1;
      });
      return stopped.then(() => undefined);
    };
    if (command === 'dev') {
      const { serveDev } = await import('./dev/server.ts');
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) {
        throw new BriefError(
          'usage',
          `"${values.port}" is not a port number`,
          { file: '--port' },
          'give a number from 1 to 65535, or leave it out for a free port',
        );
      }
      const server = await serveDev({ ...options, port }, collaborators, { stdout: io.stdout, terminal });
      io.onInterrupt?.((signal) =>
        stopWith(signal, async () => {
          await server.close();
          await temporaries.stopAndRemoveAll();
        }),
      );
      await server.closed;
      return stopped ? await stopped : 0;
    }
    io.onInterrupt?.((signal) => stopWith(signal, () => temporaries.stopAndRemoveAll()));
    const reports = await buildBriefs(
      {
        ...options,
        formats: command === 'check' ? [] : parseFormats(values.format),
        measure: command === 'check' && values.render === true,
        force: values.force === true,
        shard: parseShard(values.shard),
      },
      collaborators,
    );
    if (stopped) return await stopped;
    const failed = printReports(reports, terminal, io.cwd, command === 'check');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // An audience refused for its own files is reported above; the count is of briefs.
    const briefs = reports.filter((report) => !report.audience);
    const failedBriefs = briefs.filter((report) => report.errors.length > 0).length;
    const count = `${briefs.length - failedBriefs} of ${briefs.length} brief${briefs.length === 1 ? '' : 's'}`;
    terminal.line(`${count} ${command === 'check' ? 'valid' : 'built'} in ${seconds} s`);
    return failed > 0 ? 1 : 0;
  } catch (error) {
    if (stopped) return await stopped;
    if (isBriefError(error)) {
      for (const problem of listBriefErrors(error)) terminal.line(formatBriefError(problem));
      if (debug) terminal.line(String(error.stack));
      return error instanceof BriefError && error.code === 'usage' ? 2 : 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      terminal.line(`briefdeck: ${(error as Error).message}\n  hint: run "briefdeck --help"`);
      return 2;
    }
    // Anything else is a bug in briefdeck: show everything.
    terminal.line(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 70;
  }
}
