import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PdfTextRun } from './outputs.ts';

// LibreOffice, an independent reader of the PowerPoint files and a source of templates no one
// here wrote. Tests that need it skip where it is absent, and fail in CI, where .ci/run installs it.

/** The `soffice` on PATH, if there is one. */
export const SOFFICE = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
})();

/** Throws in CI, where LibreOffice must be installed; elsewhere says whether it is. */
export function libreOfficeAvailable(): boolean {
  if (!SOFFICE && process.env.CI)
    throw new Error('CI has no LibreOffice; .ci/run should have installed libreoffice-impress');
  return SOFFICE !== undefined;
}

/**
 * Has LibreOffice draw files to PDF in `outdir` (each named as its file, with .pdf), with a
 * profile of its own in `work`, so runs side by side do not share one.
 */
export function convertToPdf(files: readonly string[], outdir: string, work: string): void {
  execFileSync(
    SOFFICE!,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
      '--convert-to',
      'pdf',
      '--outdir',
      outdir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 240_000 },
  );
}

/** Throws in CI, where LibreOffice Writer must be installed; elsewhere says whether it is. */
export function libreOfficeWriterAvailable(): boolean {
  const writer = SOFFICE !== undefined && existsSync(join(dirname(realpathSync(SOFFICE)), 'swriter'));
  if (!writer && process.env.CI)
    throw new Error('CI has no LibreOffice Writer; .ci/run should have installed libreoffice-writer');
  return writer;
}

/** Converts the first `count` of LibreOffice's own presentation templates to .potx in `folder`. */
export function convertLibreOfficeTemplates(count: number, folder: string): string[] {
  // LibreOffice keeps its presentation templates beside its program folder.
  const templates = join(dirname(realpathSync(SOFFICE!)), '..', 'share', 'template', 'common', 'presnt');
  const sources = readdirSync(templates)
    .filter((name) => name.endsWith('.otp'))
    .slice(0, count);
  execFileSync(
    SOFFICE!,
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${join(folder, 'libreoffice-profile')}`,
      '--convert-to',
      'potx',
      '--outdir',
      folder,
      ...sources.map((name) => join(templates, name)),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return sources.map((name) => join(folder, name.replace(/\.otp$/, '.potx')));
}

/** A line of text as a reader places it: the runs on one baseline that touch, in points. */
interface TextLine {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Joins runs into lines; a run's box reaches from its descent to its ascent, within the font size. */
function linesOf(runs: PdfTextRun[]): TextLine[] {
  const lines: TextLine[] = [];
  for (const run of [...runs].sort((a, b) => b.baseline - a.baseline || a.x - b.x)) {
    const box = {
      left: run.x,
      right: run.x + run.width,
      top: run.baseline + run.height * 0.7,
      bottom: run.baseline - run.height * 0.15,
    };
    const line = lines.find(
      (candidate) => Math.abs(candidate.bottom - box.bottom) < 1 && box.left - candidate.right < run.height,
    );
    if (line) {
      line.text += run.text;
      line.right = Math.max(line.right, box.right);
      line.top = Math.max(line.top, box.top);
    } else {
      lines.push({ text: run.text, ...box });
    }
  }
  return lines;
}

const overlaps = (a: TextLine, b: TextLine) =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.bottom < b.top - 0.5 && b.bottom < a.top - 0.5;

/** Each text line of a rendered deck that lies outside its slide or runs into another line. */
export function textProblems(pages: readonly { width: number; height: number; runs: PdfTextRun[] }[]): string[] {
  return pages.flatMap((page, index) => {
    const lines = linesOf(page.runs);
    const outside = lines
      .filter(
        (line) =>
          line.left < -0.5 || line.right > page.width + 0.5 || line.bottom < -0.5 || line.top > page.height + 0.5,
      )
      .map((line) => `slide ${index + 1}: "${line.text}" lies outside the slide`);
    const collisions = lines.flatMap((line, at) =>
      lines
        .slice(at + 1)
        .filter((other) => overlaps(line, other))
        .map((other) => `slide ${index + 1}: "${line.text}" runs into "${other.text}"`),
    );
    return [...outside, ...collisions];
  });
}
