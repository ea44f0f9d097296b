// Prints how long each stage takes and how much memory a build uses, for comparison between
// changes. Figures, not assertions: run `npm run bench` (add `-- --export` for whole builds, and
// the same nine files made by plain marp-cli, one process per output, with the same browser; add
// `-- --loop` for checking 1000 briefs (the first check three times over), rebuilding 20 unchanged ones, and edits in briefdeck dev).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveBrowser, supplyBrowser } from './browser/find.ts';
import { composeDecks } from './decks.ts';
import { exportDecks, type RenderedDeck } from './export/export.ts';
import { runMarpCli } from './export/marp-cli.ts';
import { loadBrief } from './brief/load.ts';
import { createDeckRenderer } from './deck/marp-html.ts';
import { planDeck } from './deck/plan.ts';
import { renderDeck } from './deck/render.ts';
import { collectThemes, listAudiences, loadProfile, renderTemplatesFor } from './deck/templates.ts';
import { loadTemplateSets } from './build.ts';
import { readAudienceTemplates } from './export/pptx/choice.ts';
import { Temporaries } from './temporaries.ts';
import { validateBrief } from './brief/validate.ts';

const ROUNDS = 200;
const file = process.argv.find((arg) => arg.endsWith('.md')) ?? 'content/ukraine-security-guarantees.md';
const bytes = readFileSync(file);
const audiences = listAudiences('templates');
const profiles = audiences.map((name) => loadProfile('templates', name));
// As a build reads them: an audience on a PowerPoint template takes its look from it.
const sets = [...loadTemplateSets('templates', profiles, readAudienceTemplates(profiles).choices).values()];

const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value.padStart(10)}`);
const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 0)} ms`;

function time(label: string, run: () => void): void {
  run();
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) run();
  line(label, ms((performance.now() - started) / ROUNDS));
}

/** The middle figure of an odd number of them. */
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[(values.length - 1) / 2]!;

/** Wall time of a command, in milliseconds; it must succeed. */
function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return performance.now() - started;
}

console.log(`briefdeck bench: ${file}, ${ROUNDS} rounds each, node ${process.version}`);
const loaded = loadBrief({ file, bytes });
const brief = validateBrief(loaded, { audiences });
time('load (gray-matter + YAML)', () => loadBrief({ file, bytes }));
time('validate (zod + references)', () => validateBrief(loaded, { audiences }));
time(`plan (${audiences.length} audiences)`, () => {
  for (const profile of profiles) planDeck(brief, profile, { slug: 's', body: loaded.body, file });
});
time(`render (${audiences.length} audiences)`, () => {
  profiles.forEach((profile, index) => {
    renderDeck(
      planDeck(brief, profile, { slug: 's', body: loaded.body, file }),
      renderTemplatesFor(sets[index]!, brief.lang),
    );
  });
});

if (process.argv.includes('--export')) await benchExports();
if (process.argv.includes('--loop')) await benchLoop();

const memory = process.memoryUsage();
line('resident memory (this process)', `${(memory.rss / 2 ** 20).toFixed(1)} MiB`);
line('heap used', `${(memory.heapUsed / 2 ** 20).toFixed(1)} MiB`);

/**
 * briefdeck's whole build of the brief (HTML, PDF and PPTX for every audience, fitting included,
 * process start included) against plain marp-cli making the same files from the same Markdown,
 * one process per output, with the same browser; then the exports alone, on a warm browser.
 */
