import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBriefdeck } from './helpers/cli.ts';
import { listAudiences } from '../scripts/deck/templates.ts';
import { REAL_BRIEF, ROOT, TEMPLATES } from './helpers/briefs.ts';

// A user's own templates folder: the shipped one plus a "board" audience with one override.
let root: string;
let out: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'briefdeck-templates-'));
  out = join(root, 'out');
  cpSync(TEMPLATES, join(root, 'templates'), { recursive: true });
  cpSync(join(TEMPLATES, 'executive', 'profile.yaml'), join(root, 'templates', 'board', 'profile.yaml'));
  writeFileSync(
    join(root, 'templates', 'board', 'profile.yaml'),
    'label: Board\ntheme: briefdeck-public\nnotes: false\nmarking: BOARD ONLY\nsections: [title, bottom-line]\n',
  );
  writeFileSync(
    join(root, 'templates', 'board', 'bottom-line.hbs'),
    '<!-- _class: bottom-line -->\n\n## In one sentence\n\n{{summary}}\n',
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An HTML build of a brief for the board and the committee, with the user's templates folder and the bundled Chromium. */
const buildBoardAndCommittee = (brief: string) =>
  runBriefdeck(
    [
      'build',
      brief,
      '--templates',
      join(root, 'templates'),
      '--audience',
      'board,committee',
      '--format',
      'html',
      '--out',
      out,
    ],
    'bundled',
  );

/** `briefdeck check` of the real brief against the user's templates folder, for one audience. */
const checkRealBrief = (audience: string) =>
  runBriefdeck(['check', relative(ROOT, REAL_BRIEF), '--templates', join(root, 'templates'), '--audience', audience]);

describe('audience profiles', () => {
  it('finds a new audience from its profile alone', () => {
    expect(listAudiences(join(root, 'templates'))).toEqual(['board', 'committee', 'executive', 'house', 'public']);
  });

  it('builds a new audience with its own sections, marking and theme, its template overriding the default', async () => {
    const { code, lines } = await runBriefdeck(
      [
        'build',
        relative(ROOT, REAL_BRIEF),
        '--templates',
        join(root, 'templates'),
        '--audience',
        'board',
        '--format',
        'html',
        '--out',
        out,
      ],
      'bundled',
    );
    expect(lines.join('\n')).toContain('1 of 1 brief built');
    expect(code).toBe(0);
    const markdown = readFileSync(join(out, 'ukraine-security-guarantees', 'board.md'), 'utf8');
    expect(markdown).toContain('theme: "briefdeck-public"');
    expect(markdown).toContain('header: "BOARD ONLY"');
    expect(markdown).toContain('## In one sentence');
    expect(markdown.split('\n---\n')).toHaveLength(3);
    const committee = readFileSync(join(TEMPLATES, 'slides', 'bottom-line.hbs'), 'utf8');
    expect(committee).toContain('## {{labels.bottomLine}}');
  });

  it('embeds an image a template shows from beside it, and refuses one without alt text', async () => {
    const board = join(root, 'templates', 'board');
    cpSync(join(ROOT, 'tests', 'fixtures', 'briefs', 'refining-capacity.png'), join(board, 'crest.png'));
    writeFileSync(join(board, 'profile.yaml'), 'label: Board\ntheme: briefdeck\nsections: [title]\n');
    writeFileSync(join(board, 'title.hbs'), '<!-- _class: title -->\n\n![Committee crest](crest.png)\n\n# {{title}}\n');
    const run = async (command: string) => {
      const { code, lines } = await runBriefdeck(
        [
          command,
          relative(ROOT, REAL_BRIEF),
          '--templates',
          join(root, 'templates'),
          '--audience',
          'board',
          '--format',
          'html',
          '--out',
          out,
        ],
        command === 'build' ? 'bundled' : 'none',
      );
      return { code, stderr: lines.join('\n') };
    };
    expect((await run('build')).code).toBe(0);
    expect(readFileSync(join(out, 'ukraine-security-guarantees', 'board.md'), 'utf8')).toContain(
      '![Committee crest](data:image/png;base64,iVBOR',
    );

    writeFileSync(join(board, 'title.hbs'), '<!-- _class: title -->\n\n![](crest.png)\n\n# {{title}}\n');
    const refused = await run('check');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${join(board, 'title.hbs')}:3:5: image "crest.png" has no alt text`);
  });

  it("gives an audience's own copy of a theme its own name, so the other audiences keep the shared look", async () => {
    const board = join(root, 'templates', 'board');
    writeFileSync(join(board, 'profile.yaml'), 'label: Board\ntheme: briefdeck\nsections: [title]\n');
    writeFileSync(join(board, 'title.hbs'), '# {{title}}\n');
    writeFileSync(
      join(board, 'briefdeck.css'),
      '/* @theme briefdeck */\n@import "briefdeck";\nsection { background: #a1b2c3; }\n',
    );
    try {
      const { code, lines } = await runBriefdeck(
        [
          'build',
          relative(ROOT, REAL_BRIEF),
          '--templates',
          join(root, 'templates'),
          '--audience',
          'board,committee',
          '--format',
          'html',
          '--out',
          out,
        ],
        'bundled',
      );
      expect(code, lines.join('\n')).toBe(0);
      const html = (audience: string) =>
        readFileSync(join(out, 'ukraine-security-guarantees', `${audience}.html`), 'utf8');
      expect(readFileSync(join(out, 'ukraine-security-guarantees', 'board.md'), 'utf8')).toContain(
        'theme: "board--briefdeck"',
      );
      expect(html('board')).toContain('#a1b2c3');
      expect(html('committee')).not.toContain('#a1b2c3');
    } finally {
      rmSync(join(board, 'briefdeck.css'));
    }
  });

  it('refuses two different shared themes with the same name, which Marp could not tell apart', async () => {
    const themes = join(root, 'templates', 'themes');
    writeFileSync(join(themes, 'copy.css'), '/* @theme briefdeck */\nsection { background: #eee; }\n');
    try {
      const { code, lines } = await checkRealBrief('committee');
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain(
        `two different themes are both named "briefdeck": ${join(themes, 'briefdeck.css')} and ${join(themes, 'copy.css')}`,
      );
    } finally {
      rmSync(join(themes, 'copy.css'));
    }
  });

  it('reports a profile mistake at its line with the allowed section kinds', async () => {
    writeFileSync(
      join(root, 'templates', 'board', 'profile.yaml'),
      'label: Board\ntheme: briefdeck\nsections:\n  - title\n  - bottomline\n',
    );
    const { code, lines } = await checkRealBrief('board');
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /board\/profile\.yaml:5:5: sections\[1\]\.kind: expected one of: title, bottom-line/,
    );
  });

  it('suggests the nearest field for a typo inside a section entry of a profile', async () => {
    writeFileSync(
      join(root, 'templates', 'board', 'profile.yaml'),
      'label: Board\ntheme: briefdeck\nsections:\n  - { kind: pillar, perslide: 3 }\n',
    );
    const { code, lines } = await checkRealBrief('board');
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(
      /board\/profile\.yaml:4:21: sections\[0\]\.perslide: unknown field "perslide"\n {2}hint: did you mean "perSlide"\? Allowed here: kind, perSlide, details/,
    );
  });

  it("shows a brief's headings in its language from templates/labels/<lang>.yaml, an audience's own labels first", async () => {
    writeFileSync(
      join(root, 'templates', 'board', 'profile.yaml'),
      'label: Ausschuss\ntheme: briefdeck\nsections: [bottom-line, { kind: takeaways, perSlide: 2 }]\n',
    );
    writeFileSync(
      join(root, 'templates', 'labels', 'de.yaml'),
      'bottomLine: Kernaussage\ntakeaways: Wichtigste Punkte\nof: von\n',
    );
    writeFileSync(join(root, 'templates', 'board', 'labels.yaml'), 'takeaways: Für den Ausschuss\n');
    const brief = join(root, 'kurz.md');
    writeFileSync(
      brief,
      '---\ntitle: Kurz\ndate: 2026-01-15\nlang: de-AT\nsummary: Das Wichtigste.\npillars:\n  - title: Erste Säule\n    summary: Warum.\ntakeaways:\n  - title: Eins\n  - title: Zwei\n  - title: Drei\n---\n',
    );
    try {
      const { code, lines } = await buildBoardAndCommittee(brief);
      expect(code, lines.join('\n')).toBe(0);
      const board = readFileSync(join(out, 'kurz', 'board.md'), 'utf8');
      expect(board).toContain('## Für den Ausschuss \\(1 von 2\\)');
      const committee = readFileSync(join(out, 'kurz', 'committee.md'), 'utf8');
      expect(committee).toContain('## Wichtigste Punkte');
      expect(committee).toContain('## Kernaussage');
      expect(committee).toContain('## The pillars at a glance'); // not translated: English fills the gap
    } finally {
      rmSync(join(root, 'templates', 'labels', 'de.yaml'));
      rmSync(join(root, 'templates', 'board', 'labels.yaml'));
    }
  });

  it('refuses an unknown key in a labels file, suggesting the nearest', async () => {
    writeFileSync(join(root, 'templates', 'labels', 'fr.yaml'), 'bottomline: En bref\n');
    try {
      const { code, lines } = await checkRealBrief('committee');
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain(
        `${join(root, 'templates', 'labels', 'fr.yaml')}:1:1: bottomline: unknown field "bottomline"\n  hint: did you mean "bottomLine"?`,
      );
    } finally {
      rmSync(join(root, 'templates', 'labels', 'fr.yaml'));
    }
  });
});
