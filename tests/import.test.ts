import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadVocabulary } from '../scripts/import/vocabulary.ts';
import { ROOT } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { writeWordDocument } from './helpers/word.ts';

// Articles in several house styles and formats, imported as a briefer would, then read back: the
// structure found, every string traced back to the article, no page furniture, and the result
// checks and builds as it is.
const ARTICLES = join(ROOT, 'tests', 'fixtures', 'articles');
// Two Congressional Research Service briefs, public domain (tests/fixtures/crs/README.md).
const CRS = join(ROOT, 'tests', 'fixtures', 'crs');
// The article the seed brief was made from by hand, kept with the tests.
const SEED = join(ARTICLES, 'security-guarantees-article.txt');
let dir: string;

/** The text a reader of the article sees, white space folded: what every imported string must come from. */
async function readerText(file: string): Promise<string> {
  const fold = (text: string) => text.replace(/[*_]/g, '').replace(/\s+/g, ' ');
  if (file.endsWith('.docx')) return fold((await mammoth.extractRawText({ path: file })).value);
  const raw = readFileSync(file, 'utf8');
  // A Markdown link reads as its words; its address is in the file too.
  if (file.endsWith('.md'))
    return fold(
      `${raw.replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$1')} ${[...raw.matchAll(/\]\((https?:\/\/([^/)]+)[^)]*)\)/g)].map((m) => `${m[1]} ${m[2]!.replace(/^www\./, '')}`).join(' ')}`,
    );
  if (!file.endsWith('.html')) return fold(raw);
  const { document } = parseHTML(raw);
  const meta = [...document.querySelectorAll('meta')].map((element) => element.getAttribute('content') ?? '');
  const links = [...document.querySelectorAll('link[href]')].map((element) => element.getAttribute('href') ?? '');
  // A link's address, and its host, which names the source it becomes.
  const anchors = [...document.querySelectorAll('a[href^="http"]')].flatMap((element) => {
    const href = element.getAttribute('href') ?? '';
    return [href, new URL(href).hostname.replace(/^www\./, '')];
  });
  return fold([document.title, ...meta, ...links, ...anchors, document.body.textContent ?? ''].join(' '));
}

