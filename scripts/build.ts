import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMeasureCache, type MeasureCache } from './browser/measure.ts';
import type { BrowserSession } from './browser/session.ts';
import { createDeckRenderer, type DeckHtml } from './deck/marp-html.ts';
import type { AudienceProfile } from './deck/profile.ts';
import {
  collectThemes,
  createTemplateReader,
  listAudiences,
  loadTemplateSet,
  type TemplateSet,
} from './deck/templates.ts';
import { composeDecks, type ComposedBrief } from './decks.ts';
import { BriefError } from './errors.ts';
import type { ExportCollaborators, RenderedDeck } from './export/export.ts';
import type { OutputFormat } from './export/formats.ts';
import { openChecked } from './records/checked.ts';
import { planFreshness } from './records/freshness.ts';
import { templateKeysOnce } from './records/keys.ts';
import { readAudienceTemplates } from './export/pptx/choice.ts';
import type { TemplateChoice } from './export/pptx/on-template.ts';
import { FONT_STAND_INS } from './export/pptx/template.ts';
import type { TemplateLook } from './deck/template-theme.ts';
import { findBriefs, inShard, resolveAudiences, type Shard, slugOf } from './inputs.ts';
import { sweepStale, type Temporaries } from './temporaries.ts';

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
  /** Rebuild every deck, even those whose inputs have not changed. */
  force?: boolean;
  /** Build only this share of the briefs (`--shard K/N`). */
  shard?: Shard;
  /** The briefing book links every output, to be made when asked for (the dev server). */
  onDemand?: boolean;
  /** Which decks get a new title-slide picture for the book: all that were built (default), or those without one. */
  thumbnails?: 'all' | 'missing';
  /** Told of the decks as soon as they are fitted, before they are exported (the dev server patches open pages). */
  onComposed?: (decks: readonly RenderedDeck[]) => void;
}

export interface BuildCollaborators {
  runMarp: ExportCollaborators['runMarp'];
  /** Starts the build's one browser, which measures, prints and reads slide layouts; called once, only when needed. */
  openBrowser: () => Promise<BrowserSession>;
  /** A line of progress; `transient` lines may be overwritten by the next one on a terminal. */
  progress: (message: string, transient?: boolean) => void;
  /** Records the build's temporary files, so an interrupted build can remove them. */
  temporaries: Temporaries;
  /**
   * Told as the build reaches each stage, and awaited: the tests stop a build at a chosen stage,
   * so that a kill lands in the same place on any machine, however loaded.
   */
  stage?: (name: BuildStage) => Promise<void> | void;
}

/** The moments a build passes, in order; `printing` and `renaming` come once the first file is done. */
export const BUILD_STAGES = [
  'composing',
  'browser-started',
  'fitted',
  'exporting',
  'printing',
  'exported',
  'renaming',
  'recorded',
] as const;
export type BuildStage = (typeof BUILD_STAGES)[number];

/** How one brief fared, or an audience whose templates could not be used (`audience`). */
export interface BriefReport {
  file: string;
  slug: string;
  /** Set when the report is of an audience's own files, which stopped all its decks. */
  audience?: string;
  errors: BriefError[];
  outputs: string[];
  /** What fitting changed to keep every slide within its edges. */
  changes: string[];
  /** Nothing it depends on changed since its outputs were made, so none was remade. */
  upToDate?: boolean;
}

/** A build that can run again and again with its browser and renderer kept warm (the dev server's). */
export interface Builder {
  build(options: BuildOptions): Promise<BriefReport[]>;
  /** Templates, profiles, themes or labels changed: read them again on the next build. */
  forgetTemplates(): void;
  close(): Promise<void>;
}

/** What a build needs of the templates folder, read once and kept until it changes. */
interface TemplateState {
  sets: Map<string, TemplateSet>;
  themes: { name: string; css: string }[];
  renderHtml: (markdown: string, lang: string) => DeckHtml;
}

/** What the export needs of a build: the templates' themes and renderer, and the browser. */
export type ExportState = TemplateState & { session: () => Promise<BrowserSession> };

/** What a builder keeps between builds: its browser session and what it read of the templates. */
interface WarmState {
  session: () => Promise<BrowserSession>;
  measures: MeasureCache;
  templateState: (
    templatesDir: string,
    profiles: AudienceProfile[],
    pptxTemplates: ReadonlyMap<string, TemplateChoice>,
  ) => TemplateState;
}

