import { BriefError, BriefErrors, quoted } from '../errors.ts';
import type { Deck, FitAdjustments, SlideFit } from '../deck/plan.ts';

/** How one rendered slide measured in the browser. */
export interface SlideMeasure {
  /** Some content reaches past the slide's content area and would be clipped. */
  overflows: boolean;
  /** The first element that does, as text, so the error can name it. */
  culprit?: string;
  /** Text the theme sets below the 20 px floor, if any. */
  tooSmall?: string;
  /** How much of the slide's content area the content needs: above 1 when it overflows. */
  load: number;
}

export interface FitCollaborators {
  plan: (fit: FitAdjustments) => Deck;
  render: (deck: Deck) => string;
  /** Measures every slide of a rendered deck, in order, in the browser that exports it. */
  measure: (markdown: string) => Promise<SlideMeasure[]>;
}

export interface FitOptions {
  /** The brief, for errors. */
  file: string;
  /** The text scale of each shrink level the renderer knows, from 1 (none) down. */
  scales: readonly number[];
}

/**
 * The next shrink level for a slide that still overflows at `level`, needing `load` times its
 * room: at least one level more, and straight past every level that cannot be enough. Text set
 * at a scale s times smaller takes at least s² of the room it took (its lines shorter and fewer;
 * a heading the 20 px floor holds, an image or a fixed line height take more), so a level where
 * even s² × load is over 1 still overflows and is skipped. The level reached is the one that
 * shrinking a level a round would reach, in fewer rounds.
 */
export function nextShrink(level: number, load: number, scales: readonly number[]): number {
  const current = scales[level]!;
  let next = level + 1;
  while (next < scales.length - 1 && (scales[next]! / current) ** 2 * load > 1) next += 1;
  return Math.min(next, scales.length - 1);
}

/** Every round splits or shrinks at least one group, so a deck settles well within this. */
const MAX_ROUNDS = 24;

function slideFits(deck: Deck): SlideFit[] {
  return [...deck.slides.map((slide) => slide.fit), ...deck.appendix.map((slide) => slide.fit)];
}

function cannotFit(deck: Deck, index: number, fit: SlideFit, measure: SlideMeasure, file: string): BriefError {
  const culprit = measure.culprit ? `: ${quoted(measure.culprit)} runs past the slide` : '';
  return new BriefError(
    'fit',
    `the ${deck.audience} deck's slide ${index + 1} (${fit.section}) does not fit even at the smallest readable text size${culprit}`,
    { file },
    'shorten that text or split it into two items; detail for the presenter fits in notes',
  );
}

/**
 * Plans, renders and measures a deck until no slide overflows: a list that does not fit continues
 * on a follow-up slide, and a slide that cannot split shrinks its text within the readable floor.
 * A slide that still overflows fails the deck, naming the slide, section and item.
 */
export async function fitDeck(
  collaborators: FitCollaborators,
  options: FitOptions,
): Promise<{ deck: Deck; markdown: string; changes: string[] }> {
  let adjustments: FitAdjustments = { perSlide: new Map(), shrink: new Map() };
  const maxShrink = options.scales.length - 1;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const deck = collaborators.plan(adjustments);
    const markdown = collaborators.render(deck);
    const measures = await collaborators.measure(markdown);
    const fits = slideFits(deck);
    if (measures.length !== fits.length)
      throw new Error(`measured ${measures.length} slides of a ${fits.length}-slide deck`);

    const tooSmall = measures.flatMap((measure, index) =>
      measure.tooSmall
        ? [
            new BriefError(
              'fit',
              `the ${deck.audience} deck's slide ${index + 1} (${fits[index]!.section}) sets text below 20 px: ${quoted(measure.tooSmall)}`,
              { file: options.file },
              'the theme or template makes this text too small to read from the back of the room; raise its font-size',
            ),
          ]
        : [],
    );
    if (tooSmall.length > 0) throw new BriefErrors(tooSmall);

    const overflowing = measures.flatMap((measure, index) =>
      measure.overflows ? [{ measure, index, fit: fits[index]! }] : [],
    );
    if (overflowing.length === 0) return { deck, markdown, changes: describeChanges(deck, adjustments, maxShrink) };

    const perSlide = new Map(adjustments.perSlide);
    const shrink = new Map(adjustments.shrink);
    const apart = new Set(adjustments.apart);
    const split = new Map<string, Overflow>();
    const failures: BriefError[] = [];
    for (const overflow of overflowing) {
      const { measure, index, fit } = overflow;
      if (
        split.has(fit.group) ||
        shrink.get(fit.group) !== adjustments.shrink.get(fit.group) ||
        apart.has(fit.group) !== (adjustments.apart?.has(fit.group) ?? false)
      )
        continue; // one step per group per round
      if ((fit.figures ?? 0) > 0 && !apart.has(fit.group)) {
        // A figure is never shrunk or dropped: it moves to a slide of its own first.
        apart.add(fit.group);
      } else if (fit.items.length > 1) {
        // As many items as the measured room holds, and always at least one fewer than now.
        const estimate = Math.max(
          1,
          Math.min(fit.items.length - 1, Math.floor(fit.items.length / Math.max(measure.load, 1))),
        );
        perSlide.set(fit.group, Math.min(perSlide.get(fit.group) ?? Infinity, estimate));
        split.set(fit.group, overflow);
      } else if (fit.shrink < maxShrink) {
        shrink.set(fit.group, nextShrink(fit.shrink, measure.load, options.scales));
      } else {
        failures.push(cannotFit(deck, index, fit, measure, options.file));
      }
    }
    if (failures.length > 0) throw new BriefErrors(failures);
    adjustments = withinSlideLimit(collaborators, deck, adjustments, { perSlide, shrink, apart }, split, options);
  }
  throw new Error(`the ${options.file} deck did not settle after ${MAX_ROUNDS} rounds of fitting`);
}

