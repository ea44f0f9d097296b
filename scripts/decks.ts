import { readFileSync } from 'node:fs';
import type { Labels } from './deck/labels.ts';
import type { HandoutWords } from './export/handout.ts';
import type { TemplateChoice } from './export/pptx/on-template.ts';
import { checkBodyDirectives, embedImages, readAssetFromDisk } from './brief/body.ts';
import type { BriefSummary } from './records/store.ts';
import type { BrowserSession } from './browser/session.ts';
import { BriefError, BriefErrors, isBriefError, listBriefErrors } from './errors.ts';
import type { RenderedDeck } from './export/export.ts';
import { fitDeck } from './browser/fit.ts';
import { loadBrief } from './brief/load.ts';
import { type DeckHtml, renderMarkup } from './deck/marp-html.ts';
import { type MeasureCache, measureDeck, measureSlides } from './browser/measure.ts';
import { planCanFail, planDeck, type Deck, type FitAdjustments } from './deck/plan.ts';
import type { AudienceProfile } from './deck/profile.ts';
import type { Brief } from './brief/schema.ts';
import { checkDeck, createTextEscaper, renderDeck, SHRINK_SCALES } from './deck/render.ts';
import { provenKinds } from './deck/probe.ts';
import { findExternalResources, remoteResourceErrors } from './deck/resources.ts';
import { renderTemplatesFor, type TemplateSet } from './deck/templates.ts';
import { validateBrief } from './brief/validate.ts';
import { renderMemoHtml } from './memo/html.ts';
import { planMemo } from './memo/memo.ts';

/** The handout's headings from a deck's labels. */
const handoutWordsOf = (labels: Labels): HandoutWords => ({
  slide: labels.handoutSlide,
  notes: labels.handoutNotes,
  presenterNotes: labels.handoutPresenterNotes,
});

/** One brief's decks, or its problems; what it read and what fitting changed. */
export interface ComposedBrief {
  decks: RenderedDeck[];
  errors: BriefError[];
  changes: string[];
  inputs: string[];
  /** The brief as it was read, for the key its outputs are recorded under. */
  bytes?: Uint8Array;
  summary?: BriefSummary;
}

/** What turning one brief into decks needs from the build. */
export interface DeckContext {
  profiles: readonly AudienceProfile[];
  sets: ReadonlyMap<string, TemplateSet>;
  /** Every audience the templates folder defines, for checking names in the brief. */
  allAudiences: readonly string[];
  /** Renders Marp Markdown to HTML with the build's themes, as the exports will. */
  renderHtml: (markdown: string, lang: string) => DeckHtml;
  /** The build's browser, when it uses one: then every slide is measured and made to fit. */
  session?: () => Promise<BrowserSession>;
  /** Slides measured before, by the builder: only slides that changed are laid out again. */
  measures?: MeasureCache;
  sourceDate?: Date;
  /** The audiences' PowerPoint templates, read and checked once per build. */
  pptxTemplates?: ReadonlyMap<string, TemplateChoice>;
  /** Told as each audience's deck is begun, for progress. */
  onDeck?: (audience: string) => void;
  /**
   * No deck is kept (a check): a slide whose template is proven to fill for any brief is not
   * filled, and no deck's Markdown is made. Without a browser only.
   */
  checkOnly?: boolean;
}

function readBriefFile(file: string): Uint8Array {
  try {
    // Read at once: a brief is small, and a thousand waits for the disk add up to seconds.
    return readFileSync(file);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BriefError(
      'read',
      missing ? 'no such file' : `cannot be read: ${(cause as Error).message}`,
      { file },
      missing ? 'check the path; briefs usually live in content/' : undefined,
      { cause },
    );
  }
}

/**
 * load → validate → plan → render one brief for every audience, measuring and fitting each deck
 * in the browser when there is one, and refusing any deck that would fetch from the network.
 */