async function benchExports(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'briefdeck-bench-'));
  try {
    const browser = await resolveBrowser(process.env);
    line('browser', browser.source === 'bundled' ? 'bundled' : browser.path);
    const slug = basename(file, '.md');
    const formats = ['html', 'pdf', 'pptx'] as const;
    const buildArgs = [
      'scripts/bin.mjs',
      'build',
      file,
      '--format',
      formats.join(','),
      '--out',
      join(work, 'briefdeck'),
    ];
    // The browser resolved here, for both tools.
    const env =
      browser.source === 'bundled'
        ? { ...process.env, BRIEFDECK_BROWSER: 'bundled' }
        : { ...process.env, CHROME_PATH: browser.path };
    timeCommand(process.execPath, buildArgs, env); // warms the disk cache
    const briefdeck = Math.min(
      timeCommand(process.execPath, buildArgs, env),
      timeCommand(process.execPath, buildArgs, env),
    );
    line(`briefdeck build: ${audiences.length} decks × html, pdf, pptx`, ms(briefdeck));

    // marp-cli gets the Markdown briefdeck wrote and the same themes, fonts inlined.
    const themeDir = join(work, 'themes');
    mkdirSync(themeDir);
    for (const theme of collectThemes('templates', sets)) writeFileSync(join(themeDir, `${theme.name}.css`), theme.css);
    const marpBin = createRequire(import.meta.url).resolve('@marp-team/marp-cli/marp-cli.js');
    let marp = 0;
    for (const audience of audiences) {
      for (const format of formats) {
        const input = join(work, 'briefdeck', slug, `${audience}.md`);
        const output = join(work, 'marp', `${audience}.${format}`);
        marp += timeCommand(process.execPath, [
          marpBin,
          '--no-config-file',
          '--theme-set',
          themeDir,
          '--browser-path',
          browser.path,
          ...(format === 'html' ? [] : [`--${format}`]),
          input,
          '-o',
          output,
        ]);
      }
    }
    line(`plain marp-cli: ${audiences.length * formats.length} processes, one per output`, ms(marp));
    line('briefdeck ÷ marp-cli (goal: at most 0.30)', (briefdeck / marp).toFixed(2));

    await benchWarmExports(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Fits the decks once, then times each export alone on the same warm browser. */
async function benchWarmExports(work: string): Promise<void> {
  const temporaries = new Temporaries();
  const openBrowser = supplyBrowser(process.env, {
    timeout: 120,
    isRoot: process.getuid?.() === 0,
    announce: () => {},
    temporaries,
  });
  let started: ReturnType<typeof openBrowser> | undefined;
  const session = () => (started ??= openBrowser());
  const themes = collectThemes('templates', sets);
  const renderHtml = createDeckRenderer(themes);
  const warn = console.warn;
  console.warn = () => {}; // marp-cli's per-file progress lines would bury the figures
  try {
    const fitStarted = performance.now();
    const composed = await composeDecks(file, basename(file, '.md'), {
      profiles,
      sets: new Map(profiles.map((profile, index) => [profile.name, sets[index]!])),
      allAudiences: audiences,
      renderHtml,
      session,
    });
    line(`fit in the browser (${audiences.length} decks, browser start)`, ms(performance.now() - fitStarted));
    const decks: RenderedDeck[] = composed.decks;
    for (const format of ['html', 'pdf', 'pptx', 'handout'] as const) {
      const workDir = join(work, `export-${format}`);
      mkdirSync(workDir);
      const exportStarted = performance.now();
      await exportDecks(decks, { formats: [format], workDir, themes }, { runMarp: runMarpCli, renderHtml, session });
      line(`export ${format} after fitting (${decks.length} decks)`, ms(performance.now() - exportStarted));
    }
  } finally {
    console.warn = warn;
    await started?.then((browser) => browser.close());
  }
}

/**
 * The briefer's loop: checking 1000 briefs (the first time, then with one edited), a rebuild of 20 briefs when nothing changed (process
 * start included), and an edit saved to disk until the open deck in `briefdeck dev` shows it.
 */
async function benchLoop(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'briefdeck-bench-loop-'));
  try {
    const copies = (count: number, folder: string) => {
      mkdirSync(folder, { recursive: true });
      return Array.from({ length: count }, (_, index) => {
        const copy = join(folder, `brief-${String(index + 1).padStart(4, '0')}.md`);
        writeFileSync(copy, bytes);
        return copy;
      });
    };
    // The bundle is compiled once after the sources change (scripts/bin.mjs): that is not the check's time.
    timeCommand(process.execPath, ['scripts/bin.mjs', '--help']);
    const thousand = copies(1000, join(work, 'thousand'));
    const checkThousand = ['scripts/bin.mjs', 'check', ...thousand, '--out', join(work, 'thousand-out')];
    // Three first checks, each with no records yet: one run moves with whatever else the machine does.
    const firstChecks = [1, 2, 3].map(() => {
      rmSync(join(work, 'thousand-out'), { recursive: true, force: true });
      return timeCommand(process.execPath, checkThousand);
    });
    line('check 1000 briefs, first check, median of 3', ms(median(firstChecks)));
    line('check 1000 briefs, each first check', firstChecks.map((time) => time.toFixed(0)).join(' '));
    // The office's loop: one brief edited, the whole folder checked again.
    writeFileSync(thousand[0]!, `${bytes}\nRevised.\n`);
    line('check 1000 briefs again, one edited', ms(timeCommand(process.execPath, checkThousand)));
    const twenty = copies(20, join(work, 'twenty'));
    const buildTwenty = ['scripts/bin.mjs', 'build', ...twenty, '--out', join(work, 'twenty-out')];
    line('build 20 briefs, every format', ms(timeCommand(process.execPath, buildTwenty)));
    line('rebuild 20 briefs, nothing changed', ms(timeCommand(process.execPath, buildTwenty)));
    await benchDevEdits(join(work, 'dev'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Five edits to a brief while `briefdeck dev` shows its deck in a browser: save to visible. */
async function benchDevEdits(folder: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const { default: puppeteer } = await import('puppeteer-core');
  mkdirSync(folder, { recursive: true });
  const brief = join(folder, 'brief.md');
  writeFileSync(brief, bytes);
  const server = spawn(process.execPath, ['scripts/bin.mjs', 'dev', brief, '--out', join(folder, 'out')], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((resolve) =>
    server.stdout.once('data', (chunk) => resolve(String(chunk).trim())),
  );
  const browser = await puppeteer.launch({
    executablePath: (await resolveBrowser(process.env)).path,
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}brief/committee.html#2`, { waitUntil: 'load' });
    const times: number[] = [];
    for (let round = 1; round <= 5; round++) {
      // A briefer saves seconds apart: the last edit's other decks are done by then.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // An edit to the bottom line, the slide in view, marked with the round.
      const marked = `Edit ${round}: `;
      const text = readFileSync(brief, 'utf8').replace(/^(summary: (?:>-\n\s+|["']?))(Edit \d+: )?/m, `$1${marked}`);
      const started = performance.now();
      writeFileSync(brief, text);
      // Shown: the slide in view holds the new words, however the page got them.
      await page.waitForFunction(
        (words: string) => document.querySelector('svg.bespoke-marp-active')?.textContent?.includes(words),
        { polling: 'raf', timeout: 30_000 },
        marked.trim(),
      );
      times.push(performance.now() - started);
    }
    line('dev: edit saved to deck shown, median of 5', ms(median(times)));
    line('dev: each edit', times.map((time) => time.toFixed(0)).join(' '));
  } finally {
    await browser.close();
    // The server finishes the build under way before it exits: only then is its folder free.
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGINT');
    await exited;
  }
}
