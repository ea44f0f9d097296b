import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeAtomically } from '../export/write.ts';
import type { Temporaries } from '../temporaries.ts';

// What a build remembers of each brief, in `<out>/.briefdeck/<slug>.json`, so the next build redoes
// only the decks whose inputs changed and the briefing book can be written without a browser.

/** The brief's own words, as the briefing book lists it. */
export interface BriefSummary {
  title: string;
  subtitle?: string;
  date: string;
  marking?: string;
  presenter?: string;
  organization?: string;
  lang: string;
}

/** One audience's deck as last built. */
export interface DeckRecord {
  /** The audience as its profile names it on the title slide (`Committee`). */
  label: string;
  /** The key of the inputs each output was made from, by format (`md`, `html`, `pdf`, …). */
  outputs: Record<string, string>;
  slides: number;
  /** The title slide, small, as a `data:` URL. */
  thumbnail?: string;
  builtAt: string;
}

export interface BriefRecord {
  version: 1;
  file: string;
  slug: string;
  summary?: BriefSummary;
  decks: Record<string, DeckRecord>;
  /** Files the brief read besides itself (its images). */
  inputs: string[];
  /** The problems of its last build, formatted; empty when it built. */
  errors: string[];
}

const RECORD_FOLDER = '.briefdeck';

export const recordPath = (outDir: string, slug: string) => join(outDir, RECORD_FOLDER, `${slug}.json`);

export function readRecord(outDir: string, slug: string): BriefRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(recordPath(outDir, slug), 'utf8')) as BriefRecord;
    return record.version === 1 ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Every record in the output folder: the briefs the briefing book lists. */
export function readAllRecords(outDir: string): BriefRecord[] {
  const folder = join(outDir, RECORD_FOLDER);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => readRecord(outDir, name.slice(0, -'.json'.length)) ?? []);
}

/** Whether an output file is still in place. */
export function outputExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function readBytes(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a file of the output folder only when its text changed, atomically. */
export function writeIfChanged(path: string, text: string, temporaries: Temporaries): boolean {
  if (readBytes(path)?.toString() === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, Buffer.from(text), temporaries);
  return true;
}
