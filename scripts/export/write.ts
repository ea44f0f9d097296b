import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { BriefError } from '../errors.ts';
import type { ExportedFile } from './export.ts';
import { ownerTag, sweepStale, type Temporaries } from '../temporaries.ts';

/** A quick structural check of each kind of output, so a truncated file never replaces a good one. */
const LOOKS_COMPLETE: Record<ExportedFile['kind'], (bytes: Buffer) => boolean> = {
  md: (bytes) => bytes.subarray(0, 3).toString() === '---',
  html: (bytes) =>
    /^<!DOCTYPE html>/i.test(bytes.subarray(0, 64).toString()) && bytes.subarray(-64).toString().includes('</html>'),
  pdf: (bytes) =>
    bytes.subarray(0, 5).toString() === '%PDF-' && bytes.subarray(-1024).toString('latin1').includes('%%EOF'),
  pptx: (bytes) => bytes.readUInt32LE(0) === 0x04034b50 && bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
  docx: (bytes) => bytes.readUInt32LE(0) === 0x04034b50 && bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06])),
};

/** Writes bytes and flushes them to disk, so the rename that follows never exposes a short file. */
function writeDurably(path: string, bytes: Buffer): void {
  const descriptor = openSync(path, 'w');
  try {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(descriptor, bytes, offset);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Where an exported file belongs: `<out>/<slug>/<name>`. */
function outputPath(outDir: string, file: ExportedFile): string {
  return join(outDir, file.slug, file.name);
}

/**
 * Checks every exported file, then puts each in place through a temporary file beside its
 * destination and an atomic rename: a reader, or a build killed at any moment, sees the previous
 * file or the new one, never half of one. Nothing is moved unless every file checks out.
 */
export async function writeOutputs(
  files: readonly ExportedFile[],
  outDir: string,
  temporaries: Temporaries,
  stage?: (name: 'renaming') => Promise<void> | void,
): Promise<string[]> {
  const checked: { file: ExportedFile; bytes: Buffer }[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file.path);
    } catch (cause) {
      throw new BriefError(
        'output',
        `no ${file.name} was written for the ${file.audience} deck`,
        { file: `${file.slug}.md` },
        'run again with --debug for details',
        { cause },
      );
    }
    if (bytes.length === 0 || !LOOKS_COMPLETE[file.kind](bytes)) {
      throw new BriefError(
        'output',
        `${file.name} for the ${file.audience} deck is incomplete`,
        { file: `${file.slug}.md` },
        'run again; if it persists, run with --debug',
      );
    }
    checked.push({ file, bytes });
  }
  const written: string[] = [];
  const swept = new Set<string>();
  for (const { file, bytes } of checked) {
    const destination = outputPath(outDir, file);
    const folder = dirname(destination);
    mkdirSync(folder, { recursive: true });
    if (!swept.has(folder)) {
      sweepStale(folder);
      swept.add(folder);
    }
    writeAtomically(destination, bytes, temporaries);
    written.push(destination);
    if (written.length === 1) await stage?.('renaming');
  }
  return written;
}

/**
 * Puts bytes in place through a temporary file beside the destination and a rename, in one
 * synchronous step: a signal handler, which runs between steps of the event loop, finds either no
 * temporary file or one it can remove, and a reader sees the old file or the new one.
 */
export function writeAtomically(destination: string, bytes: Buffer | Uint8Array, temporaries: Temporaries): void {
  const temporary = temporaries.add(
    join(dirname(destination), `.${ownerTag(process.pid)}${basename(destination)}.tmp`),
  );
  try {
    writeDurably(temporary, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    renameSync(temporary, destination);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    temporaries.delete(temporary);
  }
}
