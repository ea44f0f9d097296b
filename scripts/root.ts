import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * briefdeck's own folder, where its package.json lives: from the sources it is one up from
 * scripts/; the compiled bundle (scripts/bin.mjs) is told it, since it runs from elsewhere.
 */
export const BRIEFDECK_ROOT: string =
  (globalThis as { BRIEFDECK_ROOT?: string }).BRIEFDECK_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '..');
