import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadBrief, type LoadedBrief } from '../../scripts/brief/load.ts';
import { validateBrief } from '../../scripts/brief/validate.ts';
import { listAudiences, loadProfile } from '../../scripts/deck/templates.ts';
import type { Brief } from '../../scripts/brief/schema.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TEMPLATES = join(ROOT, 'templates');
export const AUDIENCES = listAudiences(TEMPLATES);
export const REAL_BRIEF = join(ROOT, 'content', 'ukraine-security-guarantees.md');
export const SECOND_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'black-sea-grain-corridor.md');
/** Items of SECOND_BRIEF restricted to other audiences: none may reach the public deck. */
export const SECOND_BRIEF_RESTRICTED = [
  'Royal Navy',
  'Diplomatic guarantees',
  'Montreux stance',
  'Executive-only readout',
  'Ankara',
];
export const LONG_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'critical-minerals-stockpile.md');
/** A brief whose appendix holds a table too long for one slide. */
export const TABLE_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'strategic-reserve-drawdown.md');
/** A brief with a figure of every kind, two placed on slides and three on slides of their own. */
export const FIGURE_BRIEF = join(ROOT, 'tests', 'fixtures', 'briefs', 'lead-service-lines.md');

/** Loads a brief from text, as if read from `file`. */
export function loadText(text: string, file = 'brief.md'): LoadedBrief {
  return loadBrief({ file, bytes: new TextEncoder().encode(text) });
}

export function readBrief(file: string): { loaded: LoadedBrief; brief: Brief } {
  const loaded = loadBrief({ file, bytes: readFileSync(file) });
  return { loaded, brief: validateBrief(loaded, { audiences: AUDIENCES }) };
}

export const profile = (name: string) => loadProfile(TEMPLATES, name);

/** A minimal valid brief, with extra front-matter lines appended. */
export function minimalBrief(extra = ''): string {
  return `---\ntitle: A brief\ndate: 2026-01-15\nsummary: The bottom line.\npillars:\n  - title: First pillar\n    summary: Why it matters.\n${extra}---\n`;
}
