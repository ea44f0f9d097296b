import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inShard } from '../scripts/inputs.ts';
import { REAL_BRIEF, ROOT } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';

// An office's briefs built in three shards, as three CI jobs would, then merged into one folder:
// the shards split the briefs between them, and the merge gives exactly what one build gives.
const root = mkdtempSync(join(tmpdir(), 'briefdeck-shards-'));
const content = join(root, 'content');
const ENV = { SOURCE_DATE_EPOCH: '1772366400' };
const SHARDS = ['1/3', '2/3', '3/3'];

/** Every file under a folder, by its path inside it, but the build records. */
function filesOf(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(folder, join(entry.parentPath, entry.name));
    if (!path.startsWith('.briefdeck')) files.set(path, readFileSync(join(folder, path)));
  }
  return files;
}

const slugsOf = (folder: string) =>
  readdirSync(folder).filter((name) => !name.startsWith('.') && name !== 'index.html');

async function build(out: string, ...extra: string[]) {
  const { code, lines } = await runBriefdeck(
    ['build', '--format', 'html', '--out', out, ...briefs(), ...extra],
    'bundled',
    ENV,
  );
  expect(code, lines.join('\n')).toBe(0);
}

const briefs = () =>
  readdirSync(content)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(content, name));

beforeAll(async () => {
  cpSync(join(ROOT, 'tests', 'fixtures', 'briefs'), content, { recursive: true });
  cpSync(REAL_BRIEF, join(content, 'ukraine-security-guarantees.md'));
  // Nine briefs in all: the fixtures' five, the seed, and three more of the seed's shape under other names.
  for (const name of ['baltic-air-policing', 'arctic-shipping-lanes', 'grid-resilience'])
    writeFileSync(
      join(content, `${name}.md`),
      readFileSync(REAL_BRIEF, 'utf8').replace(/^title: .*$/m, `title: ${name.replace(/-/g, ' ')}`),
    );
  expect(briefs()).toHaveLength(9);
  await build(join(root, 'full'));
  for (const [index, shard] of SHARDS.entries()) await build(join(root, `shard-${index + 1}`), '--shard', shard);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('builds in shards', () => {
  it('splits the briefs between the shards, each brief in exactly one', () => {
    const full = slugsOf(join(root, 'full')).sort();
    const shards = SHARDS.map((_shard, index) => slugsOf(join(root, `shard-${index + 1}`)));
    expect(full).toHaveLength(9);
    expect(shards.flat().sort()).toEqual(full);
    expect(shards.filter((slugs) => slugs.length > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a brief in its shard when briefs are added', () => {
    const shard = { index: 2, count: 3 };
    const before = briefs().filter((file) => inShard(file, shard));
    const after = [...briefs(), join(content, 'a-new-brief.md')].filter((file) => inShard(file, shard));
    expect(after.filter((file) => !file.endsWith('a-new-brief.md'))).toEqual(before);
  });

  it('merges the shards into exactly the files and the briefing book of a single build', async () => {
    const merged = join(root, 'merged');
    const shardDirs = SHARDS.map((_shard, index) => join(root, `shard-${index + 1}`));
    const { code, lines } = await runBriefdeck(['book', ...shardDirs, '--out', merged], 'none', ENV);
    expect(code, lines.join('\n')).toBe(0);
    expect(lines.join('\n')).toContain('merged 3 shards: 9 briefs');
    const full = filesOf(join(root, 'full'));
    const together = filesOf(merged);
    expect([...together.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [path, bytes] of full) expect(together.get(path)!.equals(bytes), path).toBe(true);
    expect(readFileSync(join(merged, 'index.html'), 'utf8')).toBe(
      readFileSync(join(root, 'full', 'index.html'), 'utf8'),
    );
  });

  it('refuses two shards that built the same deck differently, and writes nothing', async () => {
    const other = join(root, 'other');
    const file = join(content, 'ukraine-security-guarantees.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^subtitle: .*$/m, 'subtitle: Built apart'));
    await build(other);
    const target = join(root, 'conflicted');
    const { code, lines } = await runBriefdeck(['book', join(root, 'full'), other, '--out', target], 'none', ENV);
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /built the committee deck of ukraine-security-guarantees differently \(md, html\)/,
    );
    expect(() => readdirSync(target)).toThrow();
  }, 120_000);

  it('refuses a shard number outside 1 to N, as a mistake on the command line', async () => {
    const { code, lines } = await runBriefdeck(['build', '--shard', '4/3'], 'none');
    expect(code).toBe(2);
    expect(lines.join('\n')).toContain('"4/3" is not a shard');
  });
});
