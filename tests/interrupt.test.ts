import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STAGES } from '../scripts/build.ts';
import { ROOT, SECOND_BRIEF } from './helpers/briefs.ts';
import { readPdf } from './helpers/outputs.ts';

// A build is a separate process here, killed from outside as a user's Ctrl-C, a CI timeout or an
// out-of-memory kill would: the signal goes to the build alone, and its browser must die with it. Its temporary folder is private to the test so leftovers can be seen.
const root = mkdtempSync(join(tmpdir(), 'briefdeck-interrupt-'));
const out = join(root, 'out');
const scratch = join(root, 'tmp');
const deckDir = join(out, 'black-sea-grain-corridor');
const LITTER = /^\.?briefdeck-\d+-/;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Every process below `pid`, read from /proc: the browser a build started and the browser's own children. */
function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses; the parent pid follows its closing one.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // it ended while being read
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, of] of parents) {
      if (of === parent && !found.includes(child)) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Whether a process still runs (a zombie waiting for its parent to read it has ended). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
  } catch {
    return false;
  }
}

/** Processes of `pids` still running after `ms`: a browser closes its pipe's far end within a few seconds. */
async function survivors(pids: number[], ms = 10_000): Promise<number[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isRunning);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A build of two audiences in HTML and PDF, forced so that every run does the whole work. */
function spawnBuild(stopAt?: string) {
  return spawn(
    process.execPath,
    [
      'scripts/bin.mjs',
      'build',
      relative(ROOT, SECOND_BRIEF),
      '--format',
      'html,pdf',
      '--audience',
      'committee,public',
      '--out',
      out,
      '--force',
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TMPDIR: scratch,
        BRIEFDECK_BROWSER: 'bundled',
        CHROME_PATH: undefined,
        BRIEFDECK_TEST_STOP_AT: stopAt,
      },
    },
  );
}

/**
 * Starts a build and, if `stopAt` names a stage, waits for the build to reach it (where it waits)
 * and sends `signal` to the build's own process alone, as an out-of-memory kill or a CI time-out
 * would: never to its browser. Returns the processes the build had started by then.
 */
function runBuild(stopAt?: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<Run & { children: number[] }> {
  const child = spawnBuild(stopAt);
  let stderr = '';
  let children: number[] | undefined;
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stopAt && children === undefined && stderr.includes(`stage: ${stopAt}\n`)) {
      children = descendantsOf(child.pid!);
      child.kill(signal);
    }
  });
  return new Promise((resolve) =>
    child.on('close', (code, signalName) => resolve({ code, signal: signalName, stderr, children: children ?? [] })),
  );
}

function deadPid(): number {
  for (let pid = 4_000_000; ; pid++) {
    try {
      process.kill(pid, 0);
    } catch {
      return pid;
    }
  }
}

const litterIn = (folder: string) => readdirSync(folder).filter((name) => LITTER.test(name));

let good: Map<string, Buffer>;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  await runBuild(); // unpacks the bundled Chromium into the private temporary folder
  const first = await runBuild();
  expect(first.code, first.stderr).toBe(0);
  good = new Map(readdirSync(deckDir).map((name) => [name, readFileSync(join(deckDir, name))]));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a build killed part-way', () => {
  it('starts from a complete build of 2 audiences × md, html, pdf', async () => {
    expect([...good.keys()].sort()).toEqual([
      'committee.html',
      'committee.md',
      'committee.pdf',
      'public.html',
      'public.md',
      'public.pdf',
    ]);
    expect((await readPdf(join(deckDir, 'committee.pdf'))).pages.length).toBeGreaterThan(5);
  });

  it('leaves only whole outputs, no browser running, and after SIGTERM no temporary files, wherever in the build it is killed', async () => {
    let browsersSeen = 0;
    // Every stage of a build, from composing the decks to recording what it made: each kill lands
    // at that moment, however loaded the machine is.
    for (const stage of BUILD_STAGES) {
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        const run = await runBuild(stage, signal);
        const at = `${signal} at ${stage}`;
        expect(run.stderr, at).toContain(`stage: ${stage}`);
        expect(run.code, at).not.toBe(0);
        if (run.children.length > 0) browsersSeen += 1;
        // Whatever killed the build, its browser went with it.
        expect(await survivors(run.children), `processes of the build left running after ${at}`).toEqual([]);
        // Each file is the previous build's or this one's; the inputs are the same, so the bytes are too.
        for (const [name, bytes] of good)
          expect(readFileSync(join(deckDir, name)).equals(bytes), `${name} after ${at}`).toBe(true);
        // Nothing but the outputs, or, after SIGKILL mid-write, a temporary file of the dead build,
        // which the next build sweeps (the last test here proves the sweep).
        const leftovers = signal === 'SIGKILL' ? litterIn(deckDir) : [];
        expect(leftovers.every((name) => name.endsWith('.tmp'))).toBe(true);
        expect(
          readdirSync(deckDir)
            .filter((name) => !leftovers.includes(name))
            .sort(),
        ).toEqual([...good.keys()].sort());
        if (signal === 'SIGTERM') {
          expect(run.code === 143 || run.signal === 'SIGTERM', run.stderr).toBe(true);
          expect(litterIn(scratch), `after ${at}`).toEqual([]);
          expect(litterIn(deckDir), `after ${at}`).toEqual([]);
        }
      }
    }
    // Every stage from the browser's start on has a browser to take down.
    expect(browsersSeen).toBe(2 * (BUILD_STAGES.length - BUILD_STAGES.indexOf('browser-started')));
  }, 600_000); // sixteen builds, on a machine that may be heavily loaded

  it('takes the browser down with a build killed outright while the browser works', async () => {
    for (const after of [0, 150, 400]) {
      const child = spawnBuild();
      const closed = new Promise((resolve) => child.on('close', resolve));
      // Wait for the browser to be running, then a little longer, then kill the build alone.
      let browser: number[] = [];
      for (let waited = 0; browser.length === 0 && waited < 20_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        browser = descendantsOf(child.pid!);
      }
      expect(browser.length, 'the build started a browser').toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, after));
      const running = descendantsOf(child.pid!);
      child.kill('SIGKILL');
      await closed;
      expect(
        await survivors(running),
        `browser processes left running after SIGKILL ${after} ms into its work`,
      ).toEqual([]);
    }
  }, 120_000);

  it('sweeps what killed builds left behind on the next build', async () => {
    // Leftovers as a SIGKILL between two steps would leave them, owned by a process that is gone.
    const gone = deadPid();
    mkdirSync(join(scratch, `briefdeck-${gone}-abc123`, 'out'), { recursive: true });
    writeFileSync(join(deckDir, `.briefdeck-${gone}-committee.pdf.tmp`), '%PDF-1.7 cut short');
    const run = await runBuild();
    expect(run.code, run.stderr).toBe(0);
    expect(litterIn(scratch)).toEqual([]);
    expect(litterIn(deckDir)).toEqual([]);
    expect(readdirSync(scratch).filter((name) => name.startsWith('marp-cli-'))).toEqual([]);
  });
});
