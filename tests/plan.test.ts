import { describe, expect, it } from 'vitest';
import { BriefError } from '../scripts/errors.ts';
import { formatBriefDate, planDeck, splitAppendix } from '../scripts/deck/plan.ts';
import { validateBrief } from '../scripts/brief/validate.ts';
import {
  AUDIENCES,
  loadText,
  minimalBrief,
  profile,
  readBrief,
  REAL_BRIEF,
  SECOND_BRIEF,
  SECOND_BRIEF_RESTRICTED,
} from './helpers/briefs.ts';

const planFor = (file: string, audience: string) => {
  const { brief, loaded } = readBrief(file);
  return planDeck(brief, profile(audience), { slug: 'x', body: loaded.body, file });
};

/** Every string the deck's slides would show, flattened. */
function deckText(deck: ReturnType<typeof planFor>): string {
  return JSON.stringify(deck.slides.map((slide) => slide.data));
}

describe('planDeck', () => {
  it('gives the committee one slide per pillar, numbered n of N', () => {
    const pillars = planFor(REAL_BRIEF, 'committee').slides.filter((slide) => slide.kind === 'pillar');
    expect(pillars.map((slide) => [slide.data.number, slide.data.total])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('keeps the executive deck within seven slides with pillars and pros/cons on one slide each', () => {
    for (const file of [REAL_BRIEF, SECOND_BRIEF]) {
      const deck = planFor(file, 'executive');
      expect(deck.slides.length + deck.appendix.length).toBeLessThanOrEqual(7);
      expect(deck.slides.filter((slide) => slide.kind === 'pillars-overview')).toHaveLength(1);
      expect(deck.slides.filter((slide) => slide.kind === 'pros-cons')).toHaveLength(1);
      expect(deck.slides.some((slide) => slide.kind === 'pillar')).toBe(false);
    }
  });

  it('leaves out of the public deck every item restricted to other audiences, and all notes', () => {
    const deck = planFor(SECOND_BRIEF, 'public');
    const text = deckText(deck);
    for (const restricted of SECOND_BRIEF_RESTRICTED) expect(text).not.toContain(restricted);
    expect(text).toContain('Naval de-mining');
    expect(deck.slides.every((slide) => slide.notes === undefined)).toBe(true);
    expect(deck.marking).toBe('PUBLIC RELEASE');
  });

  it('shows committee-only items to the committee but not items for the executive alone', () => {
    const text = deckText(planFor(SECOND_BRIEF, 'committee'));
    expect(text).toContain('Royal Navy');
    expect(text).not.toContain('Executive-only readout');
  });

  it('renumbers pillars after filtering so the public sees 1 of 3, not gaps', () => {
    const pillars = planFor(SECOND_BRIEF, 'public').slides.filter((slide) => slide.kind === 'pillar');
    expect(pillars.map((slide) => `${slide.data.number}/${slide.data.total}`)).toEqual(['1/3', '2/3', '3/3']);
  });

  it('cites sources by their number in the brief and labels them with publisher and title', () => {
    const first = planFor(REAL_BRIEF, 'committee').slides.find((slide) => slide.kind === 'pillar')!;
    expect(first.citations).toEqual([
      { number: 1, label: 'U.S. Department of Defense, Announcements on security assistance to Ukraine' },
      { number: 2, label: 'European Union, Initiatives to boost defense production' },
    ]);
  });

  it('continues a long list on further slides instead of dropping items', () => {
    const pros = planFor(REAL_BRIEF, 'committee').slides.filter((slide) => slide.kind === 'pros');
    expect(pros.map((slide) => [slide.data.partLabel, (slide.data.items as unknown[]).length])).toEqual([
      ['(1 of 2)', 3],
      ['(2 of 2)', 3],
    ]);
  });

  it('leaves out sections the brief does not have', () => {
    const brief = validateBrief(loadText(minimalBrief()), { audiences: AUDIENCES });
    const kinds = planDeck(brief, profile('committee'), { slug: 'x', body: '', file: 'brief.md' }).slides.map(
      (slide) => slide.kind,
    );
    expect(kinds).toEqual(['title', 'bottom-line', 'pillars-overview', 'pillar']);
  });

  it('refuses a deck longer than its profile allows, naming the profile', () => {
    const brief = validateBrief(loadText(minimalBrief()), { audiences: AUDIENCES });
    const tight = { ...profile('executive'), maxSlides: 2 };
    expect(() => planDeck(brief, tight, { slug: 'x', body: '', file: 'brief.md' })).toThrow(BriefError);
    expect(() => planDeck(brief, tight, { slug: 'x', body: '', file: 'brief.md' })).toThrow(
      /executive deck would have 3 slides, more than its limit of 2/,
    );
  });

  it('appends the Markdown body as appendix slides split on ---', () => {
    expect(splitAppendix('\n## One\n\ntext\n\n---\n\n## Two\n')).toEqual(['## One\n\ntext', '## Two']);
    expect(planFor(REAL_BRIEF, 'committee').appendix).toHaveLength(1);
  });

  it('formats the brief date as the same calendar day whatever the time zone', () => {
    expect(formatBriefDate('2026-01-01', 'en')).toBe('January 1, 2026');
    expect(formatBriefDate('2026-01-01', 'uk')).toContain('2026');
    expect(formatBriefDate('2026-12-31', 'en-GB')).toBe('31 December 2026');
  });
});
