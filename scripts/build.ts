import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { BriefError, isBriefError, listBriefErrors } from './errors.ts';
import { exportDecks, type ExportCollaborators, type OutputFormat, type RenderedDeck } from './export.ts';
import { loadBrief } from './load.ts';
import { planDeck } from './plan.ts';
import type { AudienceProfile } from './profile.ts';
import { renderDeck } from './render.ts';
import { inlineThemeCss, listAudiences, loadProfile, loadTemplateSet, readThemeName, type TemplateSet } from './templates.ts';
import { ownerTag, sweepStale, type Temporaries } from './temporaries.ts';
import { validateBrief } from './validate.ts';
import { writeOutputs } from './write.ts';

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
  /** Fixed creation time for every document (`SOURCE_DATE_EPOCH`); each brief's date when unset. */
  sourceDate?: Date;
}

export interface BuildCollaborators {
  runMarp: ExportCollaborators['runMarp'];
  browserPath: () => Promise<string>;
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
}

/** Every `*.md` under the content folder, in name order. */
export function findBriefs(contentDir: string): string[] {
  try {
    return readdirSync(contentDir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => join(contentDir, name));
  } catch {
    throw new BriefError('usage', `no content folder "${contentDir}"`, { file: contentDir }, 'pass brief files, or create content/ with a brief in it');
  }
}

/** The profiles to build, refusing any name the templates folder does not define. */
export function resolveAudiences(templatesDir: string, requested: readonly string[] | undefined): AudienceProfile[] {
  const known = listAudiences(templatesDir);
  if (known.length === 0) {
    throw new BriefError('profile', 'no audience profiles found', { file: templatesDir }, 'each audience is a folder under templates/ holding a profile.yaml');
  }
  const names = requested && requested.length > 0 ? requested : known;
  for (const name of names) {
    if (!known.includes(name)) throw new BriefError('unknown-audience', `unknown audience "${name}"`, { file: '--audience' }, `expected one of: ${known.join(', ')}`);
  }
  return names.map((name) => loadProfile(templatesDir, name));
}

/** Themes of the templates folder, so a profile's theme may import another by name. */
function sharedThemes(templatesDir: string, sets: TemplateSet[]): { name: string; css: string }[] {
  const themes = new Map(sets.map((set) => [set.theme.name, set.theme.css]));
  const folder = join(templatesDir, 'themes');
  const files = existsSync(folder) ? readdirSync(folder) : [];
  // The profiles' own themes are inlined already; inlining fonts again costs a quarter-megabyte each.
  const loaded = new Set(sets.map((set) => resolve(set.theme.file)));
  for (const name of files.filter((entry) => entry.endsWith('.css'))) {
    const file = join(folder, name);
    if (loaded.has(resolve(file))) continue;
    const css = inlineThemeCss(readFileSync(file, 'utf8'), file);
    const themeName = readThemeName(css);
    if (themeName && !themes.has(themeName)) themes.set(themeName, css);
  }
  return [...themes].map(([name, css]) => ({ name, css }));
}

function slugOf(file: string): string {
  return basename(file).replace(/\.md$/i, '');
}

/** Renders one brief for every audience, or reports every problem found in it. */
async function renderBrief(file: string, profiles: AudienceProfile[], sets: Map<string, TemplateSet>, options: BuildOptions & { allAudiences: string[] }): Promise<{ report: BriefReport; decks: RenderedDeck[] }> {
  const slug = slugOf(file);
  const report: BriefReport = { file, slug, errors: [], outputs: [] };
  try {
    const loaded = loadBrief({ file, bytes: await readFile(file) });
    const brief = validateBrief(loaded, { audiences: options.allAudiences });
    const timestamp = options.sourceDate ?? new Date(`${brief.date}T00:00:00Z`);
    const decks = profiles.map((profile) => {
      const set = sets.get(profile.name)!;
      const deck = planDeck(brief, profile, { slug, body: loaded.body, file });
      const markdown = renderDeck(deck, { slides: set.slides, partials: set.partials, themeName: set.theme.name });
      return { slug, audience: profile.name, markdown, document: { title: deck.title, subject: deck.description, author: deck.author, lang: deck.lang, timestamp } };
    });
    return { report, decks };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      report.errors.push(new BriefError('read', 'no such file', { file }, 'check the path; briefs usually live in content/'));
      return { report, decks: [] };
    }
    if (!isBriefError(error)) throw error;
    report.errors.push(...listBriefErrors(error));
    return { report, decks: [] };
  }
}

/**
 * load → validate → plan → render every brief for every audience, then export all decks in one
 * batch per format and move the files into place. A broken brief writes nothing; the others build.
 */
export async function buildBriefs(options: BuildOptions, collaborators: BuildCollaborators): Promise<BriefReport[]> {
  const files = options.files.length > 0 ? [...options.files] : findBriefs(options.contentDir);
  const profiles = resolveAudiences(options.templatesDir, options.audiences);
  const allAudiences = listAudiences(options.templatesDir);
  const sets = new Map(profiles.map((profile) => [profile.name, loadTemplateSet(options.templatesDir, profile)]));

  const rendered = [];
  const slugs = new Map<string, string>();
  for (const file of files) {
    const earlier = slugs.get(slugOf(file));
    if (earlier !== undefined) {
      // Both would write <out>/<slug>/; the second would silently replace the first.
      const error = new BriefError('usage', `has the same name as ${earlier}, so both would write to ${join(options.outDir, slugOf(file))}`, { file }, 'rename one of the two files');
      rendered.push({ report: { file, slug: slugOf(file), errors: [error], outputs: [] }, decks: [] });
      continue;
    }
    slugs.set(slugOf(file), file);
    rendered.push(await renderBrief(file, profiles, sets, { ...options, allAudiences }));
  }
  const reports = rendered.map((entry) => entry.report);
  const decks = rendered.flatMap((entry) => entry.decks);
  if (options.formats.length === 0 || decks.length === 0) return reports;

  collaborators.progress(`exporting ${decks.length} deck${decks.length === 1 ? '' : 's'} as ${['md', ...options.formats].join(', ')}`);
  mkdirSync(options.outDir, { recursive: true });
  // Marp works in the system's temporary folder; only finished files come near the output folder.
  sweepStale(tmpdir());
  // Recorded before it exists, so a signal arriving while it is made still removes it.
  const workDir = collaborators.temporaries.add(join(tmpdir(), `${ownerTag(process.pid)}${randomBytes(6).toString('hex')}`));
  mkdirSync(workDir, { mode: 0o700 });
  try {
    const exported = await exportDecks(decks, { formats: options.formats, workDir, themes: sharedThemes(options.templatesDir, [...sets.values()]), browserPath: collaborators.browserPath }, { runMarp: collaborators.runMarp });
    const written = await writeOutputs(exported, options.outDir, collaborators.temporaries);
    for (const report of reports) {
      const prefix = join(options.outDir, report.slug) + '/';
      report.outputs = written.filter((path) => path.startsWith(prefix));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
    collaborators.temporaries.delete(workDir);
  }
  return reports;
}
