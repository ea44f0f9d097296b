import { execFileSync } from 'node:child_process';

// poppler's pdffonts and pdftotext, independent readers of the PDFs' fonts and text. Tests that
// need them skip where poppler-utils is absent, and fail in CI, where .ci/run installs it.

const onPath = (command: string): boolean => {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

/** Throws in CI, where poppler must be installed; elsewhere says whether it is. */
export function popplerAvailable(): boolean {
  const available = onPath('pdffonts') && onPath('pdftotext');
  if (!available && process.env.CI) throw new Error('CI has no poppler; .ci/run should have installed poppler-utils');
  return available;
}