export async function composeDecks(file: string, slug: string, context: DeckContext): Promise<ComposedBrief> {
  // The images it reads, so the next build knows to redo it when one changes.
  const inputs: string[] = [];
  const readAsset = (path: string) => {
    inputs.push(path);
    return readAssetFromDisk(path);
  };
  try {
    const bytes = readBriefFile(file);
    const loaded = loadBrief({ file, bytes });
    const brief = validateBrief(loaded, { audiences: context.allAudiences });
    checkBodyDirectives(loaded.body, { file, bodyLine: loaded.bodyLine });
    const body = embedImages(loaded.body, { file, firstLine: loaded.bodyLine, field: ['body'], readAsset });
    const summary: BriefSummary = {
      title: brief.title,
      subtitle: brief.subtitle,
      date: brief.date,
      marking: brief.marking,
      presenter: brief.presenter,
      organization: brief.organization,
      lang: brief.lang,
    };
    const timestamp = context.sourceDate ?? new Date(`${brief.date}T00:00:00Z`);
    const decks: RenderedDeck[] = [];
    const errors: BriefError[] = [];
    const changes: string[] = [];
    // Placed on the body line that names the address, where there is one.
    const remoteErrors = (urls: readonly string[]) =>
      new BriefErrors(remoteResourceErrors(urls, { file, body: loaded.body, bodyLine: loaded.bodyLine }));
    // Brief values are escaped and templates are checked as they load, so only the body can make a
    // deck fetch: its markup is read once for every audience.
    const remote = body.trim() === '' ? [] : findExternalResources(renderMarkup(body));
    // The brief's decks for every audience share most of their text: it is escaped once.
    const escapeText = createTextEscaper();
    if (remote.length > 0) throw remoteErrors(remote);
    // Each chart is drawn once, at each of its sizes, for every audience's deck; a check that lays
    // nothing out needs no drawing (a figure then renders as its table of numbers).
    // Vega is loaded only then: a check of a thousand briefs never reads it.
    const charts =
      brief.figures && context.session
        ? await (await import('./figures/draw.ts')).drawFigures(brief.figures, brief.lang)
        : new Map<string, string>();
    if (context.checkOnly) {
      for (const profile of context.profiles) {
        context.onDeck?.(profile.name);
        try {
          checkOneDeck(brief, profile, { file, slug, body, context, escapeText });
        } catch (error) {
          if (!isBriefProblem(error)) throw error;
          errors.push(...listBriefErrors(error));
        }
      }
      return { decks: [], errors: dedupe(errors), changes: [], inputs, bytes, summary };
    }
    // The audiences' decks are fitted side by side; the browser session bounds how many pages work at once.
    const outcomes = await Promise.all(
      context.profiles.map(async (profile) => {
        context.onDeck?.(profile.name);
        try {
          const pptxTemplate = context.pptxTemplates?.get(profile.name);
          const composed = await composeDeck(brief, profile, {
            file,
            slug,
            body,
            context,
            remoteErrors,
            escapeText,
            charts,
          });
          return { profile, composed: { ...composed, pptxTemplate } };
        } catch (error) {
          if (!isBriefProblem(error)) throw error;
          return { profile, errors: listBriefErrors(error) };
        }
      }),
    );
    for (const outcome of outcomes) {
      if (outcome.errors) {
        errors.push(...outcome.errors);
        continue;
      }
      const { deck, markdown, changes: fitChanges, html, pptxTemplate } = outcome.composed!;
      const sections = [...deck.slides, ...deck.appendix].map((slide) => slide.fit.group);
      // The read-ahead memo of the same brief, filtered for the same audience: made only when a
      // build exports it, as a check or a deck-only build never does.
      const set = context.sets.get(outcome.profile.name)!;
      const profile = outcome.profile;
      const labels = renderTemplatesFor(set, brief.lang).labels;
      const memo = () => {
        const document = planMemo(brief, profile, labels);
        return { document, html: renderMemoHtml(document, set.memo), pageWord: labels.memoPage, word: set.memo.word };
      };
      decks.push({
        slug,
        audience: outcome.profile.name,
        markdown,
        marking: deck.marking,
        document: { title: deck.title, subject: deck.description, author: deck.author, lang: deck.lang, timestamp },
        sections,
        html,
        pptxTemplate,
        memo,
        handoutWords: handoutWordsOf(labels),
      });
      changes.push(...fitChanges);
    }
    // A brief with any broken deck writes nothing, so no audience sees a stale or partial set.
    return errors.length > 0
      ? { decks: [], errors: dedupe(errors), changes: [], inputs, bytes, summary }
      : { decks, errors, changes, inputs, bytes, summary };
  } catch (error) {
    if (!isBriefProblem(error)) throw error;
    return { decks: [], errors: listBriefErrors(error), changes: [], inputs };
  }
}

