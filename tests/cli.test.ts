import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBriefdeck } from './helpers/cli.ts';

async function run(...argv: string[]) {
  const { code, stdout, lines } = await runBriefdeck(argv);
  return { code, stdout, stderr: lines.join('\n') };
}

describe('briefdeck command line', () => {
  it('prints help with --help and exits 0', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('briefdeck build [FILE...]');
  });

  it('checks every content brief by default and exits 0', async () => {
    const result = await run('check');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('✓ content/ukraine-security-guarantees.md: valid');
  });

  it('refuses an unknown audience, listing the known ones', async () => {
    const result = await run('check', '--audience', 'committe');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '--audience: unknown audience "committe"\n  hint: expected one of: committee, executive, house, public',
    );
  });

  it('refuses an unknown format and an unknown option with exit code 2', async () => {
    expect((await run('build', '--format', 'docx')).stderr).toContain(
      '--format: unknown format "docx"\n  hint: expected one of: html, pdf, pptx',
    );
    expect((await run('build', '--formats', 'pdf')).code).toBe(2);
  });

  it('reports a missing file by name', async () => {
    const result = await run('check', 'content/nope.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/nope.md: no such file');
  });

  it('refuses a second brief whose file name would write to the same output folder', async () => {
    const result = await run(
      'check',
      'content/ukraine-security-guarantees.md',
      './content/ukraine-security-guarantees.md',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      './content/ukraine-security-guarantees.md: has the same name as content/ukraine-security-guarantees.md',
    );
  });

  it('shows a stack trace for an input error only with --debug', async () => {
    expect((await run('check', '--audience', 'x')).stderr).not.toMatch(/\n\s+at /);
    expect((await run('check', '--audience', 'x', '--debug')).stderr).toMatch(/\n\s+at /);
  });
});

describe('briefdeck build with a browser that fails', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-badbrowser-'));
  const script = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function buildWith(browser: string, ...extra: string[]) {
    const out = join(dir, 'out');
    const { code, lines } = await runBriefdeck(['build', '--format', 'pdf', '--out', out, ...extra], 'none', {
      CHROME_PATH: browser,
    });
    return { code, stderr: lines.join('\n'), wrote: existsSync(out) };
  }

  it('says in one line with a hint that a browser which exits at once did not start', async () => {
    const browser = script('crashes', 'exit 3');
    const result = await buildWith(browser);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${browser}: the browser did not start (exit code 3)\n  hint: set CHROME_PATH to a working Chrome, Chromium or Edge, or unset it to use the bundled Chromium`,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.wrote).toBe(false);
  });

  it('gives up on a browser that never answers after --browser-timeout seconds', async () => {
    const browser = script('hangs', 'exec sleep 30');
    const result = await buildWith(browser, '--browser-timeout', '2');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${browser}: the browser did not start within 2 s\n  hint: raise --browser-timeout on a slow machine, or set CHROME_PATH to another browser`,
    );
    expect(result.wrote).toBe(false);
  });

  it('names a CHROME_PATH that does not exist', async () => {
    const result = await buildWith(join(dir, 'no-such-browser'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `CHROME_PATH: "${join(dir, 'no-such-browser')}" is not an executable file\n  hint: fix the path, or unset CHROME_PATH`,
    );
  });

  it('shows what a failing browser printed, since that often names the missing library', async () => {
    const browser = script('complains', 'echo "error while loading shared libraries: libnss3.so" >&2\nexit 127');
    const result = await buildWith(browser);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${browser}: the browser did not start (exit code 127); it printed:\n    error while loading shared libraries: libnss3.so`,
    );
  });
});

describe('briefdeck check --render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each check keeps its record of checked briefs in a folder of its own: a record left in the
  // repository's dist/ by an earlier run would report the brief unchanged, and lay nothing out.
  async function check(file: string) {
    const out = mkdtempSync(join(dir, 'out-'));
    const { code, lines } = await runBriefdeck(['check', '--render', file, '--out', out], 'bundled');
    return { code, stderr: lines.join('\n') };
  }

  it('lays out a crowded brief in the browser and finds every slide can be made to fit', async () => {
    const result = await check('tests/fixtures/briefs/critical-minerals-stockpile.md');
    expect(result.stderr).toContain('✓ tests/fixtures/briefs/critical-minerals-stockpile.md: valid');
    // It says what it changed, so the briefer knows a list now runs over several slides.
    expect(result.stderr).toContain(
      '  fit: committee deck, pillar 1 "Build the reserve in stages, starting with the scarcest inputs": continued over 5 slides',
    );
    expect(result.code).toBe(0);
  });

  it('reports an address the deck would fetch, blocked while measuring, at its line in the brief', async () => {
    const result = await check('tests/fixtures/invalid/background-directive.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'tests/fixtures/invalid/background-directive.md:10:28: body: the deck would fetch https://example.org/watermark.png when opened',
    );
  });

  it('fails a bottom line too long for one slide even at the smallest readable size, naming deck, slide and section', async () => {
    const sentence =
      'The guarantee must be credible, funded over a decade, and explained to the public in plain terms before any ceasefire is signed. ';
    const file = join(dir, 'wordy.md');
    writeFileSync(
      file,
      `---\ntitle: A wordy brief\ndate: 2026-01-15\nsummary: >-\n  ${sentence.repeat(30)}\npillars:\n  - title: First pillar\n    summary: Why it matters.\n---\n`,
    );
    const result = await check(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${file}: the committee deck's slide 2 (bottom line) does not fit even at the smallest readable text size: "The guarantee must be credible`,
    );
    expect(result.stderr).toContain('  hint: shorten that text or split it into two items');
  });
});