/** Every text of a brief's front-matter: each paragraph of each string, but the date, language and source id. */
function stringsOf(value: unknown, key = ''): string[] {
  // Source ids are briefdeck's names for the sources, cited by id.
  if (typeof value === 'string') return ['date', 'lang', 'id', 'sources'].includes(key) ? [] : value.split(/\n\n+/);
  if (Array.isArray(value)) return value.flatMap((item) => stringsOf(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => stringsOf(item, name));
  return [];
}

async function importArticle(file: string, out = join(dir, `${file.replace(/^.*\//, '')}.md`), ...extra: string[]) {
  const { code, lines } = await runBriefdeck(['import', file, '--out', out, ...extra]);
  const stderr = lines.join('\n');
  const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const data = text.startsWith('---') ? (parse(text.split('---')[1]!) as Record<string, unknown>) : {};
  return { code, stderr, out, text, data };
}

const count = (data: Record<string, unknown>, field: string) => ((data[field] as unknown[] | undefined) ?? []).length;
const titles = (data: Record<string, unknown>, field: string) =>
  ((data[field] as { title: string }[] | undefined) ?? []).map((item) => item.title);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-import-'));
  const memo = await writeWordDocument('Reusing Treated Wastewater in Agriculture', [
    'Farmers in the south could irrigate a fifth of their land with treated wastewater by 2030, if the water utilities and the farm lobby can agree who pays.',
    'Drought restrictions have cut irrigation allocations three summers in a row. The agriculture committee has asked whether treated wastewater, now mostly discharged to the sea, could make up the shortfall.',
    { heading: 1, text: 'Context' },
    'The southern treatment plants release about 400 million cubic metres a year. Less than five per cent of it is reused, against more than half in comparable countries.',
    'European rules set minimum quality standards for reuse in agriculture. Meeting them requires an extra treatment stage at most plants.',
    { heading: 1, text: 'Building blocks' },
    { heading: 2, text: 'Upgrade the treatment plants' },
    'Twelve plants would add filtration and disinfection to reach the highest reuse class. The upgrades would take three years. Utilities would recover the cost through a reuse tariff.',
    { heading: 2, text: 'Build distribution pipelines' },
    'New pipelines would carry the water to irrigation districts within 30 kilometres of each plant. Storage ponds would hold winter output for summer use.',
    { heading: 2, text: 'Monitor quality and health' },
    'Independent laboratories would test the water weekly. Results would be published online. Crops eaten raw would be irrigated only with the highest class.',
    { heading: 1, text: 'Benefits' },
    'Reliable supply: Treated wastewater flows all year, even in drought.',
    'Less pressure on aquifers: Every cubic metre reused is one not pumped from overdrawn groundwater.',
    { heading: 1, text: 'Drawbacks' },
    'Public acceptance: Surveys show a third of consumers are wary of produce grown with reused water.',
    "Energy use: The extra treatment stage raises the plants' electricity use by about 15 per cent.",
    { heading: 1, text: 'Key points' },
    { bullet: 'Reuse could cover a fifth of southern irrigation by 2030.' },
    { bullet: 'The treatment upgrade, not the pipelines, is the largest cost.' },
    { bullet: 'Public trust depends on open testing.' },
    { heading: 1, text: 'What comes next' },
    'The ministry will publish a draft reuse regulation in the spring. Pilot schemes could begin at two plants next year.',
    { heading: 1, text: 'Next steps' },
    'For the ministry: Publish the cost of the treatment upgrades plant by plant.',
    'For water utilities: Propose a reuse tariff that farmers can afford.',
  ]);
  writeFileSync(join(dir, 'water-reuse.docx'), memo);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('briefdeck import', () => {
  it("finds the seed article's 5 pillars, 6 pros, 6 cons and 7 takeaways under its own titles, its outlook and its calls to action", async () => {
    const { code, stderr, data } = await importArticle(SEED);
    expect(code, stderr).toBe(0);
    expect(data.title).toBe('The Tightrope Walk: Can US Security Guarantees Pave the Way to Peace in Ukraine?');
    expect(titles(data, 'pillars')).toEqual([
      'Long-Term Military Aid and Modernization',
      'Intelligence Sharing and Early Warning Systems',
      'Training and Capacity Building',
      'Bilateral Defense Agreements and Long-Term Commitments',
      'Diplomatic and Economic Pressure',
    ]);
    expect(titles(data, 'pros')).toHaveLength(6);
    expect(titles(data, 'pros')[0]).toBe('Deterrence Against Future Aggression');
    expect(titles(data, 'cons')).toHaveLength(6);
    expect(titles(data, 'cons')[5]).toBe('Potential for a Frozen Conflict');
    expect(titles(data, 'takeaways')).toHaveLength(7);
    expect(titles(data, 'takeaways')[6]).toBe('Impact on Regional Stability');
    expect((data.outlook as { title: string }).title).toBe('Future Outlook: Navigating Uncertainty');
    expect((data.actions as { for: string }[]).map((group) => group.for)).toEqual([
      'Policymakers and international leaders',
      'Citizens and civil society',
    ]);
    expect(stderr).toContain('found: ');
    expect(stderr).toContain('5 pillars, 6 pros, 6 cons, 7 takeaways');
    expect(stderr).toMatch(/not placed: dropped as page furniture: "Leave a Reply"/);
  });

  it.each([
    [
      'a web page with navigation, sidebar, comments and footer',
      'port-resilience.html',
      { pillars: 4, pros: 3, cons: 3, takeaways: 3, actions: 2, date: '2026-05-14' },
    ],
    [
      'plain text with its own heading words, wrapped lines and bullets',
      'school-meals.txt',
      { pillars: 3, pros: 3, cons: 3, takeaways: 3, actions: 2, date: '2026-03-03' },
    ],
    [
      'plain text with capitals for headings, numbered options, and pros and cons under one heading',
      'grid-storage.txt',
      { pillars: 3, pros: 2, cons: 2, takeaways: 2, actions: 1, date: '2026-09-12' },
    ],
    [
      'Markdown with front-matter and bold item titles',
      'rail-freight.md',
      { pillars: 2, pros: 2, cons: 2, takeaways: 2, actions: 1, date: '2026-06-20' },
    ],
    [
      'a Word document with real heading styles, dated by its core properties',
      'water-reuse.docx',
      { pillars: 3, pros: 2, cons: 2, takeaways: 3, actions: 2, date: '2026-04-02' },
    ],
  ])('imports %s with its structure found', async (_style, name, expected) => {
    const file = name.endsWith('.docx') ? join(dir, name) : join(ARTICLES, name);
    const { code, stderr, data, text } = await importArticle(file);
    expect(code, stderr).toBe(0);
    for (const field of ['pillars', 'pros', 'cons', 'takeaways', 'actions'] as const)
      expect(count(data, field), field).toBe(expected[field]);
    expect(data.subtitle).toBeTruthy();
    expect(data.context).toBeTruthy();
    expect(data.outlook).toBeTruthy();
    expect(data.date).toBe(expected.date);
    expect(text).not.toContain('# TODO: the article gives no date');
    expect(text).toContain('# TODO: rewrite as the bottom line');
  });

  it.each([
    'security-guarantees-article.txt',
    'port-resilience.html',
    'school-meals.txt',
    'grid-storage.txt',
    'rail-freight.md',
    'water-reuse.docx',
    'congestion-charge.txt',
    'flood-barriers.md',
    'desalination.txt',
    'nuclear-extension.html',
    'IF10002.html',
    'IF11755.html',
  ])('writes only strings that occur in %s', async (name) => {
    const file =
      name === 'security-guarantees-article.txt'
        ? SEED
        : name.endsWith('.docx')
          ? join(dir, name)
          : name.startsWith('IF')
            ? join(CRS, name)
            : join(ARTICLES, name);
    const { data } = await importArticle(file);
    const article = await readerText(file);
    const strings = stringsOf(data);
    expect(strings.length).toBeGreaterThan(15);
    // A point a sub-heading leads ("Heading: its first sentence") holds two strings of the article.
    // An addressee taken from a heading ("What policymakers should do") opens with a capital.
    const occurs = (text: string) =>
      [text, text.charAt(0).toLowerCase() + text.slice(1)].some((form) =>
        article.includes(form.replace(/[*_]/g, '').replace(/\s+/g, ' ')),
      );
    const missing = strings.filter((text) => {
      const led = /^([^:]{2,120}): (.+)$/s.exec(text);
      return !occurs(text) && !(led && occurs(led[1]!) && occurs(led[2]!));
    });
    expect(missing).toEqual([]);
  });

  it('lets no page furniture into the brief', async () => {
    const cruft = [
      'Share on',
      'Email this',
      'Leave a comment',
      'logged in',
      'Related articles',
      'Most read',
      'Ferry fares',
      'All rights reserved',
      'Privacy policy',
      'Subscribe',
      'Share this article',
      'Comments (14)',
      'Leave a Reply',
    ];
    for (const file of [join(ARTICLES, 'port-resilience.html'), join(ARTICLES, 'school-meals.txt'), SEED]) {
      const { text } = await importArticle(file);
      for (const line of cruft) expect(text, `${file}: ${line}`).not.toContain(line);
    }
  });

  it('writes briefs that pass check and build into decks for every audience, as they are', async () => {
    const outputs = await Promise.all(
      [
        'security-guarantees-article.txt',
        'port-resilience.html',
        'school-meals.txt',
        'rail-freight.md',
        'water-reuse.docx',
      ].map(async (name) => {
        const file =
          name === 'security-guarantees-article.txt'
            ? SEED
            : name.endsWith('.docx')
              ? join(dir, name)
              : join(ARTICLES, name);
        return (await importArticle(file, join(dir, 'briefs', `${name}.md`))).out;
      }),
    );
    const check = await runBriefdeck(['check', ...outputs]);
    expect(check.code, check.lines.join('\n')).toBe(0);
    const build = await runBriefdeck(['build', ...outputs, '--format', 'html', '--out', join(dir, 'decks')], 'bundled');
    expect(build.code, build.lines.join('\n')).toBe(0);
    expect(build.lines.join('\n')).toContain('5 of 5 briefs built');
  }, 180_000);

  it('reads a CRS brief: its printed date, its long opening as the bottom line, its unnamed sections as pillars; it builds', async () => {
    const { code, stderr, data, out } = await importArticle(join(CRS, 'IF10002.html'), join(dir, 'crs', 'IF10002.md'));
    expect(code, stderr).toBe(0);
    // "Updated September 24, 2026", printed under the title, not in the page's metadata.
    expect(data.date).toBe('2026-09-24');
    expect(data.subtitle).toBeUndefined();
    expect(String(data.summary)).toMatch(/^The World Trade Organization \(WTO\)/);
    expect(stderr).toContain('a standfirst (the bottom line; too long for a subtitle)');
    // Its own analytical sections, which no word of the vocabulary names, are pillars.
    expect(titles(data, 'pillars')).toEqual(expect.arrayContaining(['Post Doha Round', 'Plurilateral Initiatives']));
    expect(stderr).not.toContain('no brief field for it');
    // "Ongoing Challenges": its bold-led paragraphs (`<strong>WTO Reform.</strong> …`) are its items.
    expect(titles(data, 'cons')).toEqual(expect.arrayContaining(['Negotiating Agenda', 'WTO Reform']));
    const build = await runBriefdeck(['build', out, '--format', 'html', '--out', join(dir, 'crs-decks')], 'bundled');
    expect(build.code, build.lines.join('\n')).toBe(0);
  }, 120_000);

  it("makes a CRS brief's considerations for Congress its calls to action for Congress, each sub-heading leading its points", async () => {
    const { code, stderr, data } = await importArticle(join(CRS, 'IF11755.html'), join(dir, 'crs', 'IF11755.md'));
    expect(code, stderr).toBe(0);
    expect(data.date).toBe('2026-10-06');
    const actions = data.actions as { for: string; points: string[] }[];
    expect(actions.map((group) => group.for)).toEqual(['Congress']);
    const points = actions[0]!.points;
    expect(points.some((point) => point.startsWith('Lessons Learned from the Ukraine Conflict: '))).toBe(true);
    expect(points.some((point) => point.startsWith('Marine Corps Growth and ACV Requirements: '))).toBe(true);
    // The sections before it are the brief's pillars, not calls to action: one with sub-headings
    // ("ACV Amphibious Operational Mishaps") a pillar for each of them.
    expect(titles(data, 'pillars')).toEqual(
      expect.arrayContaining(['ACV Resumes Amphibious Operations', 'FY2027 ACV Budget Request']),
    );
    expect(data.context).toBeDefined();
  });

  it("keeps a CRS brief's links as sources, one per address, cited by the items they came from", async () => {
    const { data } = await importArticle(join(CRS, 'IF11755.html'), join(dir, 'crs', 'links.md'));
    const sources = data.sources as { id: string; title: string; publisher: string; url: string }[];
    const urls = sources.map((source) => source.url);
    expect(urls).toContain(
      'https://www.dvidshub.net/news/384746/marine-corps-begins-fielding-amphibious-combat-vehicle',
    );
    expect(new Set(urls).size).toBe(urls.length);
    for (const source of sources) {
      expect(source.publisher).toBe(new URL(source.url).hostname.replace(/^www\./, ''));
      expect(source.id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
    // In-page anchors ("#_Ref…") are not evidence.
    expect(urls.every((url) => /^https?:\/\//.test(url))).toBe(true);
    // Every id a pillar cites is a source, and some pillar cites one.
    const ids = new Set(sources.map((source) => source.id));
    const cited = (data.pillars as { sources?: string[] }[]).flatMap((pillar) => pillar.sources ?? []);
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(ids.has(id), id).toBe(true);
  });

  it("makes a CRS brief's data table an appendix slide: its caption the heading, its rows a table, its source and note lines under it; it builds as a table", async () => {
    const { code, stderr, data, text, out } = await importArticle(
      join(CRS, 'IF10119.html'),
      join(dir, 'crs', 'IF10119.md'),
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('1 table (appendix slides)');
    const body = text.slice(text.indexOf('\n---\n', 4) + 5);
    expect(body).toContain('## Table 1. Trump-Xi Summits, 2025-2026');
    expect(body).toContain('| Date | Location | Details |');
    // The asterisk marking planned meetings is the cell's own, not emphasis.
    expect(body).toContain('| \\*Sept. 23-25, 2026 | Washington, DC |');
    expect(body).toMatch(/\|\n\nSource: White House\.\n\nNote: \\\* Planned or proposed meetings\./);
    // The table's furniture is not the argument: no point or note holds it.
    expect(stringsOf(data).some((value) => /Source: White House|^Date$|Busan, South Korea/.test(value))).toBe(false);
    const build = await runBriefdeck(['build', out, '--format', 'html', '--out', join(dir, 'table-decks')], 'bundled');
    expect(build.code, build.lines.join('\n')).toBe(0);
    const { document } = parseHTML(readFileSync(join(dir, 'table-decks', 'IF10119', 'committee.html'), 'utf8'));
    const slides = [...document.querySelectorAll('section')].filter((slide) =>
      slide.querySelector('h2')?.textContent?.startsWith('Table 1. Trump-Xi Summits'),
    );
    expect(slides.length).toBeGreaterThan(0);
    const headers = [...slides[0]!.querySelectorAll('th')].map((cell) => cell.textContent?.trim());
    expect(headers).toEqual(['Date', 'Location', 'Details']);
    const rows = slides.flatMap((slide) => [...slide.querySelectorAll('tbody tr')]);
    expect(rows.map((row) => row.querySelector('td')?.textContent?.trim())).toEqual([
      'Oct. 30, 2025',
      'May 14-15, 2026',
      '*Sept. 23-25, 2026',
      '*Nov. 18-19, 2026',
      '*Dec. 14-15, 2026',
    ]);
  }, 120_000);

  it('dates a Word document by the date printed under its title before its core properties, and keeps that line out of the text', async () => {
    const file = join(dir, 'dated.docx');
    const lines = [
      'Updated October 9, 2026',
      'Coastal councils want a national fund for flood barriers before the next storm season.',
      { heading: 1 as const, text: 'Why a fund' },
      'Councils cannot borrow enough on their own. Storm damage has doubled in a decade.',
    ];
    writeFileSync(file, await writeWordDocument('A Fund for Flood Barriers', lines, '2026-11-20T08:00:00.000Z'));
    const { code, stderr, data } = await importArticle(file);
    expect(code, stderr).toBe(0);
    expect(data.date).toBe('2026-10-09');
    expect(stringsOf(data).some((text) => text.includes('Updated October 9'))).toBe(false);
  });

  it('reads a Word memo in another house style: "Key Judgments" as the bottom line, a section of bold run-in paragraphs as a pillar of them, its table, its hyperlink as a source, "Options for the Committee" as calls to action for the Committee', async () => {
    const file = join(dir, 'broadband.docx');
    const lines = [
      'Updated 3 November 2026',
      'Rural households are four times as likely as urban ones to lack a gigabit connection. A voucher scheme would pay part of the cost of connecting them.',
      { heading: 1 as const, text: 'Key Judgments' },
      'A voucher scheme could connect 300,000 rural premises by 2029 for about 450 million euros.',
      { heading: 1 as const, text: 'How the scheme would work' },
      {
        bold: 'Vouchers.',
        text: ' Each premises could claim up to 1,500 euros towards the connection. Groups of neighbours could pool vouchers.',
      },
      {
        bold: 'Suppliers.',
        text: ' Any registered operator could redeem vouchers. The regulator would publish a list of operators.',
      },
      {
        before: 'Costs are set out in ',
        link: { text: "the department's cost model", url: 'https://example.gov/broadband/costs-2026' },
        after: '.',
      },
      'Table 1. Premises without gigabit access, by region',
      {
        table: [
          ['Region', 'Premises', 'Share'],
          ['North', '120,000', '31%'],
          ['South', '95,000', '22%'],
        ],
      },
      { bold: 'Source:', text: ' National regulator, 2026.' },
      { heading: 1 as const, text: 'Strengths and Weaknesses' },
      { heading: 2 as const, text: 'Strengths' },
      { bullet: 'Fast to start: vouchers need no new procurement.' },
      { heading: 2 as const, text: 'Weaknesses' },
      { bullet: 'Patchy take-up: remote premises may still find no operator.' },
      { heading: 1 as const, text: 'Prospects' },
      'The regulator expects two new operators to enter the market next year.',
      { heading: 1 as const, text: 'Options for the Committee' },
      { bullet: 'Approve a pilot in the two regions with the lowest coverage.' },
      { bullet: 'Ask the regulator to report on take-up after twelve months.' },
    ];
    writeFileSync(file, await writeWordDocument('Broadband Vouchers: Closing the Rural Gap', lines));
    const { code, stderr, data, text } = await importArticle(file);
    expect(code, stderr).toBe(0);
    expect(data.date).toBe('2026-11-03');
    expect(data.summary).toBe(
      'A voucher scheme could connect 300,000 rural premises by 2029 for about 450 million euros.',
    );
    // Every paragraph opens with its phrase: the first sums the pillar up, each a point that
    // opens with its phrase and goes on to the sentence after it.
    const pillar = (data.pillars as { title: string; summary: string; points: string[]; sources: string[] }[])[0]!;
    expect(pillar.title).toBe('How the scheme would work');
    expect(pillar.summary).toBe('Vouchers. Each premises could claim up to 1,500 euros towards the connection.');
    expect(pillar.points).toEqual(['Suppliers. Any registered operator could redeem vouchers.']);
    expect(pillar.sources).toEqual(['example.gov']);
    expect(data.sources).toEqual([
      {
        id: 'example.gov',
        title: "the department's cost model",
        publisher: 'example.gov',
        url: 'https://example.gov/broadband/costs-2026',
      },
    ]);
    expect(titles(data, 'pros')).toEqual(['Fast to start']);
    expect(titles(data, 'cons')).toEqual(['Patchy take-up']);
    expect((data.outlook as { title: string }).title).toBe('Prospects');
    expect(data.actions).toEqual([
      {
        for: 'Committee',
        points: [
          'Approve a pilot in the two regions with the lowest coverage.',
          'Ask the regulator to report on take-up after twelve months.',
        ],
      },
    ]);
    // The opening, no section of its own, leads the context slide rather than leaving it empty.
    expect((data.context as { summary: string }).summary).toBe(
      'Rural households are four times as likely as urban ones to lack a gigabit connection.',
    );
    expect(text).toContain('## Table 1. Premises without gigabit access, by region\n\n| Region | Premises | Share |');
    expect(text).toContain('| South | 95,000 | 22% |\n\nSource: National regulator, 2026.');
    expect(stderr).toContain("placed: 100 % of the article's sentences");
  });

  it('makes a section of plain prose one pillar under its heading, not a pillar per paragraph titled by a sentence; "by a fifth" is no byline', async () => {
    const file = join(dir, 'road-pricing.txt');
    writeFileSync(
      file,
      [
        'Road Pricing for the Capital',
        '',
        'A new charge would cut traffic in the centre by a fifth.',
        '',
        'Background',
        '',
        'Traffic in the centre has grown by a tenth since 2019. Buses are slower than in 1990.',
        '',
        'The plan',
        '',
        'Drivers entering the centre on weekdays would pay a daily charge, collected by camera, with exemptions for residents, carers and the emergency services. It would start in 2028.',
        '',
        'The money raised would go to buses for ten years. Fares would be frozen.',
        '',
        'Outlook',
        '',
        'The mayor will publish a consultation in the spring.',
        '',
      ].join('\n'),
    );
    const { code, stderr, data } = await importArticle(file);
    expect(code, stderr).toBe(0);
    expect(titles(data, 'pillars')).toEqual(['The plan']);
    expect((data.pillars as { summary: string }[])[0]!.summary).toMatch(/^Drivers entering the centre on weekdays/);
    expect(stderr).not.toContain('byline');
    expect(stderr).toContain("placed: 100 % of the article's sentences");
  });

  it("reads a Markdown article's pipe table, caption and source line, an escaped pipe kept in its cell, and an article that opens on a heading", async () => {
    const file = join(dir, 'ferries.md');
    writeFileSync(
      file,
      [
        '# Ferry Subsidies for the Islands',
        '',
        '## Background',
        '',
        'The islands rely on three ferry routes. Fares rose by a third since 2020.',
        '',
        'Table 2. Fares by route, 2020 and 2026',
        '',
        '| Route | 2020 | 2026 |',
        '| --- | --- | --- |',
        '| North | £12 | £16 |',
        '| West \\| spur | £20 | £26 |',
        '',
        'Source: Transport board.',
        '',
        '## Options for Parliament',
        '',
        '- Freeze fares for residents.',
        '- Fund a fourth vessel.',
        '',
      ].join('\n'),
    );
    const { code, stderr, text, data } = await importArticle(file);
    expect(code, stderr).toBe(0);
    // It opens straight on a heading, and its sections are context and calls to action: its first
    // sentence is the bottom line, its first section the one stand-in pillar.
    expect(data.summary).toBe('The islands rely on three ferry routes.');
    expect(text).toContain('# TODO: the article gives no date');
    expect(titles(data, 'pillars')).toEqual(['Background']);
    expect(text).toContain(
      '## Table 2. Fares by route, 2020 and 2026\n\n| Route | 2020 | 2026 |\n| --- | --- | --- |\n| North | £12 | £16 |\n| West \\| spur | £20 | £26 |\n\nSource: Transport board.',
    );
    expect(stderr).toContain('placed: 100 %');
  });

  it.each([
    ['security-guarantees-article.txt', SEED],
    ['IF10002.html', join(CRS, 'IF10002.html')],
    ['IF11755.html', join(CRS, 'IF11755.html')],
  ])('says how much of %s it placed: at least 80 % of its sentences, and which it left out', async (name, file) => {
    const { stderr, text } = await importArticle(file, join(dir, 'placement', `${name}.md`));
    const share = /placed: (\d+) % of the article's sentences \((\d+) of (\d+)\)/.exec(stderr);
    expect(share, stderr).not.toBeNull();
    expect(Number(share![1])).toBeGreaterThanOrEqual(80);
    expect(Number(share![2])).toBeLessThanOrEqual(Number(share![3]));
    // Each sentence said to be left out is indeed nowhere in the brief.
    const brief = text.replace(/\s+/g, ' ');
    for (const [, sentence] of stderr.matchAll(/^left out: "(.+?)…?"$/gm))
      expect(brief.includes(sentence!.replace(/…$/, '').slice(0, 40)), sentence).toBe(false);
  });

  it('reads run-in "Advantages:" and "Disadvantages:" labels inside a section as pros and cons, and "What Policymakers Should Do" as calls to action for Policymakers', async () => {
    const { code, stderr, data } = await importArticle(
      join(ARTICLES, 'congestion-charge.txt'),
      join(dir, 'run-in', 'congestion-charge.md'),
    );
    expect(code, stderr).toBe(0);
    expect(titles(data, 'pros')).toEqual(['Less congestion', 'Money for buses']);
    expect(titles(data, 'cons')).toEqual(['Burden on low earners', 'Displaced traffic']);
    // The section's own opening, the proposal itself, is its pillar; the labels are not pillars.
    expect(titles(data, 'pillars')).toEqual(['Weighing the proposal']);
    expect(data.actions).toEqual([
      {
        for: 'Policymakers',
        points: [
          'The ministry should publish model rules for a local charge.',
          'Cities should consult residents before setting the price.',
        ],
      },
    ]);
    expect(stderr).toContain("placed: 100 % of the article's sentences");
  });

  it('reads a think-tank page: its byline line out of the text, run-in list items as a pillar\'s points, "Arguments for/against" in plain sentences as one argument a sentence', async () => {
    const { code, stderr, data } = await importArticle(
      join(ARTICLES, 'nuclear-extension.html'),
      join(dir, 'think-tank', 'nuclear-extension.md'),
    );
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('byline "Priya Raman"');
    expect(stringsOf(data).some((text) => text.includes('8 min read'))).toBe(false);
    expect(titles(data, 'takeaways')).toEqual(['Cheapest option', 'Safety first', 'Time is short']);
    const pillar = (data.pillars as { title: string; summary: string; points: string[] }[]).find(
      (candidate) => candidate.title === 'What an extension involves',
    )!;
    expect(pillar.summary).toBe('Component replacement. Steam generators and control systems are replaced.');
    expect(pillar.points).toEqual([
      'Safety review. The regulator assesses ageing of the pressure vessel and concrete.',
      'Financing. Operators fund the work against a contract for difference.',
    ]);
    expect(titles(data, 'pros')).toEqual([
      'Low cost per unit of clean power.',
      'Existing sites, grid connections and staff are used.',
      'No new waste sites are needed before 2040.',
    ]);
    expect(titles(data, 'cons')).toHaveLength(3);
    expect((data.actions as { points: string[] }[])[0]!.points).toHaveLength(3);
    // The share prompt and the related research are the page's, not the article's.
    expect(stringsOf(data).some((text) => /Share this|Hydrogen for heavy industry|Related research/.test(text))).toBe(
      false,
    );
    expect(stderr).toContain("placed: 100 % of the article's sentences");
  });

  it('reads plain text with numbered capital sections, outline-numbered sub-sections and headings written straight above their text; its "Summary" as the bottom line', async () => {
    const { code, stderr, data } = await importArticle(
      join(ARTICLES, 'desalination.txt'),
      join(dir, 'outline', 'desalination.md'),
    );
    expect(code, stderr).toBe(0);
    // "Summary", then its paragraph on the next line: the section is the bottom line, whole.
    expect(data.summary).toBe(
      'The region could meet a quarter of its drinking water demand from two seawater desalination plants by 2032, at a cost of about 1.8 billion euros. The committee must decide this year whether to fund the design stage.',
    );
    expect(stderr).toContain('a summary section "Summary" (the bottom line)');
    expect(stderr).toContain('byline "Regional Water Office"');
    // "2. WHAT IS PROPOSED" holds "2.1 Two coastal plants" …: its sub-sections, numbers dropped.
    expect(titles(data, 'pillars')).toEqual(['Two coastal plants', 'A regional pipeline', 'A tariff for large users']);
    expect((data.pillars as { summary: string }[])[0]!.summary).toBe(
      'Each plant would produce 60 million cubic metres a year.',
    );
    expect(titles(data, 'pros')).toEqual(['Supply in any weather', 'Less pressure on aquifers', 'Jobs']);
    expect(titles(data, 'cons')).toEqual(['Energy use', 'Brine', 'Cost']);
    expect((data.context as { title: string }).title).toBe('THE PROBLEM');
    expect((data.outlook as { title: string }).title).toBe('LOOKING AHEAD');
    expect((data.actions as { points: string[] }[])[0]!.points).toHaveLength(3);
    expect(stderr).toContain("placed: 100 % of the article's sentences");
  });

  it("reads a Markdown article's bold-led paragraphs as items under bold sub-headings, and its links as the sources they cite", async () => {
    const { code, stderr, data } = await importArticle(
      join(ARTICLES, 'flood-barriers.md'),
      join(dir, 'md', 'flood.md'),
    );
    expect(code, stderr).toBe(0);
    // "**Advantages**" alone on its line is a sub-heading; "**Lower cost.** …" an item titled by its bold words.
    expect(titles(data, 'pros')).toEqual(['Lower cost', 'River views kept']);
    expect(titles(data, 'cons')).toEqual(['Warning time', 'Storage and staff']);
    const sources = data.sources as { id: string; url: string; publisher: string; title: string }[];
    expect(sources.map((source) => source.url)).toEqual([
      'https://www.example.gov/flood-risk-2025',
      'https://www.example.gov/barrier-costs',
      'https://www.example.gov/inspection-2024',
    ]);
    expect(sources[0]!.title).toBe("Environment Agency's 2025 flood risk assessment");
    expect(sources[1]!.title).toBe("the agency's cost review");
    const pros = data.pros as { title: string; sources?: string[] }[];
    expect(pros[0]!.sources).toEqual([sources[1]!.id]);
    const cons = data.cons as { title: string; sources?: string[] }[];
    expect(cons[1]!.sources).toEqual([sources[2]!.id]);
  });

  it.each([
    ['French plain text', 'stockage-hydrogene.txt', { lang: 'fr', pros: 3, cons: 3, takeaways: 3 }],
    ['German Markdown', 'waermenetze.md', { lang: 'de', pillars: 3, pros: 2, cons: 2, takeaways: 2 }],
  ] as const)(
    'reads an article in %s that does not say its language: its language from its words, its headings in it',
    async (_style, name, expected) => {
      const { code, stderr, data } = await importArticle(join(ARTICLES, name));
      expect(code, stderr).toBe(0);
      expect(data.lang).toBe(expected.lang);
      for (const field of ['pros', 'cons', 'takeaways'] as const)
        expect(count(data, field), field).toBe(expected[field]);
      if ('pillars' in expected) expect(count(data, 'pillars')).toBe(expected.pillars);
      expect(data.context).toBeTruthy();
      expect(data.outlook).toBeTruthy();
      expect(count(data, 'actions')).toBeGreaterThanOrEqual(1);
    },
  );

  it.each([
    [
      'es',
      {
        Antecedentes: 'context',
        Ventajas: 'pros',
        Desventajas: 'cons',
        Perspectivas: 'outlook',
        Recomendaciones: 'actions',
      },
    ],
    [
      'fr',
      {
        Contexte: 'context',
        Avantages: 'pros',
        Inconvénients: 'cons',
        'Points clés': 'takeaways',
        Recommandations: 'actions',
      },
    ],
    [
      'de',
      {
        Hintergrund: 'context',
        Vorteile: 'pros',
        Nachteile: 'cons',
        Fazit: 'takeaways',
        Handlungsempfehlungen: 'actions',
      },
    ],
  ] as const)('knows the %s heading words of each brief field', (lang, headings) => {
    const vocabulary = loadVocabulary(join(ROOT, 'templates'), lang);
    for (const [heading, field] of Object.entries(headings))
      expect(vocabulary.fieldsOf(heading), heading).toEqual([field]);
  });

  it('finishes by laying every slide out in the browser, as check --render does, and says so; without a browser it says it did not', async () => {
    const out = join(dir, 'fit', 'IF10002.md');
    const withBrowser = await runBriefdeck(['import', join(CRS, 'IF10002.html'), '--out', out], 'bundled');
    expect(withBrowser.code, withBrowser.lines.join('\n')).toBe(0);
    expect(withBrowser.lines.join('\n')).toContain('✓ every slide of every audience fits');
    const without = await runBriefdeck(['import', join(CRS, 'IF10002.html'), '--out', out, '--force'], 'none');
    expect(without.code).toBe(0);
    expect(without.lines.join('\n')).toMatch(/fit not checked, no browser started: /);
    expect(existsSync(out)).toBe(true);
  }, 120_000);

  it('never overwrites an existing brief unless told to with --force', async () => {
    const out = join(dir, 'kept.md');
    writeFileSync(out, 'a brief of my own\n');
    const refused = await importArticle(join(ARTICLES, 'rail-freight.md'), out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${out}: a brief of that name exists already and was left as it is\n  hint: choose another name with --out, or replace it with --force`,
    );
    expect(readFileSync(out, 'utf8')).toBe('a brief of my own\n');
    const forced = await importArticle(join(ARTICLES, 'rail-freight.md'), out, '--force');
    expect(forced.code).toBe(0);
    expect(forced.data.title).toBe('Moving Freight from Road to Rail');
  });

  it.each([
    [
      'a corrupt Word file',
      'memo.docx',
      Buffer.from('PK\u0003\u0004 this is not really a zip'),
      'this is not a Word document briefdeck can read',
    ],
    [
      'a binary file',
      'photo.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'this is a binary file, not an article',
    ],
    [
      'a web page with no article',
      'front-page.html',
      Buffer.from(
        '<!DOCTYPE html><html><body><nav><a href="/">Home</a><a href="/news">News</a></nav><footer>© 2026</footer></body></html>',
      ),
      'no article text was found in this page',
    ],
  ])('refuses %s with a clear message and writes nothing', async (_what, name, bytes, message) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const { code, stderr, out } = await importArticle(file, join(dir, `${name}.brief.md`));
    expect(code).toBe(1);
    expect(stderr).toContain(`${file}: ${message}`);
    expect(stderr).toContain('  hint: ');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
