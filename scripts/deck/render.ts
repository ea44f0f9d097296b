import Handlebars from 'handlebars';
import { BriefError } from '../errors.ts';
import { remembering } from '../remember.ts';
import { escapeMarkdownText, escapeNoteText, quoteYamlString, toPlainLine } from './escape.ts';
import type { Labels } from './labels.ts';
import type { Deck, PlannedSlide, SlideFit } from './plan.ts';
import type { SectionKind } from './profile.ts';
import { chartKey, type FigureWords, figureWords } from '../figures/figure.ts';
import { figureMarkup, figureStandIn, holdsFigureStandIn } from '../figures/markup.ts';

/** A template's source and the file it came from, for error messages. */
export interface TemplateSource {
  file: string;
  source: string;
}

/** What rendering one audience's deck needs besides the deck: its templates and theme name. */
export interface RenderTemplates {
  slides: ReadonlyMap<SectionKind, TemplateSource>;
  partials?: ReadonlyMap<string, TemplateSource>;
  themeName: string;
  /** The words templates show around the brief's text, in the brief's language. */
  labels: Labels;
  /** The audience's logo, a data URL and its description, for the title slide. */
  logo?: { src: string; alt: string };
}

// One private Handlebars instance: no helper or partial registered elsewhere can leak in.
const handlebars = Handlebars.create();
const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  noEscape: false,
  compat: false,
  preventIndent: true,
} as const;
const RUNTIME_OPTIONS = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function compile(template: TemplateSource): Handlebars.TemplateDelegate {
  let fn = compiled.get(template.source);
  if (!fn) {
    fn = handlebars.compile(template.source, COMPILE_OPTIONS);
    compiled.set(template.source, fn);
  }
  return fn;
}

/**
 * Brief values reach templates already escaped for Markdown and wrapped as SafeStrings, so
 * `{{title}}` and `{{{title}}}` print the same literal text and no template can unescape it.
 */
export function toTemplateData(value: unknown, escapeText: (text: string) => string = escapeMarkdownText): unknown {
  if (typeof value === 'string') return new handlebars.SafeString(escapeText(value));
  if (Array.isArray(value)) return value.map((item) => toTemplateData(item, escapeText));
  if (value !== null && typeof value === 'object') {
    const data: Record<string, unknown> = {};
    for (const key in value) data[key] = toTemplateData((value as Record<string, unknown>)[key], escapeText);
    return data;
  }
  return value;
}

/**
 * `escapeMarkdownText` with a memory, for one brief: its decks for every audience show much the
 * same text, which is escaped once.
 */
export const createTextEscaper = (): ((text: string) => string) => remembering(escapeMarkdownText);

/** The labels of an audience's templates, escaped once for every deck that uses them. */
const escapedLabels = new WeakMap<object, unknown>();
function labelData(labels: RenderTemplates['labels']): unknown {
  let data = escapedLabels.get(labels);
  if (data === undefined) {
    data = toTemplateData(labels);
    escapedLabels.set(labels, data);
  }
  return data;
}

/**
 * Text scale per shrink level. Themes size text as `max(20px, calc(<size> * var(--fit, 1)))`, so
 * shrinking never takes text below the 20 px that still reads from the back of a committee room;
 * the last step takes 32 px body text there.
 */
export const SHRINK_SCALES = [1, 0.92, 0.85, 0.78, 0.72, 0.67, 0.625] as const;

/**
 * The deck's style that shrinks its crowded slides' text, one rule a slide, by the slide's id
 * (Marp numbers its sections). A `<style scoped>` would do it too, but Marp scopes it under a
 * random name, and a deck built twice must come out byte for byte the same.
 */
function shrinkStyle(fits: readonly SlideFit[]): string | undefined {
  const rules = fits.flatMap((fit, index) =>
    fit.shrink > 0
      ? [`section[id="${index + 1}"] { --fit: ${SHRINK_SCALES[Math.min(fit.shrink, SHRINK_SCALES.length - 1)]}; }`]
      : [],
  );
  return rules.length > 0 ? rules.join(' ') : undefined;
}

/** "Committee briefing", "إحاطة اللجنة": the audience in its language's phrase, for slides that name it. */
function audienceBriefing(data: object, labels: Labels): { audienceBriefing?: string } {
  if (!('audience' in data) || typeof data.audience !== 'string') return {};
  return { audienceBriefing: labels.audienceBriefing.replaceAll('{audience}', data.audience) };
}

/** What every slide of a deck shows alike, escaped once: the marking, the labels, the logo. */
interface SharedData {
  marking: unknown;
  labels: unknown;
  logo: unknown;
}

/** What filling a deck's slides needs besides each slide. */
interface FillContext {
  templates: RenderTemplates;
  runtime: Handlebars.RuntimeOptions;
  shared: SharedData;
  escapeText: (text: string) => string;
  figures: { charts: ReadonlyMap<string, string>; words: FigureWords };
}

/** The values a slide's template sees but the shared ones: the slide's own, escaped, and its figures. */
function ownData(slide: PlannedSlide, deck: Deck, context: FillContext): Record<string, unknown> {
  const { templates, escapeText, figures } = context;
  // A figure's markup is briefdeck's own, its text escaped as it is made: a stand-in image the
  // page swaps back (see figures/markup.ts).
  const figureImages = (slide.figures ?? []).map((planned) => ({
    image: new handlebars.SafeString(
      figureStandIn(
        figureMarkup(
          planned,
          figures.charts.get(chartKey(planned.figure.id, planned.size)),
          figures.words,
          deck.lang,
          planned.size === 'beside',
        ),
      ),
    ),
  }));
  return Object.assign(
    toTemplateData(
      { ...slide.data, ...audienceBriefing(slide.data, templates.labels), citations: slide.citations },
      escapeText,
    ) as Record<string, unknown>,
    { figures: figureImages },
  );
}

