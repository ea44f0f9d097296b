import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { BriefError } from './errors.ts';
import { exportDecks, type ExportCollaborators, type OutputFormat, type RenderedDeck } from './export/export.ts';
import type { BrowserSession } from './browser/session.ts';
import { composeDecks } from './decks.ts';
import { createDeckRenderer, type DeckHtml } from './deck/marp-html.ts';
import type { AudienceProfile } from './deck/profile.ts';
import { collectThemes, listAudiences, loadProfile, loadTemplateSet } from './deck/templates.ts';
import { ownerTag, sweepStale, type Temporaries } from './temporaries.ts';
import { writeOutputs } from './export/write.ts';

/** What to build. */
export interface BuildOptions {
  /** Brief files; every `content/*.md` when empty. */
  files: readonly string[];
  /** Audience names; every profile under the templates folder when empty. */
  audiences?: readonly string[];
  /** Formats to export; none only validates and renders. */
  formats: readonly OutputFormat[];
  outDir: string;
  templatesDir: string;
  contentDir: string;
  /** Measure every slide in the browser even when no format needs one (`check --render`). */
  measure?: boolean;
  /** Fixed creation time for every document (`SOURCE_DATE_EPOCH`); each brief's date when unset. */
  sourceDate?: Date;
}

export interface BuildCollaborators {
  runMarp: ExportCollaborators['runMarp'];
  /** Starts the build's one browser, which measures, prints and reads slide layouts; called once, only when needed. */
  openBrowser: () => Promise<BrowserSession>;
  progress: (message: string) => void;
  /** Records the build's temporary files, so an interrupted build can remove them. */
  temporaries: Temporaries;
}

/** How one brief fared. */
export interface BriefReport {
  file: string;
  slug: string;
  errors: BriefError[];
  outputs: string[];
  /** What fitting changed to keep every slide within its edges. */
  changes: string[];
}

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

function slugOf(file: string): string {
  return basename(file).replace(/\.md$/i, '');
}

/**
 * load → validate → plan → render (→ fit, with a browser) every brief for every audience, then
 * export all decks in one batch per format and move the files into place. A broken brief writes
 * nothing; the others build.
 */
export async function buildBriefs(options: BuildOptions, collaborators: BuildCollaborators): Promise<BriefReport[]> {
  const files = options.files.length > 0 ? [...options.files] : findBriefs(options.contentDir);
  const profiles = resolveAudiences(options.templatesDir, options.audiences);
  const allAudiences = listAudiences(options.templatesDir);
  const sets = new Map(profiles.map((profile) => [profile.name, loadTemplateSet(options.templatesDir, profile)]));
  const themes = collectThemes(options.templatesDir, [...sets.values()]);
  const renderHtml = createDeckRenderer(themes);
  // Every build measures its slides, so a brief gives the same decks whichever formats are asked
  // for; `check` does only with --render, so it stays quick and needs no browser.
  const usesBrowser = options.measure === true || options.formats.length > 0;
  // Work folders and browser profiles of builds killed outright are swept before this one adds its own.
  if (usesBrowser) sweepStale(tmpdir());
  // Started on first use, so a build whose briefs all fail validation never starts a browser.
  let started: Promise<BrowserSession> | undefined;
  const session = usesBrowser ? () => (started ??= collaborators.openBrowser()) : undefined;
  try {
    const reports: BriefReport[] = [];
    const decks: RenderedDeck[] = [];
    const slugs = new Map<string, string>();
    for (const file of files) {
      const slug = slugOf(file);
      const earlier = slugs.get(slug);
      slugs.set(slug, earlier ?? file);
      // Both would write <out>/<slug>/; the second would silently replace the first.
      const result =
        earlier !== undefined
          ? {
              decks: [],
              changes: [],
              errors: [
                new BriefError(
                  'usage',
                  `has the same name as ${earlier}, so both would write to ${join(options.outDir, slug)}`,
                  { file },
                  'rename one of the two files',
                ),
              ],
            }
          : await composeDecks(file, slug, {
              profiles,
              sets,
              allAudiences,
              renderHtml,
              session,
              sourceDate: options.sourceDate,
            });
      reports.push({ file, slug, errors: result.errors, outputs: [], changes: result.changes });
      decks.push(...result.decks);
    }
    if (options.formats.length === 0 || decks.length === 0) return reports;

    collaborators.progress(
      `exporting ${decks.length} deck${decks.length === 1 ? '' : 's'} as ${['md', ...options.formats].join(', ')}`,
    );
    const written = await exportAndWrite(decks, options, collaborators, { themes, renderHtml, session: session! });
    for (const report of reports) {
      const prefix = `${join(options.outDir, report.slug)}/`;
      report.outputs = written.filter((path) => path.startsWith(prefix));
    }
    return reports;
  } finally {
    await started?.then(
      (browser) => browser.close(),
      () => undefined,
    );
  }
}

async function exportAndWrite(
  decks: RenderedDeck[],
  options: BuildOptions,
  collaborators: BuildCollaborators,
  shared: {
    themes: { name: string; css: string }[];
    renderHtml: (markdown: string, lang: string) => DeckHtml;
    session: () => Promise<BrowserSession>;
  },
): Promise<string[]> {
  mkdirSync(options.outDir, { recursive: true });
  // Marp works in the system's temporary folder; only finished files come near the output folder.
  // Recorded before it exists, so a signal arriving while it is made still removes it.
  const workDir = collaborators.temporaries.add(
    join(tmpdir(), `${ownerTag(process.pid)}${randomBytes(6).toString('hex')}`),
  );
  mkdirSync(workDir, { mode: 0o700 });
  try {
    const exported = await exportDecks(
      decks,
      { formats: options.formats, workDir, themes: shared.themes },
      { runMarp: collaborators.runMarp, renderHtml: shared.renderHtml, session: shared.session },
    );
    return await writeOutputs(exported, options.outDir, collaborators.temporaries);
  } finally {
    await rm(workDir, { recursive: true, force: true });
    collaborators.temporaries.delete(workDir);
  }
}
