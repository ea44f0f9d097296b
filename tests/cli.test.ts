import { describe, expect, it } from 'vitest';
import { main } from '../scripts/cli.ts';
import { ROOT } from './helpers/briefs.ts';

async function run(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), env: {}, cwd: ROOT });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
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
    expect(result.stderr).toBe('--audience: unknown audience "committe"\n  hint: expected one of: committee, executive, public');
  });

  it('refuses an unknown format and an unknown option with exit code 2', async () => {
    expect((await run('build', '--format', 'docx')).stderr).toContain('--format: unknown format "docx"\n  hint: expected one of: html, pdf, pptx');
    expect((await run('build', '--formats', 'pdf')).code).toBe(2);
  });

  it('reports a missing file by name', async () => {
    const result = await run('check', 'content/nope.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/nope.md: no such file');
  });

  it('refuses a second brief whose file name would write to the same output folder', async () => {
    const result = await run('check', 'content/ukraine-security-guarantees.md', './content/ukraine-security-guarantees.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('./content/ukraine-security-guarantees.md: has the same name as content/ukraine-security-guarantees.md');
  });

  it('shows a stack trace for an input error only with --debug', async () => {
    expect((await run('check', '--audience', 'x')).stderr).not.toMatch(/\n\s+at /);
    expect((await run('check', '--audience', 'x', '--debug')).stderr).toMatch(/\n\s+at /);
  });
});
