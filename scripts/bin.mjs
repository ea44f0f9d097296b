#!/usr/bin/env node
// The one JavaScript file. It runs briefdeck from a bundle compiled from the TypeScript sources
// (kept under node_modules/.cache/briefdeck/ and compiled again whenever a source is newer), so a
// run starts in a fraction of the time compiling on the fly takes; tsx is the fallback.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'node_modules', '.cache', 'briefdeck', 'cli.mjs');
globalThis.BRIEFDECK_ROOT = root;
// From Node 22.1, V8 keeps the code it compiled of the bundle and the packages for the next run
// (a tenth off a check's start-up); Node 20 has no such cache, and a folder it cannot write costs
// nothing but the saving.
module.enableCompileCache?.(join(dirname(bundle), 'compile-cache'));

/** The newest modification time of the sources, in milliseconds. */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** When a file was last written, in milliseconds; 0 for a file not there. */
function modifiedAt(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest of what the bundle is made of: the sources, this file's settings, and the installed packages bundled in. */
function newestInput() {
  // npm writes node_modules/.package-lock.json on every install that changes a package.
  return Math.max(
    newestSource(join(root, 'scripts')),
    modifiedAt(fileURLToPath(import.meta.url)),
    modifiedAt(join(root, 'node_modules', '.package-lock.json')),
  );
}

/**
 * Chunks of earlier compilations, left after an hour: a run that started before the sources
 * changed may still load its own lazily.
 */
function removeStaleChunks(current) {
  const folder = dirname(bundle);
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (!name.startsWith('chunk-') || current.has(path) || current.has(path.replace(/\.map$/, ''))) continue;
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
  }
}

/**
 * The packages every command loads as it starts (reading, checking and planning briefs), bundled
 * in: Node then reads one file where it would resolve and read hundreds, a fifth of a second off
 * a `check`. The rest (the browser, marp-cli, the PDF and PowerPoint libraries) stay in
 * node_modules, loaded only by the commands that use them; they read files of their own beside them.
 */
const STARTUP_PACKAGES = new Set([
  '@marp-team/marp-core',
  'fastest-levenshtein',
  'fflate',
  'gray-matter',
  'handlebars',
  'htmlparser2',
  'js-yaml',
  'markdown-it',
  'which',
  'zod',
]);

/** An esbuild plugin: the sources' imports of other packages stay imports; what a bundled package imports is bundled with it. */
const packagesOutsideTheStart = {
  name: 'packages-outside-the-start',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (/[\\/]node_modules[\\/]/.test(importer)) return undefined;
      const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
      return STARTUP_PACKAGES.has(name) ? undefined : { path, external: true };
    });
  },
};

async function loadMain() {
  try {
    // A bundle not compiled yet counts as written at 0.
    if (modifiedAt(bundle) < newestInput()) {
      const { build } = await import('esbuild');
      mkdirSync(dirname(bundle), { recursive: true });
      const { outputFiles } = await build({
        entryPoints: { cli: join(root, 'scripts', 'cli.ts') },
        outdir: dirname(bundle),
        outExtension: { '.js': '.mjs' },
        // Split at each dynamic import, so a command loads only its own code and packages:
        // `check` never reads the PDF, PowerPoint or import libraries.
        splitting: true,
        chunkNames: 'chunk-[hash]',
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        plugins: [packagesOutsideTheStart],
        // The packages bundled in are partly CommonJS, whose require() an ES module lacks.
        banner: {
          js: "import { createRequire as __briefdeckRequire } from 'node:module'; const require = __briefdeckRequire(import.meta.url);",
        },
        sourcemap: 'linked',
        logLevel: 'silent',
        write: false,
      });
      // Written beside and renamed into place, the entry last, so a run killed meanwhile never
      // leaves half a bundle; chunks are named by their content, so a chunk in use never changes.
      const entryLast = [...outputFiles].sort((a, b) => Number(a.path === bundle) - Number(b.path === bundle));
      for (const file of entryLast) {
        const temporary = `${file.path}.${process.pid}.tmp`;
        writeFileSync(temporary, file.contents);
        renameSync(temporary, file.path);
      }
      removeStaleChunks(new Set(outputFiles.map((file) => file.path)));
    }
    return (await import(pathToFileURL(bundle).href)).main;
  } catch {
    // A read-only install, or no esbuild: compile on the fly instead.
    const { register } = await import('tsx/esm/api');
    register();
    return (await import('./cli.ts')).main;
  }
}

const main = await loadMain();
const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  status: process.stderr.isTTY
    ? (text) => process.stderr.write(`\r\x1b[2K${text.slice(0, process.stderr.columns - 1)}`)
    : undefined,
  env: process.env,
  cwd: process.cwd(),
  isRoot: process.getuid?.() === 0,
  onInterrupt: (handler) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(signal, () => {
        // Stop the browser and wait for it, then remove the build's temporary files, then exit.
        const exit = () => process.exit(128 + constants.signals[signal]);
        handler(signal).then(exit, exit);
      });
    }
  },
});
// Exit now rather than when the event loop drains: a browser that hung on start-up may keep a pipe open.
process.exit(code);
