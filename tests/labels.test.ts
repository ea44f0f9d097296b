import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planDeck } from '../scripts/deck/plan.ts';
import { renderDeck } from '../scripts/deck/render.ts';
import { loadTemplateSet, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { profile, readBrief, REAL_BRIEF, TEMPLATES } from './helpers/briefs.ts';

// The labels shipped for the languages committees brief in: each a full set, in its own words.
const FOLDER = join(TEMPLATES, 'labels');
const read = (name: string) => parse(readFileSync(join(FOLDER, name), 'utf8')) as Record<string, string>;
const english = read('en.yaml');
const LANGUAGES = ['ar', 'de', 'es', 'fr', 'he', 'it', 'ja', 'ko', 'pl', 'pt', 'ru', 'uk', 'zh'];

describe('labels in the brief’s language', () => {
  it('ships a labels file for every language committees commonly brief in', () => {
    const shipped = readdirSync(FOLDER).map((name) => name.replace(/\.yaml$/, ''));
    for (const lang of LANGUAGES) expect(shipped).toContain(lang);
  });

  it.each(LANGUAGES)('gives %s every key of en.yaml, none empty, and says offices may correct them', (lang) => {
    const labels = read(`${lang}.yaml`);
    expect(Object.keys(labels).sort()).toEqual(Object.keys(english).sort());
    for (const [key, value] of Object.entries(labels)) expect(value.trim(), key).not.toBe('');
    // Headings are the language's own words, not English left in place.
    for (const key of ['bottomLine', 'takeaways', 'pillarsOverview', 'prosAndCons'])
      expect(labels[key], key).not.toBe(english[key]);
    expect(readFileSync(join(FOLDER, `${lang}.yaml`), 'utf8')).toMatch(/^# .*\n# .*Offices may correct them/);
  });

  it.each(['de', 'fr', 'uk', 'ar', 'zh'])('leaves no English label on the slides of a %s brief', (lang) => {
    const { brief, loaded } = readBrief(REAL_BRIEF);
    const committee = profile('committee');
    const templates = renderTemplatesFor(loadTemplateSet(TEMPLATES, committee), lang);
    const deck = planDeck({ ...brief, lang }, committee, {
      slug: 'x',
      body: loaded.body,
      file: REAL_BRIEF,
      of: templates.labels.of,
    });
    const markdown = renderDeck(deck, templates);
    for (const key of ['bottomLine', 'pillarsOverview', 'prosAndCons', 'prosInDetail', 'takeaways', 'pillar'])
      expect(markdown, key).not.toContain(english[key]!);
  });
});
