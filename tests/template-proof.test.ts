import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefs, loadTemplateSets } from '../scripts/build.ts';
import { readAudienceTemplates } from '../scripts/export/pptx/choice.ts';
import { resolveAudiences } from '../scripts/inputs.ts';
import { type FitAdjustments, planDeck } from '../scripts/deck/plan.ts';
import { probeShapes, provenKinds } from '../scripts/deck/probe.ts';
import type { AudienceProfile } from '../scripts/deck/profile.ts';
import { type RenderTemplates, renderDeck, slideValues, type TemplateSource } from '../scripts/deck/render.ts';
import { fillsForAnyBrief, type Shape, shapeHolds } from '../scripts/deck/template-proof.ts';
import { renderTemplatesFor } from '../scripts/deck/templates.ts';
import {
  AUDIENCES,
  FIGURE_BRIEF,
  loadText,
  minimalBrief,
  profile,
  REAL_BRIEF,
  readBrief,
  ROOT,
  TEMPLATES,
} from './helpers/briefs.ts';
import { Temporaries } from '../scripts/temporaries.ts';
import { validateBrief } from '../scripts/brief/validate.ts';
import type { Brief } from '../scripts/brief/schema.ts';

// A check fills only the slides whose templates it cannot prove fill for every brief. These tests
// hold the proof to the planners' real output, to the shipped templates, and to a real fill.

const folders = ['content', 'tests/fixtures/briefs', 'tests/fixtures/rtl', 'tests/fixtures/scripts'];
const FIXTURE_BRIEFS = folders.flatMap((folder) =>
  readdirSync(join(ROOT, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, folder, name)),
);
const MINIMAL = validateBrief(loadText(minimalBrief()), { audiences: AUDIENCES });

// Each audience's set as a build loads it, on its PowerPoint template's look where it has one.
const SETS = loadTemplateSets(
  TEMPLATES,
  resolveAudiences(TEMPLATES, undefined),
  readAudienceTemplates(resolveAudiences(TEMPLATES, undefined)).choices,
);
const templatesOf = (audience: AudienceProfile, lang: string) => renderTemplatesFor(SETS.get(audience.name)!, lang);

/** Every slide a brief can give, its lists continued one item a slide and its figures apart. */
function everyPlan(brief: Brief, audience: AudienceProfile, of: string) {
  const options = { slug: 'x', body: '', file: 'x.md', of };
  const first = planDeck(brief, { ...audience, maxSlides: undefined }, options);
  const groups = first.slides.map((slide) => slide.fit.group);
  const fit: FitAdjustments = {
    perSlide: new Map(groups.map((group) => [group, 1])),
    shrink: new Map(),
    apart: new Set(groups),
  };
  return [first, planDeck(brief, { ...audience, maxSlides: undefined }, { ...options, fit })];
}

describe("the probe's shapes", () => {
  it('are what every planned slide of every fixture brief has, for every audience, lists split or not', () => {
    let slides = 0;
    const briefs = [...FIXTURE_BRIEFS.map((file) => readBrief(file).brief), MINIMAL];
    for (const brief of briefs)
      for (const name of AUDIENCES) {
        const audience = profile(name);
        const templates = templatesOf(audience, brief.lang);
        const shapes = probeShapes(templates, audience, brief.lang);
        for (const deck of everyPlan(brief, audience, templates.labels.of)) {
          const { slides: values, shared } = slideValues(deck, templates);
          for (const { kind, values: own } of values) {
            const shape = shapes.get(kind);
            expect(shape, `${name}: the probe plans no ${kind} slide`).toBeDefined();
            expect(shapeHolds(shape!, { ...own, ...shared }), `${brief.title}, ${name}, ${kind}`).toBe(true);
            slides++;
          }
        }
      }
    expect(slides).toBeGreaterThan(500);
  });
});

