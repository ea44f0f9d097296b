import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AudienceProfile } from '../deck/profile.ts';
import { writeAtomically } from '../export/write.ts';
import type { Temporaries } from '../temporaries.ts';
import { deckKey, toolFingerprint } from './keys.ts';
import { readBytes } from './store.ts';

// What `check` remembers, in `<out>/.briefdeck/check/briefs.json`: the key of each brief it last
// found valid. A brief whose key is unchanged (the same bytes, images, audiences' templates and
// briefdeck) is valid again without being read; a failing brief is never remembered, so its
// problems are reported every time.

interface CheckedFile {
  version: 1;
  briefs: Record<string, { key: string; inputs: string[] }>;
}

/** Which checks count: a plain check does not vouch for a check that also measures (`--render`). */
export interface CheckMode {
  render: boolean;
}

const checkedPath = (outDir: string) => join(outDir, '.briefdeck', 'check', 'briefs.json');

/** The briefs a check remembers as valid, with a way to tell whether each still is and to add more. */
export function openChecked(
  outDir: string,
  profiles: readonly AudienceProfile[],
  templateKeys: () => ReadonlyMap<string, string>,
  mode: CheckMode,
) {
  let remembered: CheckedFile['briefs'] = {};
  try {
    const read = JSON.parse(readFileSync(checkedPath(outDir), 'utf8')) as CheckedFile;
    if (read.version === 1) remembered = read.briefs;
  } catch {
    // none yet, or unreadable: every brief is checked
  }
  const keyOf = (brief: Uint8Array, inputs: readonly string[]) =>
    deckKey({
      tool: toolFingerprint(),
      templates: [
        mode.render ? 'check --render' : 'check',
        ...profiles.map((profile) => `${profile.name}=${templateKeys().get(profile.name)}`),
      ].join('\0'),
      brief,
      inputs,
    });
  const found: CheckedFile['briefs'] = {};
  return {
    /** Whether the brief is as it was when last found valid. */
    isUnchanged(file: string): boolean {
      const entry = remembered[file];
      const brief = entry && readBytes(file);
      const unchanged = brief !== undefined && keyOf(brief, entry!.inputs) === entry!.key;
      if (unchanged) found[file] = entry!;
      return unchanged;
    },
    /** Remembers a brief just found valid, from the bytes it was checked from. */
    add(file: string, brief: Uint8Array, inputs: readonly string[]): void {
      found[file] = { key: keyOf(brief, inputs), inputs: [...inputs] };
    },
    /**
     * Writes what this check found, replacing what was remembered of the briefs it was given and
     * keeping the rest. A folder that cannot be written only costs the next check its head start.
     */
    save(checkedFiles: readonly string[], temporaries: Temporaries): void {
      const briefs = { ...remembered };
      for (const file of checkedFiles) delete briefs[file];
      Object.assign(briefs, found);
      const path = checkedPath(outDir);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeAtomically(path, Buffer.from(JSON.stringify({ version: 1, briefs } satisfies CheckedFile)), temporaries);
      } catch {
        // read-only checkout: nothing to remember
      }
    },
  };
}
