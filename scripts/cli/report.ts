import type { BriefReport } from '../build.ts';
import { formatBriefError } from '../errors.ts';
import { runMarpCli } from '../export/marp-cli.ts';

/** Where the command line writes for people: lines, and a status line a terminal can overwrite. */
export interface Terminal {
  /** A line that stays. */
  line: (text: string) => void;
  /** Progress: on a terminal one line updated in place, elsewhere a plain line. */
  status: (text: string) => void;
  ok: (text: string) => string;
  bad: (text: string) => string;
}

/**
 * How often progress is shown, in milliseconds: a build tells of every deck, and a check of a
 * thousand briefs of four thousand in two seconds. A terminal redraws its status line at most
 * ten times a second; a log (CI) gets at most a line a second.
 */
export const STATUS_INTERVAL = { terminal: 100, log: 1000 } as const;

/** A terminal over the command line's streams; colours only on a terminal and never with NO_COLOR. */
export function createTerminal(io: {
  stderr: (text: string) => void;
  status?: (text: string) => void;
  env: Record<string, string | undefined>;
}): Terminal {
  let showing = false;
  const colour = io.status !== undefined && !io.env.NO_COLOR;
  const paint = (code: number) => (text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const interval = io.status ? STATUS_INTERVAL.terminal : STATUS_INTERVAL.log;
  let shownAt = Number.NEGATIVE_INFINITY;
  // The latest progress held back, shown when its time comes unless a line comes first.
  let pending: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (text: string) => {
    shownAt = Date.now();
    pending = undefined;
    if (io.status) {
      io.status(text);
      showing = text !== '';
    } else {
      io.stderr(text);
    }
  };
  return {
    line: (text) => {
      pending = undefined;
      if (showing) io.status?.('');
      showing = false;
      io.stderr(text);
    },
    status: (text) => {
      const wait = shownAt + interval - Date.now();
      if (wait <= 0) return show(text);
      pending = text;
      // A build that goes quiet (exporting, say) still shows what it is doing.
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending !== undefined) show(pending);
      }, wait);
      timer.unref?.();
    },
    ok: paint(32),
    bad: paint(31),
  };
}

export function printReports(reports: BriefReport[], terminal: Terminal, cwd: string, checking = false): number {
  let failed = 0;
  for (const report of reports) {
    if (report.errors.length > 0) {
      failed += 1;
      for (const error of report.errors) terminal.line(formatBriefError(error));
      const count = `${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}`;
      const what = report.audience ? `no decks for the ${report.audience} audience` : 'nothing written for it';
      terminal.line(`${terminal.bad('✗')} ${report.file.replace(`${cwd}/`, '')}: ${count}, ${what}`);
      continue;
    }
    const outputs = report.outputs.map((path) => path.replace(`${cwd}/`, ''));
    const what = report.upToDate
      ? checking
        ? ': valid, unchanged since last checked'
        : ': up to date'
      : outputs.length > 0
        ? ` → ${outputs.length} files in ${outputs[0]!.replace(/\/[^/]+$/, '/')}`
        : ': valid';
    terminal.line(`${terminal.ok('✓')} ${report.file}${what}`);
    for (const change of report.changes) terminal.line(`  fit: ${change}`);
  }
  return failed;
}

/** marp-cli logs each file it converts, naming the work folder; those lines show only with --debug. */
export async function runMarpQuietly(
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