/**
 * What a check does with one audience's deck: plans it and fills every slide that could fail.
 * A deck with no slide limit, no figure and every kind's template proven can fail in neither, and
 * is not even planned.
 */
function checkOneDeck(
  brief: Brief,
  profile: AudienceProfile,
  where: { file: string; slug: string; body: string; context: DeckContext; escapeText: (text: string) => string },
): void {
  const { file, slug, body, context } = where;
  const templates = renderTemplatesFor(context.sets.get(profile.name)!, brief.lang);
  const proven = provenKinds(templates, profile, brief.lang);
  const everyKindProven = profile.sections.every((entry) => entry.kind === 'appendix' || proven.has(entry.kind));
  if (everyKindProven && !planCanFail(profile) && (brief.figures ?? []).length === 0) return;
  const deck = planDeck(brief, profile, { slug, body, file, of: templates.labels.of });
  checkDeck(deck, templates, proven, where.escapeText);
}

/** plan → render one audience's deck; with a browser, measured and refitted until every slide fits. */
async function composeDeck(
  brief: Brief,
  profile: AudienceProfile,
  where: {
    file: string;
    slug: string;
    body: string;
    context: DeckContext;
    remoteErrors: (urls: readonly string[]) => BriefErrors;
    escapeText: (text: string) => string;
    charts: ReadonlyMap<string, string>;
  },
): Promise<{ deck: Deck; markdown: string; changes: string[]; html?: DeckHtml }> {
  const { file, slug, body, context } = where;
  const templates = renderTemplatesFor(context.sets.get(profile.name)!, brief.lang);
  const plan = (fit?: FitAdjustments) => planDeck(brief, profile, { slug, body, file, fit, of: templates.labels.of });
  const render = (deck: Deck) => renderDeck(deck, templates, where.escapeText, where.charts);
  const { session } = context;
  if (!session) {
    const deck = plan();
    return { deck, markdown: render(deck), changes: [] };
  }
  // The measuring page blocks every request; anything it tried to fetch is reported with the rest.
  let measured: DeckHtml | undefined;
  const measure = async (markdown: string) => {
    measured = context.renderHtml(markdown, brief.lang);
    const result = context.measures
      ? await measureDeck(await session(), measured, context.measures)
      : await measureSlides(await session(), measured.page);
    if (result.blocked.length > 0) throw where.remoteErrors(result.blocked);
    return result.measures;
  };
  const fitted = await fitDeck({ plan, render, measure }, { file, scales: SHRINK_SCALES });
  // The last round measured the deck as fitted: its HTML goes on to the exports.
  return { ...fitted, html: measured };
}

/** A problem in the brief itself. A browser that fails is the build's problem: it stops the build. */
function isBriefProblem(error: unknown): error is BriefError | BriefErrors {
  return isBriefError(error) && !(error instanceof BriefError && error.code === 'browser');
}

/** The same body problem shows in every audience's deck; report it once. */
function dedupe(errors: BriefError[]): BriefError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.where.file}:${error.where.line}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
