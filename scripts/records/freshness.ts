import { join } from 'node:path';
import type { AudienceProfile } from '../deck/profile.ts';
import { type OutputFormat, outputNames } from '../export/formats.ts';
import { slugOf } from '../inputs.ts';
import { keyFor } from './keys.ts';
import { outputExists, readBytes, readRecord } from './store.ts';

// Which decks a build must redo.

export interface FreshnessOptions {
  formats: readonly string[];
  outDir: string;
  templatesDir: string;
  sourceDate?: Date;
  force?: boolean;
}

/**
 * For each brief, the audiences whose decks must be made: all of them for `--force`; for `check`,
 * all of them unless the brief is unchanged since a check found it valid (`checkedUnchanged`);
 * else those whose inputs changed since their outputs were made, or whose outputs are missing.
 * A brief whose last build failed is always redone, so its problems are reported again.
 */
export function planFreshness(
  files: readonly string[],
  profiles: readonly AudienceProfile[],
  templateKeys: () => ReadonlyMap<string, string>,
  options: FreshnessOptions,
  checkedUnchanged?: (file: string) => boolean,
): { file: string; stale: AudienceProfile[] }[] {
  if (options.force) return files.map((file) => ({ file, stale: [...profiles] }));
  if (options.formats.length === 0)
    return files.map((file) => ({ file, stale: checkedUnchanged?.(file) ? [] : [...profiles] }));
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
          outputNames(profile.name, format as OutputFormat).some(
            (name) => !outputExists(join(options.outDir, slug, name)),
          ),
      );
    });
    return { file, stale };
  });
}
