import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type InputWatcher, watchInputs } from '../scripts/dev/watch.ts';

// The dev server's watcher on a real folder (chokidar, the file system's own events): a brief
// beside the output folder the builds write to.
let folder: string;
let out: string;
let brief: string;
let watcher: InputWatcher | undefined;
let reports: { at: number; paths: string[] }[];
let reported: () => void;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const nextReport = () => new Promise<void>((done) => (reported = done));

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'briefdeck-watch-'));
  out = join(folder, 'out');
  mkdirSync(join(out, 'brief'), { recursive: true });
  brief = join(folder, 'brief.md');
  writeFileSync(brief, 'first\n');
  reports = [];
  reported = () => {};
  watcher = watchInputs([folder], out, (paths) => {
    reports.push({ at: performance.now(), paths });
    reported();
  });
  // Ready once a save is reported; the saves that made it so are forgotten.
  for (let tries = 0; reports.length === 0 && tries < 50; tries++) {
    writeFileSync(brief, `warming ${tries}\n`);
    await pause(100);
  }
  await watcher.idle();
  reports = [];
});

afterEach(async () => {
  await watcher?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('watchInputs', () => {
  it('reports a saved brief but not what a build writes to the output folder inside the same folder', async () => {
    // A build writing its outputs, then the briefer saving again.
    writeFileSync(join(out, 'brief', 'committee.html'), '<html></html>');
    writeFileSync(join(out, 'index.html'), '<html></html>');
    await pause(300);
    const seen = nextReport();
    writeFileSync(brief, 'saved again\n');
    await seen;
    await watcher!.idle();
    expect(reports.flatMap((report) => report.paths)).toEqual([brief]);
  });

  it('reports a second save that follows the first report within milliseconds, which chokidar alone drops', async () => {
    const first = nextReport();
    writeFileSync(brief, 'saved once\n');
    await first;
    // Straight after the first report, inside the 50 ms in which chokidar reports no change to the file.
    const savedAgain = performance.now();
    const second = nextReport();
    writeFileSync(brief, 'saved twice\n');
    await Promise.race([second, pause(2000)]);
    await watcher!.idle();
    expect(reports.at(-1)!.at).toBeGreaterThan(savedAgain);
    expect(reports.at(-1)!.paths).toEqual([brief]);
  });
});
