import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BRIEFDECK_ROOT } from './root.ts';

// What a build remembers of each brief, so the next build redoes only the decks whose inputs
// changed (issue: incremental builds) and the briefing book can be written without a browser.

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
const sha = () => createHash('sha256');

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

function hashFolder(hash: ReturnType<typeof sha>, folder: string, skip: (name: string) => boolean): void {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (skip(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) hashFolder(hash, path, () => false);
    else if (entry.isFile()) hash.update(`${entry.name}\0`).update(readFileSync(path)).update('\0');
  }
}

const ROOT = BRIEFDECK_ROOT;
let toolKey: string | undefined;

/**
 * briefdeck itself: its code, its version and its dependencies' versions (the lock file, which
 * also pins the fonts). Any change to them may change every output.
 */
export function toolFingerprint(): string {
  if (toolKey) return toolKey;
  const hash = sha();
  hashFolder(hash, join(ROOT, 'scripts'), () => false);
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(ROOT, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  toolKey = hash.digest('hex');
  return toolKey;
}

/**
 * One audience's templates: the shared slides, themes and labels, and the audience's own folder,
 * file names included, so an override added, changed or removed counts. Other audiences' folders
 * do not count.
 */
export function templatesFingerprint(templatesDir: string, audience: string, audiences: readonly string[]): string {
  const hash = sha();
  hashFolder(hash, templatesDir, (name) => audiences.includes(name) && name !== audience);
  return hash.digest('hex');
}

/** The files a brief read, as they are now; a missing one counts as a change too. */
function hashInputs(hash: ReturnType<typeof sha>, inputs: readonly string[]): void {
  for (const input of inputs) {
    hash.update(`${input}\0`);
    try {
      hash.update(readFileSync(input));
    } catch {
      hash.update('missing');
    }
  }
}

/** The key of everything that makes one deck: equal keys, equal outputs. */
export function deckKey(parts: {
  tool: string;
  templates: string;
  brief: Uint8Array;
  inputs: readonly string[];
  sourceDate?: Date;
}): string {
  const hash = sha().update(parts.tool).update('\0').update(parts.templates).update('\0').update(parts.brief);
  hashInputs(hash, parts.inputs);
  hash.update(`\0${parts.sourceDate?.toISOString() ?? 'brief date'}`);
  return hash.digest('hex').slice(0, 32);
}

/** Whether an output file is still in place. */
export function outputExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
