import { mergeShards } from '../book/merge.ts';
import { BriefError } from '../errors.ts';
import type { Temporaries } from '../temporaries.ts';
import type { Terminal } from './report.ts';

/** `briefdeck book SHARD_DIR... --out DIR`: merges shard builds into one output folder and book. */
export function runBook(
  shards: string[],
  options: { out?: string; sourceDate?: Date; temporaries: Temporaries },
  terminal: Terminal,
): number {
  if (shards.length === 0 || options.out === undefined) {
    throw new BriefError(
      'usage',
      shards.length === 0 ? 'name the shard folders to merge' : 'name the folder to merge into with --out',
      { file: 'briefdeck book' },
      'briefdeck book shard-1 shard-2 shard-3 --out dist',
    );
  }
  const merged = mergeShards(shards, {
    outDir: options.out,
    sourceDate: options.sourceDate,
    temporaries: options.temporaries,
  });
  terminal.line(
    `${terminal.ok('✓')} merged ${shards.length} shard${shards.length === 1 ? '' : 's'}: ${merged.briefs} brief${merged.briefs === 1 ? '' : 's'}, ${merged.files} files and the briefing book in ${options.out}/`,
  );
  return 0;
}
