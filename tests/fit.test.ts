import { describe, expect, it } from 'vitest';
import { BriefError, BriefErrors, listBriefErrors } from '../scripts/errors.ts';
import { fitDeck, nextShrink, type SlideMeasure } from '../scripts/browser/fit.ts';
import { planDeck, type FitAdjustments } from '../scripts/deck/plan.ts';
import type { AudienceProfile } from '../scripts/deck/profile.ts';
import { renderDeck, SHRINK_SCALES } from '../scripts/deck/render.ts';
import type { Brief } from '../scripts/brief/schema.ts';
import { loadTemplateSet, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { profile, TEMPLATES } from './helpers/briefs.ts';

// The browser is replaced by a measure that reads the rendered Markdown: a slide overflows when it
// holds more than ROOM list items, or when it holds a point marked LONG that has not shrunk enough.
const ROOM = 4;

/** The text scale the deck's style sets for slide `number`, as Marp applies it. */
function fitOf(markdown: string, number: number): number {
  const style = /^style: (.*)$/m.exec(markdown)?.[1];
  const rule = style && new RegExp(`section\\[id=\\\\"${number}\\\\"\\] \\{ --fit: ([\\d.]+); \\}`).exec(style);
  return rule ? Number(rule[1]) : 1;
}

function fakeMeasure(markdown: string, longNeeds = Infinity): SlideMeasure[] {
  const slides = markdown.replace(/^---\n[\s\S]*?\n---\n/, '').split(/\n---\n/);
  return slides.map((slide, index) => {
    const items = slide.split('\n').filter((line) => /^(- |\d+\. )/.test(line)).length;
    const shrink = SHRINK_SCALES.indexOf(fitOf(markdown, index + 1) as (typeof SHRINK_SCALES)[number]);
    const long = slide.includes('LONG') && shrink < longNeeds;
    const load = long ? 1.2 : items / ROOM;
    return { overflows: load > 1, culprit: load > 1 ? (long ? 'LONG point' : `item ${items}`) : undefined, load };
  });
}

function brief(points: string[], extra: Partial<Brief> = {}): Brief {
  return {
    title: 'Fit',
    date: '2026-01-15',
    lang: 'en',
    summary: 'Bottom line.',
    pillars: [{ title: 'Crowded pillar', summary: 'Why.', points: points.map((text) => ({ text })) }],
    ...extra,
  };
}

async function fitBrief(
  subject: Brief,
  audience: AudienceProfile,
  measure: (markdown: string) => SlideMeasure[] = fakeMeasure,
) {
  const set = loadTemplateSet(TEMPLATES, audience);
  const plan = (adjustments?: FitAdjustments) =>
    planDeck(subject, audience, { slug: 'fit', body: '', file: 'fit.md', fit: adjustments });
  const render = (deck: ReturnType<typeof plan>) => renderDeck(deck, renderTemplatesFor(set, 'en'));
  return fitDeck(
    { plan, render, measure: async (markdown) => measure(markdown) },
    { file: 'fit.md', scales: SHRINK_SCALES },
  );
}

async function fitError(promise: Promise<unknown>): Promise<BriefError[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error instanceof BriefError || error instanceof BriefErrors).toBe(true);
  return listBriefErrors(error as BriefError);
}

