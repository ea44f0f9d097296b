import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SECOND_BRIEF } from './helpers/briefs.ts';
import { readPdf } from './helpers/outputs.ts';

// A build is a separate process here, killed from outside as a user's Ctrl-C, a CI timeout or an
// out-of-memory kill would. Its temporary folder is private to the test so leftovers can be seen.
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

/** Starts a build and, if `killAfter` is set, sends `signal` to it (and SIGKILL to its whole process group) after that many ms. */
function runBuild(killAfter?: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<Run> {
  const child = spawn(process.execPath, ['scripts/bin.mjs', 'build', relative(ROOT, SECOND_BRIEF), '--format', 'html,pdf', '--audience', 'committee,public', '--out', out], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: scratch, BRIEFDECK_BROWSER: 'bundled', CHROME_PATH: undefined },
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  if (killAfter !== undefined) {
    setTimeout(() => {
      // SIGKILL takes the browser down with the build, as a killed CI job would.
      try {
        if (signal === 'SIGKILL') process.kill(-child.pid!, 'SIGKILL');
        else child.kill(signal);
      } catch {
        // it had already finished
      }
    }, killAfter);
  }
  return new Promise((resolve) => child.on('close', (code, signalName) => resolve({ code, signal: signalName, stderr })));
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
let buildMs: number;

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  await runBuild(); // unpacks the bundled Chromium into the private temporary folder
  const started = Date.now();
  const first = await runBuild();
  buildMs = Date.now() - started;
  expect(first.code, first.stderr).toBe(0);
  good = new Map(readdirSync(deckDir).map((name) => [name, readFileSync(join(deckDir, name))]));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a build killed part-way', () => {
  it('starts from a complete build of 2 audiences × md, html, pdf', async () => {
    expect([...good.keys()].sort()).toEqual(['committee.html', 'committee.md', 'committee.pdf', 'public.html', 'public.md', 'public.pdf']);
    expect((await readPdf(join(deckDir, 'committee.pdf'))).pages.length).toBeGreaterThan(5);
  });

  it('leaves only whole outputs, and after SIGTERM no temporary files, wherever in the build it is killed', async () => {
    let interrupted = 0;
    // Moments spread over start-up, rendering, the browser exports and the final writes.
    for (const fraction of [0.1, 0.25, 0.4, 0.55, 0.7, 0.8, 0.9, 0.97]) {
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        const ms = Math.round(fraction * buildMs);
        const run = await runBuild(ms, signal);
        if (run.code !== 0) interrupted += 1;
        // Each file is the previous build's or this one's; the inputs are the same, so the bytes are too.
        for (const [name, bytes] of good) expect(readFileSync(join(deckDir, name)).equals(bytes), `${name} after ${signal} at ${ms} ms`).toBe(true);
        expect(readdirSync(deckDir).sort()).toEqual([...good.keys()].sort());
        if (signal === 'SIGTERM' && run.code !== 0) {
          expect(run.code === 143 || run.signal === 'SIGTERM', run.stderr).toBe(true);
          expect(litterIn(scratch), `after SIGTERM at ${ms} ms`).toEqual([]);
          expect(litterIn(deckDir), `after SIGTERM at ${ms} ms`).toEqual([]);
        }
      }
    }
    // Most kills must land inside a build, or this test proves nothing.
    expect(interrupted).toBeGreaterThanOrEqual(10);
  }, 300_000); // sixteen builds

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
