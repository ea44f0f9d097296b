import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefError, BriefErrors, formatBriefError, listBriefErrors } from '../scripts/errors.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { loadBrief } from '../scripts/brief/load.ts';
import { validateBrief } from '../scripts/brief/validate.ts';
import { AUDIENCES, loadText, minimalBrief, readBrief, REAL_BRIEF, ROOT, SECOND_BRIEF } from './helpers/briefs.ts';

const INVALID = join(ROOT, 'tests', 'fixtures', 'invalid');

function messagesFor(file: string, text?: string): string {
  try {
    const loaded =
      text === undefined ? loadBrief({ file, bytes: readFileSync(join(ROOT, file)) }) : loadText(text, file);
    validateBrief(loaded, { audiences: AUDIENCES });
  } catch (error) {
    if (error instanceof BriefError || error instanceof BriefErrors)
      return listBriefErrors(error).map(formatBriefError).join('\n');
    throw error;
  }
  return '';
}

/** What `briefdeck check` prints about a brief's problems, as a user sees it. */
async function checkMessages(file: string): Promise<{ code: number; problems: string }> {
  const { code, lines } = await runBriefdeck(['check', file]);
  return {
    code,
    problems: lines.filter((line) => !line.startsWith('✗') && !/ briefs? valid in /.test(line)).join('\n'),
  };
}

describe('briefdeck check on broken and hostile briefs', () => {
  // Each tests/fixtures/invalid/<case>.md is refused with exactly the messages in <case>.expected.txt.
  for (const name of readdirSync(INVALID).filter((entry) => entry.endsWith('.md'))) {
    it(`reports every problem of ${basename(name)} with its file, line, column and field, and fails`, async () => {
      const file = relative(ROOT, join(INVALID, name));
      const expected = readFileSync(join(INVALID, name.replace(/\.md$/, '.expected.txt')), 'utf8').trim();
      expect(expected).not.toBe('');
      const result = await checkMessages(file);
      expect(result.problems).toBe(expected);
      expect(result.code).toBe(1);
    });
  }

  it('suggests the nearest field name for a typo at the top level', () => {
    expect(messagesFor('brief.md', minimalBrief('sumary: typo\n'))).toContain(
      'unknown field "sumary"\n  hint: did you mean "summary"?',
    );
  });

  it('rejects more than twelve pillars', () => {
    const pillars = Array.from({ length: 13 }, (_, i) => `  - title: P${i}\n    summary: S${i}\n`).join('');
    expect(messagesFor('brief.md', `---\ntitle: T\ndate: 2026-01-15\nsummary: S\npillars:\n${pillars}---\n`)).toContain(
      'pillars: at most 12 pillars fit a briefing',
    );
  });

  it('rejects a source id defined twice', () => {
    const sources = 'sources:\n  - id: a\n    title: One\n  - id: a\n    title: Two\n';
    expect(messagesFor('brief.md', minimalBrief(sources))).toContain('sources[1].id: source id "a" is defined twice');
  });
});

describe('validateBrief on good briefs', () => {
  it('accepts the real brief with its five pillars, six pros, six cons and seven takeaways', () => {
    const { brief } = readBrief(REAL_BRIEF);
    expect([brief.pillars.length, brief.pros?.length, brief.cons?.length, brief.takeaways?.length]).toEqual([
      5, 6, 6, 7,
    ]);
    expect(brief.pillars[0]!.sources).toEqual(['dod-assistance', 'eu-defense-production']);
  });

  it('accepts a second brief with other counts, Cyrillic and Greek text and audience restrictions', () => {
    const { brief } = readBrief(SECOND_BRIEF);
    expect([brief.pillars.length, brief.pros?.length, brief.cons?.length]).toEqual([4, 3, 5]);
    expect(brief.lang).toBe('en-GB');
  });

  it('turns string points into point objects and defaults lang to en', () => {
    const { brief } = {
      brief: validateBrief(loadText(minimalBrief('context:\n  points:\n    - plain\n')), { audiences: AUDIENCES }),
    };
    expect(brief.context?.points).toEqual([{ text: 'plain' }]);
    expect(brief.lang).toBe('en');
  });
});
