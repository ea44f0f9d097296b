import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_BRIEF, ROOT, SECOND_BRIEF, TEMPLATES } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';

// Two briefs (one with a chart beside it) and a copy of the templates, built, then edited one
// thing at a time: each build must redo exactly the decks that the edit affects.
let root: string;
let out: string;
const briefs = () => [
  join(root, 'content', 'black-sea-grain-corridor.md'),
  join(root, 'content', 'critical-minerals-stockpile.md'),
];

async function build(...extra: string[]) {
  const { code, lines } = await runBriefdeck(
    ['build', ...briefs(), '--format', 'html', '--out', out, '--templates', join(root, 'templates'), ...extra],
    'bundled',
  );
  expect(code, lines.join('\n')).toBe(0);
  return lines.join('\n');
}

/** Every file the build wrote, with when it was last written. */
function snapshot(): Map<string, number> {
  const files = new Map<string, number>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(path.slice(out.length + 1), statSync(path).mtimeMs);
    }
  };
  visit(out);
  return files;
}

/** The files a build rewrote since `before`. */
const rewritten = (before: Map<string, number>) =>
  [...snapshot()]
    .filter(([file, time]) => before.get(file) !== time && !file.startsWith('.briefdeck/') && file !== 'index.html')
    .map(([file]) => file)
    .sort();

const decks = (slug: string, audiences = ['committee', 'executive', 'house', 'public']) =>
  audiences.flatMap((audience) => [`${slug}/${audience}.html`, `${slug}/${audience}.md`]).sort();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'briefdeck-incremental-'));
  out = join(root, 'out');
  cpSync(TEMPLATES, join(root, 'templates'), { recursive: true });
  cpSync(SECOND_BRIEF, join(root, 'content', 'black-sea-grain-corridor.md'));
  cpSync(LONG_BRIEF, join(root, 'content', 'critical-minerals-stockpile.md'));
  cpSync(
    join(ROOT, 'tests', 'fixtures', 'briefs', 'refining-capacity.png'),
    join(root, 'content', 'refining-capacity.png'),
  );
  await build();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('incremental builds', () => {
  it('rewrites nothing, the briefing book included, when nothing changed', async () => {
    const before = snapshot();
    const stderr = await build();
    expect(stderr).toContain(`✓ ${briefs()[0]}: up to date`);
    expect([...snapshot()]).toEqual([...before]);
  });

  it('rebuilds only the brief that was edited', async () => {
    const before = snapshot();
    const file = briefs()[0]!;
    writeFileSync(file, readFileSync(file, 'utf8').replace('Clear drifting mines', 'Clear all drifting mines'));
    await build();
    expect(rewritten(before)).toEqual(decks('black-sea-grain-corridor'));
    expect(readFileSync(join(out, 'black-sea-grain-corridor', 'committee.md'), 'utf8')).toContain(
      'Clear all drifting mines',
    );
  });

  it('rebuilds the brief whose image changed', async () => {
    const before = snapshot();
    const image = join(root, 'content', 'refining-capacity.png');
    writeFileSync(image, Buffer.concat([readFileSync(image), Buffer.from([0])]));
    await build();
    expect(rewritten(before)).toEqual(decks('critical-minerals-stockpile'));
  });

  it('rebuilds every deck that uses a theme when the theme is edited', async () => {
    const before = snapshot();
    const theme = join(root, 'templates', 'themes', 'briefdeck.css');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace('--color-heading: #14325c;', '--color-heading: #13315b;'));
    await build();
    expect(rewritten(before)).toEqual(
      [...decks('black-sea-grain-corridor'), ...decks('critical-minerals-stockpile')].sort(),
    );
    expect(readFileSync(join(out, 'black-sea-grain-corridor', 'committee.html'), 'utf8')).toContain('#13315b');
  });

  it("rebuilds only one audience's decks when only its own templates change", async () => {
    const before = snapshot();
    writeFileSync(join(root, 'templates', 'executive', 'labels.yaml'), 'bottomLine: In short\n');
    await build();
    expect(rewritten(before)).toEqual(
      [
        ...decks('black-sea-grain-corridor', ['executive']),
        ...decks('critical-minerals-stockpile', ['executive']),
      ].sort(),
    );
  });

  it('makes a format asked for the first time without redoing the others', async () => {
    const before = snapshot();
    const { code, lines } = await runBriefdeck(
      [
        'build',
        briefs()[0]!,
        '--format',
        'pdf',
        '--audience',
        'public',
        '--out',
        out,
        '--templates',
        join(root, 'templates'),
      ],
      'bundled',
    );
    expect(code, lines.join('\n')).toBe(0);
    expect(rewritten(before)).toEqual(['black-sea-grain-corridor/public.md', 'black-sea-grain-corridor/public.pdf']);
  });

  it('rebuilds everything with --force', async () => {
    const before = snapshot();
    await build('--force');
    expect(rewritten(before)).toEqual(
      [...decks('black-sea-grain-corridor'), ...decks('critical-minerals-stockpile')].sort(),
    );
  });
});

describe('incremental checks', () => {
  // A folder of its own, so the builds above do not count: a check remembers only what a check found.
  const check = async (files: string[], ...extra: string[]) => {
    const { code, lines } = await runBriefdeck(
      ['check', ...files, '--out', join(root, 'check-out'), '--templates', join(root, 'templates'), ...extra],
      'bundled',
    );
    return { code, text: lines.join('\n') };
  };
  const valid = (file: string) => `✓ ${file}: valid\n`;
  const unchanged = (file: string) => `✓ ${file}: valid, unchanged since last checked`;

  it('checks again only the briefs whose bytes, images or templates changed since a check found them valid', async () => {
    const [grain, minerals] = briefs() as [string, string];
    expect((await check(briefs())).text).toContain(valid(grain));
    const again = await check(briefs());
    expect(again.code).toBe(0);
    expect(again.text).toContain(unchanged(grain));
    expect(again.text).toContain(unchanged(minerals));

    writeFileSync(grain, readFileSync(grain, 'utf8').replace(/^title: (.*)$/m, 'title: $1, revised'));
    const edited = await check(briefs());
    expect(edited.text).toContain(valid(grain));
    expect(edited.text).toContain(unchanged(minerals));

    const image = join(root, 'content', 'refining-capacity.png');
    writeFileSync(image, Buffer.concat([readFileSync(image), Buffer.from([1])]));
    const imaged = await check(briefs());
    expect(imaged.text).toContain(unchanged(grain));
    expect(imaged.text).toContain(valid(minerals));

    writeFileSync(join(root, 'templates', 'public', 'labels.yaml'), 'bottomLine: Summary\n');
    const relabelled = await check(briefs());
    expect(relabelled.text).toContain(valid(grain));
    expect(relabelled.text).toContain(valid(minerals));

    const forced = await check(briefs(), '--force');
    expect(forced.text).toContain(valid(grain));
  });

  it('reports a broken brief on every check, never remembering it', async () => {
    const broken = join(root, 'content', 'broken.md');
    writeFileSync(broken, readFileSync(briefs()[0]!, 'utf8').replace(/^title: .*$/m, 'title: ""'));
    for (let round = 0; round < 2; round++) {
      const { code, text } = await check([broken]);
      expect(code).toBe(1);
      expect(text).toMatch(/broken\.md:\d+:\d+/);
    }
    rmSync(broken);
  });
});
