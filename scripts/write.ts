import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BriefError } from './errors.ts';
import type { ExportedFile } from './export.ts';

/** A quick structural check of each kind of output, so a truncated file never replaces a good one. */
const LOOKS_COMPLETE: Record<ExportedFile['extension'], (bytes: Buffer) => boolean> = {
  md: (bytes) => bytes.subarray(0, 3).toString() === '---',
  html: (bytes) => /^<!DOCTYPE html>/i.test(bytes.subarray(0, 64).toString()) && bytes.subarray(-64).toString().includes('</html>'),
  pdf: (bytes) => bytes.subarray(0, 5).toString() === '%PDF-' && bytes.subarray(-1024).toString('latin1').includes('%%EOF'),
  pptx: (bytes) => bytes.readUInt32LE(0) === 0x04034b50 && bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
};

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where an exported file belongs: `<out>/<slug>/<audience>.<ext>`. */
export function outputPath(outDir: string, file: ExportedFile): string {
  return join(outDir, file.slug, `${file.audience}.${file.extension}`);
}

/**
 * Checks each exported file and renames it into place. The work folder sits inside the output
 * folder, so each rename is atomic: a reader sees the previous file or the new one, never half.
 */
export async function writeOutputs(files: readonly ExportedFile[], outDir: string): Promise<string[]> {
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (cause) {
      throw new BriefError('output', `Marp wrote no ${file.extension.toUpperCase()} for the ${file.audience} deck`, { file: `${file.slug}.md` }, 'run again with --debug for details', { cause });
    }
    if (bytes.length === 0 || !LOOKS_COMPLETE[file.extension](bytes)) {
      throw new BriefError('output', `the ${file.extension.toUpperCase()} for the ${file.audience} deck is incomplete`, { file: `${file.slug}.md` }, 'run again; if it persists, run with --debug');
    }
    await syncFile(file.path);
  }
  const written: string[] = [];
  for (const file of files) {
    const destination = outputPath(outDir, file);
    await mkdir(dirname(destination), { recursive: true });
    await rename(file.path, destination);
    written.push(destination);
  }
  return written;
}
