import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BriefReport } from '../build.ts';
import { BriefError, formatBriefError, quoted } from '../errors.ts';
import { writeAtomically } from '../export/write.ts';
import { importArticle } from '../import/import.ts';
import type { Temporaries } from '../temporaries.ts';
import type { Terminal } from './report.ts';

/**
 * `briefdeck import ARTICLE`: writes the brief, never over an existing one without --force, says
 * what it found, and lays every slide out as `check --render` does (`fitCheck`), so a brief that
 * will not build is known at once. Without a browser, that check is skipped, and said.
 */
export async function runImport(
  files: string[],
  options: { out?: string; force: boolean; templatesDir: string; temporaries: Temporaries },
  io: { terminal: Terminal; today: Date; fitCheck?: (file: string) => Promise<BriefReport[]> },
): Promise<number> {
  if (files.length !== 1) {
    throw new BriefError(
      'usage',
      files.length === 0 ? 'name the article to import' : 'import one article at a time',
      { file: 'briefdeck import' },
      'briefdeck import article.txt [--out content/brief.md]',
    );
  }
  const file = files[0]!;
  const imported = await importArticle({
    file,
    templatesDir: options.templatesDir,
    today: io.today.toISOString().slice(0, 10),
  });
  const destination = options.out ?? join('content', `${imported.slug}.md`);
  if (existsSync(destination) && !options.force) {
    throw new BriefError(
      'usage',
      'a brief of that name exists already and was left as it is',
      { file: destination },
      'choose another name with --out, or replace it with --force',
    );
  }
  mkdirSync(dirname(destination), { recursive: true });
  writeAtomically(destination, Buffer.from(imported.text), options.temporaries);
  io.terminal.line(`found: ${imported.found.join('; ')}`);
  for (const line of imported.unplaced) io.terminal.line(`not placed: ${line}`);
  const { placed, total, left } = imported.placement;
  const share = total === 0 ? 100 : Math.round((placed / total) * 100);
  io.terminal.line(`placed: ${share} % of the article's sentences (${placed} of ${total}), in fields or notes`);
  const shown = left.slice(0, 5);
  for (const sentence of shown) io.terminal.line(`left out: ${quoted(sentence, 100)}`);
  if (left.length > shown.length) io.terminal.line(`left out: ${left.length - shown.length} more sentences`);
  io.terminal.line(`${io.terminal.ok('✓')} ${file} → ${destination}; check it with: briefdeck check ${destination}`);
  if (!io.fitCheck) return 0;
  let reports: BriefReport[];
  try {
    reports = await io.fitCheck(destination);
  } catch (error) {
    if (!(error instanceof BriefError) || error.code !== 'browser') throw error;
    io.terminal.line(`fit not checked, no browser started: ${error.message}`);
    return 0;
  }
  const problems = reports.flatMap((report) => report.errors);
  if (problems.length === 0) {
    io.terminal.line(`${io.terminal.ok('✓')} every slide of every audience fits`);
    return 0;
  }
  for (const problem of problems) io.terminal.line(formatBriefError(problem));
  io.terminal.line(
    `${io.terminal.bad('✗')} ${destination}: written, but it does not build until the text above is shortened`,
  );
  return 1;
}
