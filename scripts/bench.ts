// Prints how long each stage takes and how much memory a build uses, for comparison between
// changes. Figures, not assertions: run `npm run bench` (add `-- --export` to include Marp).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildBriefs } from './build.ts';
import { Temporaries } from './temporaries.ts';
import { supplyBrowser } from './browser.ts';
import { runMarpCli } from './export.ts';
import { loadBrief } from './load.ts';
import { planDeck } from './plan.ts';
import { renderDeck } from './render.ts';
import { listAudiences, loadProfile, loadTemplateSet, renderTemplatesFor } from './templates.ts';
import { validateBrief } from './validate.ts';

const ROUNDS = 200;
const file = process.argv.find((arg) => arg.endsWith('.md')) ?? 'content/ukraine-security-guarantees.md';
const bytes = readFileSync(file);
const audiences = listAudiences('templates');
const profiles = audiences.map((name) => loadProfile('templates', name));
const sets = profiles.map((profile) => loadTemplateSet('templates', profile));

function time(label: string, run: () => void): void {
  run();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) run();
  console.log(`${label.padEnd(34)} ${((performance.now() - started) / ROUNDS).toFixed(3).padStart(9)} ms`);
}

console.log(`briefdeck bench: ${file}, ${ROUNDS} rounds each, node ${process.version}`);
const loaded = loadBrief({ file, bytes });
const brief = validateBrief(loaded, { audiences });
time('load (gray-matter + YAML)', () => loadBrief({ file, bytes }));
time('validate (zod + references)', () => validateBrief(loaded, { audiences }));
time(`plan (${audiences.length} audiences)`, () => profiles.forEach((profile) => planDeck(brief, profile, { slug: 's', body: loaded.body, file })));
time(`render (${audiences.length} audiences)`, () =>
  profiles.forEach((profile, index) => renderDeck(planDeck(brief, profile, { slug: 's', body: loaded.body, file }), renderTemplatesFor(sets[index]!, brief.lang))),
);

if (process.argv.includes('--export')) {
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-bench-'));
  try {
    console.warn = () => {}; // marp-cli's per-file progress lines would bury the figures
    const temporaries = new Temporaries();
    const openBrowser = supplyBrowser(process.env, { timeout: 120, isRoot: process.getuid?.() === 0, announce: () => {}, temporaries });
    const fitStarted = performance.now();
    await buildBriefs({ files: [file], formats: [], measure: true, outDir: out, templatesDir: 'templates', contentDir: 'content' }, { runMarp: runMarpCli, openBrowser, progress: () => {}, temporaries });
    console.log(`${`fit in the browser (${audiences.length} decks)`.padEnd(34)} ${(performance.now() - fitStarted).toFixed(0).padStart(9)} ms`);
    for (const formats of [['html'], ['pdf'], ['pptx'], ['handout']] as const) {
      const started = performance.now();
      // PDF, PPTX and handouts include starting the browser and measuring every slide.
      await buildBriefs({ files: [file], formats, outDir: out, templatesDir: 'templates', contentDir: 'content' }, { runMarp: runMarpCli, openBrowser, progress: () => {}, temporaries });
      console.log(`${`export ${formats[0]} (${audiences.length} decks)`.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(9)} ms`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
const memory = process.memoryUsage();
console.log(`${'resident memory (this process)'.padEnd(34)} ${(memory.rss / 2 ** 20).toFixed(1).padStart(9)} MiB`);
console.log(`${'heap used'.padEnd(34)} ${(memory.heapUsed / 2 ** 20).toFixed(1).padStart(9)} MiB`);
