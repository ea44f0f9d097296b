import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AudienceProfile } from '../deck/profile.ts';
import { BRIEFDECK_ROOT } from '../root.ts';

// The keys of a deck's inputs: briefdeck itself, the audience's templates, the brief and the
// files it read. Equal keys, equal outputs.

const sha = () => createHash('sha256');

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
  // The README's picture is drawn by the tool, not part of it: redrawing it changes no output,
  // and every build and check would read its 300 KB.
  hashFolder(hash, join(ROOT, 'scripts'), (name) => name === 'readme');
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

/** The key of one deck's inputs as they are now. */
export function keyFor(
  brief: Uint8Array,
  inputs: readonly string[],
  templates: string,
  options: { sourceDate?: Date },
): string {
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
