import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { outputExists, readAllRecords, writeIfChanged } from '../records/store.ts';
import type { Temporaries } from '../temporaries.ts';
import { renderBook } from './book.ts';

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