/** Each audience's templates, on the look of its PowerPoint template where its theme is `template`. */
export function loadTemplateSets(
  templatesDir: string,
  profiles: readonly AudienceProfile[],
  pptxTemplates: ReadonlyMap<string, TemplateChoice>,
): Map<string, TemplateSet> {
  const read = createTemplateReader(templatesDir);
  return new Map(
    profiles.map((profile) => {
      const choice = pptxTemplates.get(profile.name);
      const look = choice?.look && { look: choice.look, file: choice.template.file, standIns: FONT_STAND_INS };
      return [profile.name, loadTemplateSet(templatesDir, profile, look, read)];
    }),
  );
}

export function createBuilder(collaborators: BuildCollaborators): Builder {
  // Kept by templates folder and audiences: the dev server builds the decks in view first, then
  // every deck, and each build finds its templates and its renderer (its packed styles) warm.
  const templates = new Map<string, TemplateState>();
  // Started on first use, so a build whose briefs are all up to date or broken never starts a browser.
  let started: Promise<BrowserSession> | undefined;
  const session = () => {
    started ??= collaborators.openBrowser().then(async (browser) => {
      await collaborators.stage?.('browser-started');
      return browser;
    });
    return started;
  };
  // What the browser measured, kept with it: an edit lays out only the slides it changed.
  let measures = createMeasureCache();
  const templateState: WarmState['templateState'] = (templatesDir, profiles, pptxTemplates) => {
    const key = `${templatesDir}\0${profiles.map((profile) => profile.name).join(',')}`;
    let state = templates.get(key);
    if (!state) {
      const sets = loadTemplateSets(templatesDir, profiles, pptxTemplates);
      const themes = collectThemes(templatesDir, [...sets.values()]);
      state = { sets, themes, renderHtml: createDeckRenderer(themes) };
      templates.set(key, state);
    }
    return state;
  };
  return {
    build: (options) => runBuild(options, collaborators, { session, templateState, measures }),
    forgetTemplates: () => templates.clear(),
    close: async () => {
      await started?.then(
        (browser) => browser.close(),
        () => undefined,
      );
      started = undefined;
      // Measures belong to the browser that took them.
      measures = createMeasureCache();
    },
  };
}

/**
 * load → validate → plan → render (→ fit, with a browser) every brief for every audience, then
 * export all decks in one batch and move the files into place. A broken brief writes nothing; the
 * others build. Decks whose inputs have not changed since their outputs were made are left alone.
 */
export async function buildBriefs(options: BuildOptions, collaborators?: BuildCollaborators): Promise<BriefReport[]> {
  const builder = createBuilder(collaborators ?? (await import('./defaults.ts')).defaultCollaborators());
  try {
    return await builder.build(options);
  } finally {
    await builder.close();
  }
}

