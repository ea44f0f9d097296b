import { describe, expect, it } from 'vitest';
import { buildBriefs } from '../scripts/index.ts';
import { REAL_BRIEF, SECOND_BRIEF, TEMPLATES } from './helpers/briefs.ts';

describe('the public API', () => {
  it('checks briefs with buildBriefs and no collaborators given, as a script of your own would', async () => {
    const reports = await buildBriefs({
      files: [REAL_BRIEF, SECOND_BRIEF],
      formats: [],
      outDir: 'dist',
      templatesDir: TEMPLATES,
      contentDir: 'content',
    });
    expect(reports.map((report) => [report.slug, report.errors.length])).toEqual([
      ['ukraine-security-guarantees', 0],
      ['black-sea-grain-corridor', 0],
    ]);
  });
});
