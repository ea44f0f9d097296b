import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeasureCache, measureDeck, measureSlides } from '../scripts/browser/measure.ts';
import type { BrowserSession } from '../scripts/browser/session.ts';
import { createDeckRenderer, type DeckHtml } from '../scripts/deck/marp-html.ts';
import { planDeck } from '../scripts/deck/plan.ts';
import { renderDeck } from '../scripts/deck/render.ts';
import { collectThemes, loadTemplateSet, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { defaultCollaborators } from '../scripts/defaults.ts';
import { browserEnv, E2E_BROWSER } from './helpers/browsers.ts';
import { profile, REAL_BRIEF, readBrief, TEMPLATES } from './helpers/briefs.ts';

// The fit step measures every slide of a deck each round, and `briefdeck dev` on every save; a
// slide is laid out again only when its markup or its fit rule changed. Measured in the real
// browser, against the whole deck laid out at once.

const committee = profile('committee');
const set = loadTemplateSet(TEMPLATES, committee);
const render = createDeckRenderer(collectThemes(TEMPLATES, [set]));
const { loaded, brief } = readBrief(REAL_BRIEF);

/** The seed brief's committee deck, its bottom line as given, its slide 3 shrunk `shrink` steps. */
function deckHtml(summary = brief.summary, shrink = 0): DeckHtml {
  const subject = { ...brief, summary };
  const plan = (fit?: Parameters<typeof planDeck>[2]['fit']) =>
    planDeck(subject, committee, { slug: 's', body: loaded.body, file: REAL_BRIEF, fit });
  const group = plan().slides[2]!.fit.group;
  const deck = plan({ perSlide: new Map(), shrink: new Map(shrink > 0 ? [[group, shrink]] : []) });
  return render(renderDeck(deck, renderTemplatesFor(set, 'en')), 'en');
}

let session: BrowserSession;
/** How many slides each page the browser was given held. */
let laidOut: number[] = [];
let counting: BrowserSession;

beforeAll(async () => {
  session = await defaultCollaborators(browserEnv(E2E_BROWSER), { isRoot: process.getuid?.() === 0 }).openBrowser();
  counting = {
    ...session,
    withPage: (page, use) => {
      laidOut.push(page.split('<svg data-marpit-svg').length - 1);
      return session.withPage(page, use);
    },
  };
}, 120_000);
afterAll(() => session?.close());

describe('measuring a deck with what was measured before', () => {
  it('measures every slide as the whole deck laid out at once does, a shrunk slide included', async () => {
    const html = deckHtml(brief.summary, 2);
    expect(html.fitRules).toHaveLength(1);
    const whole = await measureSlides(session, html.page);
    const cache = createMeasureCache();
    expect((await measureDeck(session, html, cache)).measures).toEqual(whole.measures);
    // Each slide alone, from the cache, still measures as in the whole deck.
    expect((await measureDeck(session, html, cache)).measures).toEqual(whole.measures);
  });

  it('lays out only the slide an edit changed, and measures it as the whole new deck does', async () => {
    const cache = createMeasureCache();
    const before = deckHtml();
    laidOut = [];
    await measureDeck(counting, before, cache);
    const slides = laidOut[0]!;
    expect(slides).toBeGreaterThan(10);
    await measureDeck(counting, before, cache);
    expect(laidOut).toEqual([slides]);

    const longer = `${brief.summary} And one sentence more, which the bottom line now carries.`;
    const edited = deckHtml(longer);
    const measured = await measureDeck(counting, edited, cache);
    expect(laidOut).toEqual([slides, 1]);
    expect(measured.measures).toEqual((await measureSlides(session, edited.page)).measures);

    // The same slide shrunk is another layout: laid out again, alone.
    const shrunk = deckHtml(longer, 1);
    await measureDeck(counting, shrunk, cache);
    expect(laidOut).toEqual([slides, 1, 1]);
  });

  it('lays out a deck that tried to fetch every time, so the fetch is reported every time', async () => {
    const markdown = '---\nmarp: true\ntheme: briefdeck\n---\n\n# Remote\n\n![chart](https://example.com/chart.png)\n';
    const html = render(markdown, 'en');
    const cache = createMeasureCache();
    laidOut = [];
    for (let round = 0; round < 2; round++)
      expect((await measureDeck(counting, html, cache)).blocked).toEqual(['https://example.com/chart.png']);
    expect(laidOut).toEqual([1, 1]);
  });
});