async function runBuild(
  options: BuildOptions,
  collaborators: BuildCollaborators,
  warm: WarmState,
): Promise<BriefReport[]> {
  const listed = options.files.length > 0 ? [...options.files] : findBriefs(options.contentDir);
  const files = options.shard ? listed.filter((file) => inShard(file, options.shard!)) : listed;
  const asked = resolveAudiences(options.templatesDir, options.audiences);
  // An audience whose PowerPoint template cannot be used gets nothing; the others build.
  const pptxTemplates = readAudienceTemplates(asked);
  const profiles = asked.filter((profile) => !pptxTemplates.refused.some((refused) => refused.profile === profile));
  const allAudiences = listAudiences(options.templatesDir);
  const writes = options.formats.length > 0;
  // Every build measures its slides, so a brief gives the same decks whichever formats are asked
  // for; `check` does only with --render, so it stays quick and needs no browser.
  const usesBrowser = options.measure === true || writes;
  // Work folders and browser profiles of builds killed outright are swept before this one adds its own.
  if (usesBrowser) sweepStale(tmpdir());
  const templateKeys = templateKeysOnce(options.templatesDir, profiles, allAudiences);
  // A check remembers the briefs it found valid, so the next one reads only what changed.
  const checked = writes ? undefined : openChecked(options.outDir, profiles, templateKeys, { render: usesBrowser });
  const plan = planFreshness(files, profiles, templateKeys, options, checked && ((file) => checked.isUnchanged(file)));
  // Read once, when a brief first needs it: a build whose briefs are all up to date reads no template.
  let said = false;
  const templates = () => {
    // Once per build that reads the templates and makes an HTML or PDF deck.
    if (!said && options.formats.some((format) => format !== 'pptx'))
      for (const profile of profiles) {
        const look = pptxTemplates.choices.get(profile.name)?.look;
        if (look) sayWhatTheLookApproximates(profile, look, collaborators.progress);
      }
    said = true;
    return warm.templateState(options.templatesDir, profiles, pptxTemplates.choices);
  };
  const total = plan.reduce((sum, brief) => sum + brief.stale.length, 0);
  const composed: { slug: string; result: ComposedBrief; profiles: AudienceProfile[] }[] = [];
  const slugs = new Map<string, string>();
  const reports: BriefReport[] = pptxTemplates.refused.map(({ profile, errors }) => ({
    file: profile.file,
    slug: '',
    audience: profile.name,
    errors,
    outputs: [],
    changes: [],
  }));
  // Every audience asked for was refused: there is nothing to build.
  if (profiles.length === 0) return reports;
  let done = 0;
  if (total > 0) await collaborators.stage?.('composing');
  for (const { file, stale } of plan) {
    const slug = slugOf(file);
    const earlier = slugs.get(slug);
    slugs.set(slug, earlier ?? file);
    if (earlier !== undefined) {
      // Both would write <out>/<slug>/; the second would silently replace the first.
      const error = new BriefError(
        'usage',
        `has the same name as ${earlier}, so both would write to ${join(options.outDir, slug)}`,
        { file },
        'rename one of the two files',
      );
      reports.push({ file, slug, errors: [error], outputs: [], changes: [] });
      continue;
    }
    if (stale.length === 0) {
      reports.push({ file, slug, errors: [], outputs: [], changes: [], upToDate: true });
      continue;
    }
    const state = templates();
    const result = await composeDecks(file, slug, {
      profiles: stale,
      sets: state.sets,
      allAudiences,
      renderHtml: state.renderHtml,
      session: usesBrowser ? warm.session : undefined,
      measures: warm.measures,
      sourceDate: options.sourceDate,
      pptxTemplates: pptxTemplates.choices,
      checkOnly: !usesBrowser && !options.onComposed,
      onDeck: (audience) => collaborators.progress(`deck ${++done} of ${total}: ${file} (${audience})`, true),
    });
    reports.push({ file, slug, errors: result.errors, outputs: [], changes: result.changes });
    // A check keeps no deck unless someone is shown it: a thousand briefs' decks only cost memory.
    if (writes || options.onComposed) composed.push({ slug, result, profiles: stale });
    if (result.errors.length === 0 && result.bytes) checked?.add(file, result.bytes, result.inputs);
  }
  const decks = composed.flatMap((brief) => brief.result.decks);
  if (decks.length > 0) {
    await collaborators.stage?.('fitted');
    options.onComposed?.(decks);
  }
  if (!writes) {
    checked?.save(files, collaborators.temporaries);
    return reports;
  }

  // Loaded only now, so `check` never reads the export libraries (PDF, PowerPoint, fonts).
  const { writeBuild } = await import('./build-outputs.ts');
  const written = await writeBuild({ decks, composed, reports, templateKeys }, options, collaborators, {
    ...templates(),
    session: warm.session,
  });
  for (const report of reports) {
    if (report.audience) continue;
    const prefix = `${join(options.outDir, report.slug)}/`;
    report.outputs = written.filter((path) => path.startsWith(prefix));
  }
  return reports;
}

/** What of a PowerPoint template the HTML and PDF only approximate, and the fonts they use for its own. */
function sayWhatTheLookApproximates(
  profile: AudienceProfile,
  look: TemplateLook,
  progress: BuildCollaborators['progress'],
): void {
  const fonts = [look.fonts.heading, look.fonts.body]
    .filter((font, index, all): font is string => Boolean(font) && all.indexOf(font) === index)
    .map((font) =>
      FONT_STAND_INS[font]
        ? `${font} where installed, else ${FONT_STAND_INS[font]} (metric-compatible)`
        : `${font} where installed, else Source Sans 3`,
    );
  if (fonts.length > 0) progress(`${profile.file}: the HTML and PDF use ${fonts.join('; ')}`);
  for (const what of look.approximations)
    progress(`${profile.file}: the HTML and PDF approximate the template: ${what}`);
}