/** What fitting changed, for the briefer: which lists it continued and which slides it shrank. */
function describeChanges(deck: Deck, adjustments: FitAdjustments, maxShrink: number): string[] {
  const fits = slideFits(deck);
  const changes: string[] = [];
  for (const group of adjustments.perSlide.keys()) {
    const slides = fits.filter((fit) => fit.group === group);
    if (slides.length > 1) changes.push(`${slides[0]!.section}: continued over ${slides.length} slides`);
  }
  for (const group of adjustments.apart ?? []) {
    const slide = fits.find((fit) => fit.group === group);
    if (slide) changes.push(`${slide.section}: figures moved to a slide of their own`);
  }
  for (const [group, level] of adjustments.shrink) {
    const slide = fits.find((fit) => fit.group === group);
    if (slide) changes.push(`${slide.section}: text set smaller (step ${level} of ${maxShrink})`);
  }
  return changes.map((change) => `${deck.audience} deck, ${change}`);
}

interface Overflow {
  measure: SlideMeasure;
  index: number;
  fit: SlideFit;
}

/**
 * A profile's maxSlides outranks splitting. When this round's splits would break it, keep those
 * that still fit within the limit, in deck order, and shrink the others instead; a slide that can
 * neither split nor shrink fails the deck, naming the slide.
 */
function withinSlideLimit(
  collaborators: FitCollaborators,
  deck: Deck,
  previous: FitAdjustments,
  next: FitAdjustments,
  split: Map<string, Overflow>,
  options: FitOptions,
): FitAdjustments {
  if (!slideLimitError(collaborators, next)) return next;
  const perSlide = new Map(next.perSlide);
  const shrink = new Map(next.shrink);
  const revert = (group: string) => {
    const before = previous.perSlide.get(group);
    if (before === undefined) perSlide.delete(group);
    else perSlide.set(group, before);
  };
  for (const group of split.keys()) revert(group);
  const failures: BriefError[] = [];
  for (const [group, overflow] of split) {
    perSlide.set(group, next.perSlide.get(group)!);
    const error = slideLimitError(collaborators, { perSlide, shrink, apart: next.apart });
    if (!error) continue;
    revert(group);
    const level = shrink.get(group) ?? 0;
    if (level < options.scales.length - 1) {
      shrink.set(group, level + 1);
    } else {
      const { index, fit } = overflow;
      failures.push(
        new BriefError(
          'fit',
          `the ${deck.audience} deck's slide ${index + 1} (${fit.section}) does not fit even at the smallest readable text size, and another slide would exceed the deck's limit of ${deck.profile.maxSlides}`,
          { file: options.file },
          error.hint,
        ),
      );
    }
  }
  if (failures.length > 0) throw new BriefErrors(failures);
  return { perSlide, shrink, apart: next.apart };
}

function slideLimitError(collaborators: FitCollaborators, adjustments: FitAdjustments): BriefError | undefined {
  try {
    collaborators.plan(adjustments);
    return undefined;
  } catch (error) {
    if (error instanceof BriefError && error.code === 'max-slides') return error;
    throw error;
  }
}
