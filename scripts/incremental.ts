import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderBook } from './book/book.ts';
import type { AudienceProfile } from './deck/profile.ts';
import type { ComposedBrief } from './decks.ts';
import { formatBriefError } from './errors.ts';
import { type OutputFormat, outputName } from './export/export.ts';
import { writeAtomically } from './export/write.ts';
import { slugOf } from './inputs.ts';
import {
  type BriefRecord,
  deckKey,
  outputExists,
  readAllRecords,
  readRecord,
  recordPath,
  templatesFingerprint,
  toolFingerprint,
} from './freshness.ts';
import type { Temporaries } from './temporaries.ts';

// Which decks a build must redo, what it remembers of those it did, and the briefing book written
// from that memory (issue: the briefer's loop).

interface FreshnessOptions {
  formats: readonly string[];
  outDir: string;
  templatesDir: string;
  sourceDate?: Date;
  force?: boolean;
}

function readBytes(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The key of one deck's inputs as they are now. */
function keyFor(brief: Uint8Array, inputs: readonly string[], templates: string, options: FreshnessOptions): string {
  return deckKey({ tool: toolFingerprint(), templates, brief, inputs, sourceDate: options.sourceDate });
}

/** Each audience's templates fingerprint, read once per build and only when first asked for. */
export function templateKeysOnce(
  templatesDir: string,
  profiles: readonly AudienceProfile[],
  allAudiences: readonly string[],
): () => ReadonlyMap<string, string> {
  let keys: Map<string, string> | undefined;
  return () => {
    keys ??= new Map(
      profiles.map((profile) => [profile.name, templatesFingerprint(templatesDir, profile.name, allAudiences)]),
    );
    return keys;
  };
}

/**
 * For each brief, the audiences whose decks must be made: all of them for `check` and `--force`,
 * else those whose inputs changed since their outputs were made, or whose outputs are missing.
 * A brief whose last build failed is always redone, so its problems are reported again.
 */
export function planFreshness(
  files: readonly string[],
  profiles: readonly AudienceProfile[],
  templateKeys: () => ReadonlyMap<string, string>,
  options: FreshnessOptions,
): { file: string; stale: AudienceProfile[] }[] {
  if (options.formats.length === 0 || options.force) return files.map((file) => ({ file, stale: [...profiles] }));
  return files.map((file) => {
    const slug = slugOf(file);
    const record = readRecord(options.outDir, slug);
    const brief = readBytes(file);
    if (!record || !brief || record.errors.length > 0 || record.file !== file) return { file, stale: [...profiles] };
    const stale = profiles.filter((profile) => {
      const deck = record.decks[profile.name];
      if (!deck) return true;
      const key = keyFor(brief, record.inputs, templateKeys().get(profile.name)!, options);
      return ['md', ...options.formats].some(
        (format) =>
          deck.outputs[format] !== key ||
          !outputExists(join(options.outDir, slug, outputName(profile.name, format as OutputFormat))),
      );
    });
    return { file, stale };
  });
}

/** Remembers what a build made of a brief (or what went wrong), for the next build and the book. */
export function recordBuild(
  options: FreshnessOptions,
  built: {
    file: string;
    slug: string;
    result: ComposedBrief;
    profiles: readonly AudienceProfile[];
    templateKeys: () => ReadonlyMap<string, string>;
    temporaries: Temporaries;
  },
): void {
  const { file, slug, result } = built;
  const previous = readRecord(options.outDir, slug);
  const record: BriefRecord =
    previous?.file === file ? previous : { version: 1, file, slug, decks: {}, inputs: [], errors: [] };
  record.errors = result.errors.map(formatBriefError);
  if (result.errors.length === 0) {
    record.summary = result.summary;
    record.inputs = result.inputs;
    const builtAt = (options.sourceDate ?? new Date()).toISOString();
    for (const profile of built.profiles) {
      const deck = result.decks.find((candidate) => candidate.audience === profile.name);
      if (!deck) continue;
      const key = keyFor(result.bytes!, result.inputs, built.templateKeys().get(profile.name)!, options);
      const earlier = record.decks[profile.name];
      // Outputs of other formats made from the same inputs stay valid.
      const outputs = earlier && Object.values(earlier.outputs).includes(key) ? { ...earlier.outputs } : {};
      for (const format of ['md', ...options.formats]) outputs[format] = key;
      record.decks[profile.name] = {
        label: profile.label,
        outputs,
        slides: deck.sections.length,
        thumbnail: deck.thumbnail ?? earlier?.thumbnail,
        builtAt,
      };
    }
  }
  writeIfChanged(recordPath(options.outDir, slug), `${JSON.stringify(record, null, 1)}\n`, built.temporaries);
}

function writeIfChanged(path: string, text: string, temporaries: Temporaries): boolean {
  if (readBytes(path)?.toString() === text) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeAtomically(path, Buffer.from(text), temporaries);
  return true;
}

/**
 * Writes `<out>/index.html` for every brief the output folder remembers whose file still exists;
 * unchanged, it is not written again.
 */
export function writeBook(
  options: { outDir: string; sourceDate?: Date; onDemand?: boolean },
  temporaries: Temporaries,
): string {
  const records = readAllRecords(options.outDir).filter((record) => existsSync(record.file));
  const newest = records
    .flatMap((record) => Object.values(record.decks).map((deck) => deck.builtAt))
    .sort()
    .at(-1);
  const html = renderBook(records, {
    builtAt: options.sourceDate?.toISOString() ?? newest ?? new Date(0).toISOString(),
    available: (slug, name) => options.onDemand === true || outputExists(join(options.outDir, slug, name)),
  });
  const path = join(options.outDir, 'index.html');
  writeIfChanged(path, html, temporaries);
  return path;
}
