import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AudienceProfile } from './deck/profile.ts';
import { listAudiences, loadProfile } from './deck/templates.ts';
import { BriefError } from './errors.ts';

// What a build starts from: the brief files and the audience profiles.

/** Every `*.md` under the content folder, in name order. */
export function findBriefs(contentDir: string): string[] {
  try {
    return readdirSync(contentDir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(contentDir, name));
  } catch {
    throw new BriefError(
      'usage',
      `no content folder "${contentDir}"`,
      { file: contentDir },
      'pass brief files, or create content/ with a brief in it',
    );
  }
}

/** One share of an office's briefs, for builds spread over CI runners: `index` counts from 1. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Whether a brief belongs to a shard: its slug hashed into `count` buckets, so a brief stays in
 * its shard whatever briefs are added or removed around it.
 */
export function inShard(file: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(slugOf(file)).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}

/** The profiles to build, refusing any name the templates folder does not define. */
export function resolveAudiences(templatesDir: string, requested: readonly string[] | undefined): AudienceProfile[] {
  const known = listAudiences(templatesDir);
  if (known.length === 0) {
    throw new BriefError(
      'profile',
      'no audience profiles found',
      { file: templatesDir },
      'each audience is a folder under templates/ holding a profile.yaml',
    );
  }
  const names = requested && requested.length > 0 ? requested : known;
  for (const name of names) {
    if (!known.includes(name))
      throw new BriefError(
        'unknown-audience',
        `unknown audience "${name}"`,
        { file: '--audience' },
        `expected one of: ${known.join(', ')}`,
      );
  }
  return names.map((name) => loadProfile(templatesDir, name));
}

export function slugOf(file: string): string {
  return basename(file).replace(/\.md$/i, '');
}