describe('fitDeck', () => {
  it('continues an overflowing pillar on balanced follow-up slides, keeping every point', async () => {
    const points = Array.from({ length: 14 }, (_, index) => `Point ${index + 1}`);
    const { deck } = await fitBrief(brief(points), profile('committee'));
    const parts = deck.slides.filter((slide) => slide.kind === 'pillar');
    expect(parts.map((slide) => (slide.data.points as unknown[]).length)).toEqual([4, 4, 3, 3]);
    expect(parts.map((slide) => slide.data.continued)).toEqual([false, true, true, true]);
    expect(parts.flatMap((slide) => (slide.data.points as { text: string }[]).map((point) => point.text))).toEqual(
      points,
    );
  });

  it('leaves a deck that fits exactly as planned', async () => {
    const { deck } = await fitBrief(brief(['One', 'Two']), profile('committee'));
    expect(deck.slides.filter((slide) => slide.kind === 'pillar')).toHaveLength(1);
    expect(deck.slides.every((slide) => slide.fit.shrink === 0)).toBe(true);
  });

  it('shrinks a slide whose single item overflows, only as far as it must', async () => {
    const { deck, markdown } = await fitBrief(
      brief(['LONG point that needs smaller text']),
      profile('committee'),
      (text) => fakeMeasure(text, 2),
    );
    expect(deck.slides.find((slide) => slide.kind === 'pillar')!.fit.shrink).toBe(2);
    // One rule in the deck's style, by the slide's number: no scoped style, whose name Marp makes at random.
    expect(markdown).toContain(`style: "section[id=\\"4\\"] { --fit: ${SHRINK_SCALES[2]}; }"`);
    expect(markdown).not.toContain('<style scoped>');
  });

  // A measure that behaves as text does: the LONG point takes `grows(scale)` times the room it
  // has at full size, so it fits once that is 1 or less; the rounds are counted.
  const textLike = (grows: (scale: number) => number) => {
    const rounds = { count: 0 };
    const measure = (markdown: string) => {
      rounds.count += 1;
      return fakeMeasure(markdown).map((measured, index) => {
        if (measured.culprit !== 'LONG point') return measured;
        const load = grows(fitOf(markdown, index + 1));
        return { overflows: load > 1, culprit: load > 1 ? 'LONG point' : undefined, load };
      });
    };
    return { measure, rounds };
  };

  it('shrinks straight to the level the measured load needs, in one round, when text shrinks as its area', async () => {
    // Needs scale 0.78 (level 3): at full size it takes (1 / 0.78)² of its room.
    const { measure, rounds } = textLike((scale) => (scale / 0.78) ** 2);
    const { deck } = await fitBrief(brief(['LONG point that needs smaller text']), profile('committee'), measure);
    expect(deck.slides.find((slide) => slide.kind === 'pillar')!.fit.shrink).toBe(3);
    expect(rounds.count).toBe(2);
  });

  it('never shrinks past the level one step a round would reach, when text shrinks slower than its area', async () => {
    // Takes room in proportion to its scale, not its square: needs 0.78 (level 3) too.
    const { measure, rounds } = textLike((scale) => scale / 0.78);
    const { deck } = await fitBrief(brief(['LONG point that needs smaller text']), profile('committee'), measure);
    expect(deck.slides.find((slide) => slide.kind === 'pillar')!.fit.shrink).toBe(3);
    expect(rounds.count).toBeLessThan(4);
  });

  it('picks the next shrink level from the load: at least one more, never past a level that might be enough', () => {
    expect(nextShrink(0, 1.0, SHRINK_SCALES)).toBe(1);
    expect(nextShrink(0, 1.38, SHRINK_SCALES)).toBe(2);
    expect(nextShrink(0, 1.39, SHRINK_SCALES)).toBe(3);
    expect(nextShrink(2, 1.01, SHRINK_SCALES)).toBe(3);
    expect(nextShrink(0, 100, SHRINK_SCALES)).toBe(SHRINK_SCALES.length - 1);
  });

  it('fails with the slide number, section and item when the smallest readable size still overflows', async () => {
    const errors = await fitError(fitBrief(brief(['LONG point that never fits']), profile('committee')));
    expect(errors.map((error) => error.message)).toEqual([
      `the committee deck's slide 4 (pillar 1 "Crowded pillar") does not fit even at the smallest readable text size: "LONG point" runs past the slide`,
    ]);
  });

  it("shrinks rather than splits where splitting would break the profile's slide limit", async () => {
    const executive = { ...profile('executive'), maxSlides: 6 };
    const takeaways = Array.from({ length: 6 }, (_, index) => ({ title: `Takeaway ${index + 1}` }));
    // Six takeaways overflow a room of four; a second takeaways slide would make seven slides of six allowed.
    const subject = brief(['One'], {
      pros: [{ title: 'Pro' }],
      cons: [{ title: 'Con' }],
      takeaways,
      actions: [{ for: 'Members', points: [{ text: 'Act' }] }],
    });
    const measure = (text: string) =>
      fakeMeasure(text).map((measured, index, all) =>
        index === all.length - 2 && fitOf(text, index + 1) < 1 ? { overflows: false, load: 1 } : measured,
      );
    const { deck } = await fitBrief(subject, executive, measure);
    expect(deck.slides.length).toBeLessThanOrEqual(executive.maxSlides!);
    const slide = deck.slides.find((planned) => planned.kind === 'takeaways')!;
    expect((slide.data.items as unknown[]).length).toBe(6);
    expect(slide.fit.shrink).toBeGreaterThan(0);
  });

  it('refuses a theme that sets text below 20 px', async () => {
    const errors = await fitError(
      fitBrief(brief(['One']), profile('committee'), (text) =>
        fakeMeasure(text).map((measured, index) =>
          index === 1 ? { ...measured, tooSmall: 'Bottom line.' } : measured,
        ),
      ),
    );
    expect(errors[0]!.message).toBe(`the committee deck's slide 2 (bottom line) sets text below 20 px: "Bottom line."`);
  });
});

describe('fitDeck within a slide limit', () => {
  it('keeps the splits that fit within maxSlides, and fails naming the slide that can neither split nor shrink', async () => {
    const executive = { ...profile('executive'), maxSlides: 6 };
    const takeaways = Array.from({ length: 6 }, (_, index) => ({ title: `Takeaway ${index + 1}` }));
    const subject = brief(['One'], {
      pros: [{ title: 'Pro' }],
      cons: [{ title: 'Con' }],
      takeaways,
      actions: [{ for: 'Members', points: [{ text: 'Act' }] }],
    });
    // Six takeaways never fit a room of four at any size, and a second slide would make seven.
    const errors = await fitError(fitBrief(subject, executive));
    expect(errors.map((error) => error.message)).toEqual([
      `the executive deck's slide 5 (takeaways) does not fit even at the smallest readable text size, and another slide would exceed the deck's limit of 6`,
    ]);
    expect(errors[0]!.hint).toBe(`shorten the brief's lists, or raise maxSlides in ${executive.file}`);
  });
});
