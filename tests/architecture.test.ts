import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/briefs.ts';

// The pipeline is the architecture: load/validate (brief) → plan/render (deck) → fit (browser) →
// export/write (export). A stage may use earlier stages and the shared modules at the top of
// scripts/, never a later stage; only the command line may use cli/.
const SCRIPTS = join(ROOT, 'scripts');
const STAGES = ['brief', 'deck', 'browser', 'export'];

function modules(folder = SCRIPTS): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? modules(join(folder, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

/** The modules of scripts/ that a module imports, by their path under scripts/. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((match) =>
    relative(SCRIPTS, resolve(dirname(file), match[1]!)),
  );
}

const roomOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : '');

describe('the pipeline as the architecture', () => {
  const files = modules();

  it('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(importsOf(join(SCRIPTS, 'build.ts'))).toContain('decks.ts');
  });

  it.each(STAGES)('lets no module of %s/ import a later stage', (stage) => {
    const later = STAGES.slice(STAGES.indexOf(stage) + 1);
    const wrong = files
      .filter((file) => roomOf(relative(SCRIPTS, file)) === stage)
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => later.includes(roomOf(target)))
          .map((target) => `${relative(SCRIPTS, file)} imports ${target}`),
      );
    expect(wrong).toEqual([]);
  });

  it('lets only the command line import cli/', () => {
    const wrong = files
      .map((file) => relative(SCRIPTS, file))
      .filter((path) => roomOf(path) !== 'cli' && path !== 'cli.ts')
      .flatMap((path) =>
        importsOf(join(SCRIPTS, path))
          .filter((target) => roomOf(target) === 'cli' || target === 'cli.ts')
          .map((target) => `${path} imports ${target}`),
      );
    expect(wrong).toEqual([]);
  });
});
