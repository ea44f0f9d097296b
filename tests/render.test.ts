import { Marp } from '@marp-team/marp-core';
import fc from 'fast-check';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { toPlainLine } from '../scripts/deck/escape.ts';
import { MARP_ENGINE_OPTIONS } from '../scripts/marp-engine.ts';
import { planDeck } from '../scripts/deck/plan.ts';
import { renderDeck } from '../scripts/deck/render.ts';
import type { Brief } from '../scripts/brief/schema.ts';
import { loadTemplateSet, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { profile, readBrief, REAL_BRIEF, TEMPLATES } from './helpers/briefs.ts';

const committee = profile('committee');
const templateSet = loadTemplateSet(TEMPLATES, committee);
const templates = renderTemplatesFor(templateSet, 'en');

/** Renders Marp Markdown with the same engine and options the export uses. */
function marp(markdown: string) {
  const engine = new Marp(MARP_ENGINE_OPTIONS);
  engine.themeSet.add(templateSet.theme.css);
  const { html, comments } = engine.render(markdown);
  const root = parse(html);
  return { html, comments, sections: root.querySelectorAll('section') };
}

function briefWith(value: string): Brief {
  return {
    title: value,
    date: '2026-01-15',
    lang: 'en',
    summary: value,
    marking: value,
    pillars: [{ title: value, summary: value, points: [{ text: value }], notes: value }],
    pros: [{ title: value, detail: value }],
    cons: [{ title: value }],
    takeaways: [{ title: value, detail: value }],
    actions: [{ for: value, points: [{ text: value }] }],
    sources: [{ id: 's1', title: value, url: 'https://example.org/a_(b)' }],
  };
}

const render = (brief: Brief) =>
  renderDeck(planDeck(brief, committee, { slug: 'x', body: '', file: 'x.md' }), templates);

const HOSTILE = [
  'a\n---\nb',
  '![bg](https://example.org/x.png)',
  '[click](javascript:alert(1))',
  '<script>alert(1)</script>',
  '<!-- _class: invert -->',
  '-->\n<!-- theme: gaia -->',
  '$x^2$ and $$y$$',
  'theme: gaia\nclass: invert',
  '# heading\n## another',
  ':smile: :+1:',
  '*emph* __strong__ `code` ~~del~~',
  '| a | b |\n|---|---|',
  '1. not a list',
  'https://example.org/autolink',
  '{{title}} {{{title}}}',
  '&amp; &lt;b&gt;',
  '\\ backslash \\n',
  'Київ — Αθήνα',
];

describe('renderDeck', () => {
  it('renders the real brief to as many Marp slides as the plan holds', () => {
    const { brief, loaded } = readBrief(REAL_BRIEF);
    const deck = planDeck(brief, committee, { slug: 'x', body: loaded.body, file: REAL_BRIEF });
    const { sections, comments } = marp(renderDeck(deck, templates));
    expect(sections).toHaveLength(deck.slides.length + deck.appendix.length);
    deck.slides.forEach((slide, index) => {
      expect(sections[index]!.classList.contains(slide.kind)).toBe(true);
    });
    expect(comments.filter((notes) => notes.length > 0).length).toBe(deck.slides.filter((slide) => slide.notes).length);
  });

  it('shows the marking in every slide header and footer', () => {
    const { brief } = readBrief(REAL_BRIEF);
    const { sections } = marp(render(brief));
    for (const section of sections) {
      expect(section.querySelector('header')?.text).toBe('UNCLASSIFIED // FOR COMMITTEE USE');
      expect(section.querySelector('footer')?.text).toBe('UNCLASSIFIED // FOR COMMITTEE USE');
    }
  });

  it('prints any string in any field as literal text, with the slide count and classes of plain text', () => {
    const baseline = marp(render(briefWith('Plain text')));
    const text = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: 'grapheme', minLength: 1 }),
      fc.string({
        unit: fc.constantFrom(
          '-',
          '\n',
          '<',
          '>',
          '!',
          '[',
          ']',
          '(',
          ')',
          '$',
          '*',
          '_',
          '`',
          ':',
          '#',
          '\\',
          '|',
          '{',
          '}',
          '&',
          ' ',
          'a',
        ),
      }),
    );
    fc.assert(
      fc.property(
        text.filter((value) => toPlainLine(value).length > 0),
        (value) => {
          const { sections, html, comments } = marp(render(briefWith(value)));
          expect(sections).toHaveLength(baseline.sections.length);
          expect(sections.map((s) => s.getAttribute('class'))).toEqual(
            baseline.sections.map((s) => s.getAttribute('class')),
          );
          expect(sections.map((s) => s.getAttribute('data-theme'))).toEqual(
            baseline.sections.map((s) => s.getAttribute('data-theme')),
          );
          const expected = toPlainLine(value);
          expect(sections[0]!.querySelector('h1')!.text).toBe(expected);
          expect(sections[0]!.querySelector('header')!.text).toBe(expected);
          // marp-core adds one script of its own after the slides; inside them there must be nothing active.
          expect(sections.map((s) => s.innerHTML).join('')).not.toMatch(
            /<(img|script|a|iframe|math|mjx-container|image|style)\b/i,
          );
          expect(html.match(/<script\b/g)).toHaveLength(1);
          const pillarNotes = comments[baseline.sections.findIndex((s) => s.getAttribute('class') === 'pillar')]!;
          expect(
            pillarNotes
              .join('\n')
              .replace(/\u200B/g, '')
              .replace(/\s+/g, ' ')
              .trim(),
          ).toBe(
            value
              // biome-ignore lint/complexity/useRegexLiterals: as a literal, its control-character ranges read as mistakes
              .replace(new RegExp('[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uFEFF\\uFFFE\\uFFFF]', 'g'), '')
              .replace(/\s+/g, ' ')
              .trim(),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a template that would add a slide of its own', () => {
    const { brief } = readBrief(REAL_BRIEF);
    const broken = new Map(templates.slides);
    broken.set('bottom-line', { file: 'templates/committee/bottom-line.hbs', source: '## A\n\n---\n\n## B' });
    const deck = planDeck(brief, committee, { slug: 'x', body: '', file: 'x.md' });
    expect(() => renderDeck(deck, { ...templates, slides: broken })).toThrow(/may not contain a "---" slide separator/);
  });

  it('names the template file when a template asks for a field its slide does not have', () => {
    const { brief } = readBrief(REAL_BRIEF);
    const broken = new Map(templates.slides);
    broken.set('bottom-line', { file: 'templates/committee/bottom-line.hbs', source: '## {{nosuchfield}}' });
    const deck = planDeck(brief, committee, { slug: 'x', body: '', file: 'x.md' });
    expect(() => renderDeck(deck, { ...templates, slides: broken })).toThrow(
      /the template failed: "nosuchfield" not defined/,
    );
  });
});

describe('toPlainLine', () => {
  // The rule it keeps, written the slow way: text passed through untouched must be text this leaves alone.
  // biome-ignore lint/complexity/useRegexLiterals: as a literal, its control-character ranges read as mistakes
  const unprintable = new RegExp(
    '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uFEFF\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
    'g',
  );
  const reference = (value: string) => value.replace(unprintable, '').replace(/\s+/g, ' ').trim();

  it('removes what no slide can show and folds white space, for any text, as the rule says', () => {
    const awkward = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '\n',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u0085',
      '\ud83d',
      '\ude00',
      '😀',
      'é',
      'Ж',
      '中',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), awkward)).map((parts) => parts.join('')),
        (value) => {
          expect(toPlainLine(value)).toBe(reference(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