function renderSlide(slide: PlannedSlide, deck: Deck, context: FillContext): string {
  const { templates } = context;
  const template = templates.slides.get(slide.kind);
  if (!template)
    throw new BriefError('template', `no template for the "${slide.kind}" slide`, { file: deck.profile.file });
  const data = Object.assign(ownData(slide, deck, context), context.shared);
  const figureCount = slide.figures?.length ?? 0;
  let markdown: string;
  try {
    markdown = compile(template)(data, context.runtime).trim();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0]! : String(cause);
    throw new BriefError(
      'template',
      `the template failed: ${message}`,
      { file: template.file },
      'templates see only the fields listed for their slide kind in README.md',
      { cause },
    );
  }
  if (figureCount > 0 && !holdsFigureStandIn(markdown)) {
    throw new BriefError(
      'template',
      `the template shows none of the slide's ${figureCount === 1 ? 'figure' : 'figures'}`,
      { file: template.file },
      'add {{> _figures}} where the figures go: a figure the brief places is never left out',
    );
  }
  // Marp reads a slide separator in template output as a new slide; the plan owns slide count.
  if (markdown.includes('---') && /^\s*---\s*$/m.test(markdown)) {
    throw new BriefError(
      'template',
      'a slide template may not contain a "---" slide separator',
      { file: template.file },
      'one template renders one slide; list the kind twice in the profile instead',
    );
  }
  return slide.notes ? `${markdown}\n\n<!--\n${escapeNoteText(slide.notes)}\n-->` : markdown;
}

function renderFrontMatter(deck: Deck, themeName: string): string {
  const shrink = shrinkStyle([...deck.slides, ...deck.appendix].map((slide) => slide.fit));
  const lines = [
    'marp: true',
    `theme: ${quoteYamlString(themeName)}`,
    'size: 16:9',
    'paginate: true',
    `lang: ${quoteYamlString(deck.lang)}`,
    `title: ${quoteYamlString(toPlainLine(deck.title))}`,
    `description: ${quoteYamlString(toPlainLine(deck.description))}`,
  ];
  if (deck.author) lines.push(`author: ${quoteYamlString(toPlainLine(deck.author))}`);
  if (shrink) lines.push(`style: ${quoteYamlString(shrink)}`);
  if (deck.marking) {
    // Header and footer are rendered as Markdown, then stored in YAML: escape for both.
    const marking = quoteYamlString(escapeMarkdownText(deck.marking));
    lines.push(`header: ${marking}`, `footer: ${marking}`);
  }
  return `---\n${lines.join('\n')}\n---`;
}

/** What filling `deck` needs: its partials compiled, its shared values escaped once. */
function fillContext(
  deck: Deck,
  templates: RenderTemplates,
  escapeText: (text: string) => string,
  charts: ReadonlyMap<string, string>,
): FillContext {
  const partials = Object.fromEntries(
    [...(templates.partials ?? new Map())].map(([name, template]) => [name, compile(template)]),
  );
  return {
    templates,
    runtime: { ...RUNTIME_OPTIONS, partials },
    shared: {
      marking: toTemplateData(deck.marking, escapeText),
      labels: labelData(templates.labels),
      // The address is briefdeck's own data URL, safe as it is; the description is escaped.
      logo: templates.logo
        ? { src: new handlebars.SafeString(templates.logo.src), alt: toTemplateData(templates.logo.alt, escapeText) }
        : undefined,
    },
    escapeText,
    figures: { charts, words: figureWords(templates.labels) },
  };
}

/** Fills each planned slide's template and joins them into one Marp Markdown deck. */
export function renderDeck(
  deck: Deck,
  templates: RenderTemplates,
  escapeText: (text: string) => string = escapeMarkdownText,
  /** The brief's charts as SVG, keyed `id:size` (figures/draw.ts). */
  charts: ReadonlyMap<string, string> = new Map(),
): string {
  const context = fillContext(deck, templates, escapeText, charts);
  const slides = [
    ...deck.slides.map((slide) => renderSlide(slide, deck, context)),
    ...deck.appendix.map((slide) => slide.markdown),
  ];
  return `${renderFrontMatter(deck, templates.themeName)}\n\n${slides.join('\n\n---\n\n')}\n`;
}

/**
 * What a check does in place of `renderDeck`: fills, and so proves, every slide but those whose
 * kind's template is `proven` to fill for any brief (template-proof.ts) and has no figure, and
 * keeps no Markdown. It fails exactly where `renderDeck` would.
 */
export function checkDeck(
  deck: Deck,
  templates: RenderTemplates,
  proven: ReadonlySet<SectionKind>,
  escapeText: (text: string) => string = escapeMarkdownText,
): void {
  const unproven = deck.slides.filter((slide) => !proven.has(slide.kind) || (slide.figures?.length ?? 0) > 0);
  if (unproven.length === 0) return;
  const context = fillContext(deck, templates, escapeText, new Map());
  for (const slide of unproven) renderSlide(slide, deck, context);
}

/**
 * The values each slide of `deck` shows its template, with the shared ones apart: what
 * template-proof.ts reads the shapes of from a plan.
 */
export function slideValues(
  deck: Deck,
  templates: RenderTemplates,
): { slides: { kind: SectionKind; values: Record<string, unknown> }[]; shared: SharedData } {
  const context = fillContext(deck, templates, escapeMarkdownText, new Map());
  const slides = deck.slides.map((slide) => ({ kind: slide.kind, values: ownData(slide, deck, context) }));
  return { slides, shared: context.shared };
}
