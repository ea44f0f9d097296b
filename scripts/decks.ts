import { readFile } from 'node:fs/promises';
import { checkBodyDirectives, embedImages } from './brief/body.ts';
import type { BrowserSession } from './browser/session.ts';
import { BriefError, BriefErrors, isBriefError, listBriefErrors } from './errors.ts';
import type { RenderedDeck } from './export/export.ts';
import { fitDeck } from './browser/fit.ts';
import { loadBrief } from './brief/load.ts';
import type { DeckHtml } from './deck/marp-html.ts';
import { measureSlides } from './browser/measure.ts';
import { planDeck, type Deck, type FitAdjustments } from './deck/plan.ts';
import type { AudienceProfile } from './deck/profile.ts';
import type { Brief } from './brief/schema.ts';
import { renderDeck, SHRINK_SCALES } from './deck/render.ts';
import { findExternalResources, remoteResourceErrors } from './deck/resources.ts';
import { renderTemplatesFor, type TemplateSet } from './deck/templates.ts';
import { validateBrief } from './brief/validate.ts';

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
  sourceDate?: Date;
}

async function readBriefFile(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
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
export async function composeDecks(
  file: string,
  slug: string,
  context: DeckContext,
): Promise<{ decks: RenderedDeck[]; errors: BriefError[]; changes: string[] }> {
  try {
    const loaded = loadBrief({ file, bytes: await readBriefFile(file) });
    const brief = validateBrief(loaded, { audiences: context.allAudiences });
    checkBodyDirectives(loaded.body, { file, bodyLine: loaded.bodyLine });
    const body = embedImages(loaded.body, { file, firstLine: loaded.bodyLine, field: ['body'] });
    const timestamp = context.sourceDate ?? new Date(`${brief.date}T00:00:00Z`);
    const decks: RenderedDeck[] = [];
    const errors: BriefError[] = [];
    const changes: string[] = [];
    // Placed on the body line that names the address, where there is one.
    const remoteErrors = (urls: readonly string[]) =>
      new BriefErrors(remoteResourceErrors(urls, { file, body: loaded.body, bodyLine: loaded.bodyLine }));
    for (const profile of context.profiles) {
      try {
        const {
          deck,
          markdown,
          changes: fitChanges,
        } = await composeDeck(brief, profile, { file, slug, body, context, remoteErrors });
        const remote = findExternalResources(context.renderHtml(markdown, brief.lang).page);
        if (remote.length > 0) throw remoteErrors(remote);
        const sections = [...deck.slides, ...deck.appendix].map((slide) => slide.fit.group);
        decks.push({
          slug,
          audience: profile.name,
          markdown,
          marking: deck.marking,
          document: { title: deck.title, subject: deck.description, author: deck.author, lang: deck.lang, timestamp },
          sections,
        });
        changes.push(...fitChanges);
      } catch (error) {
        if (!isBriefProblem(error)) throw error;
        errors.push(...listBriefErrors(error));
      }
    }
    // A brief with any broken deck writes nothing, so no audience sees a stale or partial set.
    return errors.length > 0 ? { decks: [], errors: dedupe(errors), changes: [] } : { decks, errors, changes };
  } catch (error) {
    if (!isBriefProblem(error)) throw error;
    return { decks: [], errors: listBriefErrors(error), changes: [] };
  }
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
  },
): Promise<{ deck: Deck; markdown: string; changes: string[] }> {
  const { file, slug, body, context } = where;
  const templates = renderTemplatesFor(context.sets.get(profile.name)!, brief.lang);
  const plan = (fit?: FitAdjustments) => planDeck(brief, profile, { slug, body, file, fit, of: templates.labels.of });
  const render = (deck: Deck) => renderDeck(deck, templates);
  const { session } = context;
  if (!session) {
    const deck = plan();
    return { deck, markdown: render(deck), changes: [] };
  }
  // The measuring page blocks every request; anything it tried to fetch is reported with the rest.
  const measure = async (markdown: string) => {
    const result = await measureSlides(await session(), context.renderHtml(markdown, brief.lang).page);
    if (result.blocked.length > 0) throw where.remoteErrors(result.blocked);
    return result.measures;
  };
  return fitDeck({ plan, render, measure }, { file, maxShrink: SHRINK_SCALES.length - 1 });
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
