import type { AudienceProfile } from '../deck/profile.ts';
import type { ComposedBrief } from '../decks.ts';
import { formatBriefError } from '../errors.ts';
import type { Temporaries } from '../temporaries.ts';
import type { FreshnessOptions } from './freshness.ts';
import { keyFor } from './keys.ts';
import { type BriefRecord, readRecord, recordPath, writeIfChanged } from './store.ts';

// What a build remembers of each brief it made, for the next build and the book.

/** Remembers what a build made of a brief (or what went wrong), for the next build and the book. */
export function recordBuild(
  options: FreshnessOptions,
  built: {
    file: string;
    slug: string;
    result: ComposedBrief;
    profiles: readonly AudienceProfile[];
    templateKeys: () => ReadonlyMap<string, string>;
    /** New pictures of title slides, by `slug/audience`. */
    thumbnails: ReadonlyMap<string, string>;
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
        thumbnail: built.thumbnails.get(`${slug}/${profile.name}`) ?? earlier?.thumbnail,
        builtAt,
      };
    }
  }
  writeIfChanged(recordPath(options.outDir, slug), `${JSON.stringify(record, null, 1)}\n`, built.temporaries);
}