describe('the proof', () => {
  const committee = profile('committee');
  const templates = templatesOf(committee, 'en');
  const shapes = probeShapes(templates, committee, 'en');
  const pillarShape = shapes.get('pillar')!;
  const proves = (source: string, shape: Shape = pillarShape) =>
    fillsForAnyBrief({ file: 'pillar.hbs', source }, templates.partials!, shape);

  it('proves every shipped template of every audience, so a check fills none of them', () => {
    for (const name of AUDIENCES) {
      const audience = profile(name);
      const kinds = audience.sections.map((entry) => entry.kind).filter((kind) => kind !== 'appendix');
      expect([...provenKinds(templatesOf(audience, 'en'), audience, 'en')].sort(), name).toEqual(
        [...new Set(kinds)].sort(),
      );
    }
  });

  it('proves lookups the slide always has, in loops, branches, partials and the root', () => {
    expect(proves('## {{title}} {{labels.of}} {{#each points}}{{text}}{{@index}}{{../title}}{{/each}}')).toBe(true);
    expect(proves('{{#if summary}}{{summary}}{{else}}{{@root.title}}{{/if}}{{> _points}}{{> _citations}}')).toBe(true);
    expect(proves('{{#with labels}}{{of}}{{/with}} {{#each figures}}{{image}}{{/each}}')).toBe(true);
    expect(proves('- {{title}}\n- {{summary}}\n\n--- not a separator\n')).toBe(true);
  });

  it('does not prove a template that could fail for some brief', () => {
    const cases = [
      '{{nosuchfield}}',
      '{{summary.text}}',
      '{{#each points}}{{nosuch}}{{/each}}',
      '{{#if continued}}{{nosuch}}{{/if}}',
      '{{#unless continued}}{{nosuch}}{{/unless}}',
      '{{#each points}}{{else}}{{nosuch}}{{/each}}',
      '{{@index}}',
      '{{../title}}',
      '{{#each points}}{{../../title}}{{/each}}',
      '{{> _nosuchpartial}}',
      '## A\n\n---\n\n## B',
      '--{{summary}}-',
      '{{#each points}}-{{/each}}',
      '{{lookup points 0}}',
      '{{log}}',
      '{{#each points as |point|}}{{point.text}}{{/each}}',
      '{{#with summary}}{{this}}{{/with}}',
      '{{#points}}{{text}}{{/points}}',
      '{{unclosed',
    ];
    for (const source of cases) expect(proves(source), source).toBe(false);
  });

  it('follows a value the audience never has: a missing logo’s branch never runs', () => {
    const title = shapes.get('title')!;
    // The committee has no logo of its own.
    expect(title.kind === 'object' && title.keys.get('logo')).toEqual({ kind: 'absent' });
    expect(proves('{{#if logo}}{{logo.alt}}{{/if}}', title)).toBe(true);
    expect(proves('{{logo.alt}}', title)).toBe(false);
  });

  // The one claim a check relies on: a template proven for a slide kind fills for any brief.
  it('never proves a template that a real fill then fails on, over random templates and briefs', () => {
    const briefs = [readBrief(REAL_BRIEF).brief, MINIMAL];
    const paths = ['title', 'summary', 'number', 'continued', 'points', 'citations', 'figures', 'labels.of'];
    const wrong = ['nosuch', 'summary.x', 'points.text', '../title', '@index', '@root.nosuch', 'logo.alt', 'this'];
    const path = fc.constantFrom(...paths, ...wrong);
    const text = fc.constantFrom('text ', '- ', '-', '--', '\n', '---\n', '\n---\n', ' ');
    const template: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
      nodes: fc.array(tie('node'), { maxLength: 4 }).map((nodes) => nodes.join('')),
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        path.map((value) => `{{${value}}}`),
        fc.constantFrom('{{> _points}}', '{{> _citations}}', '{{> _nosuch}}'),
        fc
          .tuple(fc.constantFrom('if', 'unless', 'each', 'with'), path, tie('nodes'), tie('nodes'))
          .map(([helper, value, body, other]) => `{{#${helper} ${value}}}${body}{{else}}${other}{{/${helper}}}`),
      ),
    })).nodes;
    let proven = 0;
    let failed = 0;
    fc.assert(
      fc.property(template, (source) => {
        const slides = new Map(templates.slides);
        slides.set('pillar', { file: 'pillar.hbs', source } satisfies TemplateSource);
        const custom: RenderTemplates = { ...templates, slides };
        const isProven = provenKinds(custom, committee, 'en').has('pillar');
        for (const brief of briefs)
          for (const deck of everyPlan(brief, committee, 'of')) {
            let threw = false;
            try {
              renderDeck(deck, custom);
            } catch {
              threw = true;
            }
            if (threw) failed++;
            expect(isProven && threw, source).toBe(false);
          }
        if (isProven) proven++;
      }),
      { numRuns: 400 },
    );
    // Both kinds turn up: the property was tried on templates it proves and on ones that fail.
    expect(proven).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(20);
  });
});

describe('briefdeck check, which fills only what could fail', () => {
  const root = mkdtempSync(join(tmpdir(), 'briefdeck-proof-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let count = 0;

  /** Checks `files` for the committee with the shipped templates changed by `change`. */
  async function check(files: string[], change: (templatesDir: string) => void) {
    const templatesDir = join(root, `templates-${++count}`);
    cpSync(TEMPLATES, templatesDir, { recursive: true });
    change(templatesDir);
    const reports = await buildBriefs(
      {
        files,
        audiences: ['committee'],
        formats: [],
        outDir: join(root, `out-${count}`),
        templatesDir,
        contentDir: join(ROOT, 'content'),
      },
      {
        runMarp: async () => {
          throw new Error('a check runs no Marp');
        },
        openBrowser: async () => {
          throw new Error('a check opens no browser');
        },
        progress: () => {},
        temporaries: new Temporaries(),
      },
    );
    return {
      templatesDir,
      errors: reports.flatMap((report) => report.errors.map((error) => `${error.where.file}: ${error.message}`)),
    };
  }

  it('reports a template’s error for every brief, as a build would', async () => {
    const { templatesDir, errors } = await check([REAL_BRIEF], (dir) =>
      writeFileSync(
        join(dir, 'slides', 'takeaways.hbs'),
        '## {{labels.takeaways}}\n\n{{#each items}}{{nosuch}}{{/each}}\n',
      ),
    );
    expect(errors).toEqual([
      `${join(templatesDir, 'slides', 'takeaways.hbs')}: the template failed: "nosuch" not defined in [object Object] - 3:17`,
    ]);
  });

  it('plans a deck with a slide limit, every kind proven, and refuses one over it', async () => {
    const { errors } = await check([REAL_BRIEF], (dir) => {
      const file = join(dir, 'committee', 'profile.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\nmaxSlides: 3\n`);
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/: the committee deck would have \d+ slides, more than its limit of 3$/);
  });

  it('fills a slide with a figure even where its kind is proven, and refuses a template that leaves the figure out', async () => {
    const { templatesDir, errors } = await check([FIGURE_BRIEF], (dir) => {
      const file = join(dir, 'slides', 'pillar.hbs');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{{> _figures}}', ''));
    });
    expect(errors).toEqual([
      `${join(templatesDir, 'slides', 'pillar.hbs')}: the template shows none of the slide's figure`,
    ]);
  });
});
