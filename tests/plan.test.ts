import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BriefError } from '../scripts/errors.ts';
import { splitAppendix } from '../scripts/deck/appendix.ts';
import { formatBriefDate, planDeck } from '../scripts/deck/plan.ts';
import { validateBrief } from '../scripts/brief/validate.ts';
import {
  AUDIENCES,
  loadText,
  minimalBrief,
  profile,
  readBrief,
  REAL_BRIEF,
  TABLE_BRIEF,
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

  it('names a publisher once where the source is titled by it, as an imported link titled by its host is', () => {
    const text = minimalBrief(
      '    sources: [nyt, cbo]\nsources:\n  - id: nyt\n    title: nytimes.com\n    publisher: nytimes.com\n    url: https://www.nytimes.com/a.html\n  - id: cbo\n    title: Budget outlook\n    publisher: CBO\n',
    );
    const deck = planDeck(validateBrief(loadText(text), { audiences: AUDIENCES }), profile('committee'), {
      slug: 'x',
      body: '',
      file: 'brief.md',
    });
    const pillar = deck.slides.find((slide) => slide.kind === 'pillar')!;
    expect(pillar.citations.map((citation) => citation.label)).toEqual(['nytimes.com', 'CBO, Budget outlook']);
    const sources = deck.slides.find((slide) => slide.kind === 'sources')!;
    expect(sources.data.sources).toMatchObject([
      { title: 'nytimes.com', publisher: undefined },
      { title: 'Budget outlook', publisher: 'CBO' },
    ]);
  });

  it('names a pillar in fit messages by its title cut short, so a message about a long title does not repeat it', () => {
    const title = `Build the reserve ${'in stages, '.repeat(12)}and hold it`;
    const text = minimalBrief().replace('title: First pillar', `title: ${title}`);
    const deck = planDeck(validateBrief(loadText(text), { audiences: AUDIENCES }), profile('committee'), {
      slug: 'x',
      body: '',
      file: 'brief.md',
    });
    const section = deck.slides.find((slide) => slide.kind === 'pillar')!.fit.section;
    expect(section).toBe(`pillar 1 "${title.slice(0, 77)}…"`);
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

  it('continues an appendix table over slides when the fit step asks, each part with the header row and a labelled heading', () => {
    const { brief } = readBrief(TABLE_BRIEF);
    const body = readFileSync(TABLE_BRIEF, 'utf8').split(/^---$/m).slice(2).join('---');
    const fit = { perSlide: new Map([['appendix:1', 6]]), shrink: new Map<string, number>() };
    const deck = planDeck(brief, profile('committee'), { slug: 'x', body, file: 'brief.md', fit });
    expect(deck.appendix.map((slide) => slide.fit.items.length)).toEqual([6, 6, 5]);
    deck.appendix.forEach((slide, index) => {
      const lines = slide.markdown.split('\n');
      expect(lines[0]).toBe(`## Annex: stocks and sales by year (${index + 1} of 3)`);
      expect(lines).toContain('| Year | Held at year end | Sold | Exchanged | Share of capacity |');
      expect(lines).toContain('| :--- | ---: | ---: | ---: | ---: |');
    });
    // The introduction opens the first part, the source line closes the last.
    expect(deck.appendix[0]!.markdown).toContain('Million barrels held');
    expect(deck.appendix[1]!.markdown).not.toContain('Million barrels held');
    expect(deck.appendix[2]!.markdown).toContain('Source: Department of Energy');
    expect(deck.appendix[0]!.markdown).not.toContain('Source: Department of Energy');
    const rows = deck.appendix.flatMap((slide) =>
      slide.markdown.split('\n').filter((line) => /^\| 20\d\d /.test(line)),
    );
    expect(rows).toHaveLength(17);
  });

  it('keeps an appendix table whole until it overflows, and leaves a slide with two tables to shrink', () => {
    const { brief } = readBrief(TABLE_BRIEF);
    const table = '| A | B |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |';
    const body = `## One table\n\n${table}\n\n---\n\n## Two tables\n\n${table}\n\ntext\n\n${table}`;
    const deck = planDeck(brief, profile('committee'), { slug: 'x', body, file: 'brief.md' });
    expect(deck.appendix.map((slide) => slide.markdown)).toEqual([
      `## One table\n\n${table}`,
      `## Two tables\n\n${table}\n\ntext\n\n${table}`,
    ]);
    expect(deck.appendix.map((slide) => slide.fit.items.length)).toEqual([2, 0]);
  });

  it('formats the brief date as the same calendar day whatever the time zone', () => {
    expect(formatBriefDate('2026-01-01', 'en')).toBe('January 1, 2026');
    expect(formatBriefDate('2026-01-01', 'uk')).toContain('2026');
    expect(formatBriefDate('2026-12-31', 'en-GB')).toBe('31 December 2026');
  });
});
