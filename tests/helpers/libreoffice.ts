import { execFileSync } from 'node:child_process';
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
