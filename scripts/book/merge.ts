import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BriefError, BriefErrors } from '../errors.ts';
import { outputNames, type OutputFormat } from '../export/formats.ts';
import { writeAtomically } from '../export/write.ts';
import { type BriefRecord, readAllRecords, recordPath } from '../records/store.ts';
import { writeBook } from './write-book.ts';
import type { Temporaries } from '../temporaries.ts';

// `briefdeck book SHARD_DIR... --out DIR`: the output folders of builds spread over CI runners
// (`build --shard K/N`) merged into one, with one briefing book, as a single build would write it.

export interface MergeOptions {
  outDir: string;
  sourceDate?: Date;
  temporaries: Temporaries;
}

interface Found {
  shard: string;
  record: BriefRecord;
}

/** The decks two shards both built, from different inputs or to a different result. */
function conflicts(first: Found, second: Found): BriefError[] {
  const problems: BriefError[] = [];
  const where = { file: recordPath(second.shard, second.record.slug) };
  if (first.record.errors.join('\n') !== second.record.errors.join('\n') || first.record.file !== second.record.file)
    problems.push(
      new BriefError(
        'usage',
        `${first.shard} and ${second.shard} both built ${second.record.file}, with different results`,
        where,
        'give each CI job the same inputs and a different --shard K/N, so each brief is built once',
      ),
    );
  for (const [audience, deck] of Object.entries(second.record.decks)) {
    const other = first.record.decks[audience];
    if (!other) continue;
    const differing = Object.keys(deck.outputs).filter(
      (format) => format in other.outputs && other.outputs[format] !== deck.outputs[format],
    );
    if (differing.length > 0)
      problems.push(
        new BriefError(
          'usage',
          `${first.shard} and ${second.shard} built the ${audience} deck of ${second.record.slug} differently (${differing.join(', ')})`,
          where,
          'give each CI job the same inputs and a different --shard K/N, so each brief is built once',
        ),
      );
  }
  return problems;
}

/**
 * Merges shard output folders into `outDir`: every deck's files and its record, then the book.
 * Everything is checked before anything is written: a conflict writes nothing.
 */
export function mergeShards(shards: readonly string[], options: MergeOptions): { briefs: number; files: number } {
  const found = new Map<string, Found[]>();
  const problems: BriefError[] = [];
  for (const shard of shards) {
    const records = readAllRecords(shard);
    if (records.length === 0) {
      problems.push(
        new BriefError(
          'usage',
          `${shard} holds no build`,
          { file: shard },
          'name the output folders of `briefdeck build --shard K/N`, each with its .briefdeck/ records',
        ),
      );
      continue;
    }
    for (const record of records) {
      const earlier = found.get(record.slug) ?? [];
      for (const other of earlier) problems.push(...conflicts(other, { shard, record }));
      found.set(record.slug, [...earlier, { shard, record }]);
    }
  }
  if (problems.length > 0) throw new BriefErrors(problems);

  const copies: { from: string; to: string }[] = [];
  const records: BriefRecord[] = [];
  for (const [slug, sources] of found) {
    const merged: BriefRecord = { ...sources[0]!.record, decks: {} };
    for (const { shard, record } of sources)
      for (const [audience, deck] of Object.entries(record.decks)) {
        merged.decks[audience] ??= deck;
        for (const format of Object.keys(deck.outputs))
          for (const name of outputNames(audience, format as OutputFormat | 'md')) {
            const from = join(shard, slug, name);
            if (existsSync(from)) copies.push({ from, to: join(options.outDir, slug, name) });
          }
      }
    records.push(merged);
  }
  const unique = [...new Map(copies.map((copy) => [copy.to, copy])).values()];
  const place = (to: string, bytes: Buffer) => {
    mkdirSync(dirname(to), { recursive: true });
    writeAtomically(to, bytes, options.temporaries);
  };
  for (const copy of unique) place(copy.to, readFileSync(copy.from));
  for (const record of records)
    place(recordPath(options.outDir, record.slug), Buffer.from(`${JSON.stringify(record, null, 1)}\n`));
  writeBook({ outDir: options.outDir, sourceDate: options.sourceDate }, options.temporaries);
  return { briefs: records.length, files: unique.length };
}
