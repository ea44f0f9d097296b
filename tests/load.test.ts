import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYamlText } from '../scripts/brief/yaml-text.ts';
import { BriefError, BriefErrors, formatBriefError, listBriefErrors } from '../scripts/errors.ts';
import { loadBrief } from '../scripts/brief/load.ts';
import { loadText, minimalBrief, ROOT } from './helpers/briefs.ts';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof BriefError || error instanceof BriefErrors)
      return listBriefErrors(error).map(formatBriefError);
    throw error;
  }
  throw new Error('expected the brief to be refused');
}

describe('loadBrief', () => {
  it('reads the front-matter fields and the Markdown body with its first line number', () => {
    const loaded = loadText(`${minimalBrief()}\n## Extra slide\n`);
    expect(loaded.data.title).toBe('A brief');
    expect(loaded.body.trim()).toBe('## Extra slide');
    expect(loaded.bodyLine).toBe(9);
  });

  it('reads a brief saved with Windows (CRLF) or old Mac (CR) line endings as its LF twin, lines and all', () => {
    const text = `${minimalBrief()}\n## Extra slide\n\nWith two lines.\n`;
    const lf = loadText(text);
    for (const ending of ['\r\n', '\r']) {
      const loaded = loadText(text.replaceAll('\n', ending));
      expect(loaded.data).toStrictEqual(lf.data);
      expect(loaded.body).toBe(lf.body);
      expect(loaded.bodyLine).toBe(lf.bodyLine);
      expect(loaded.locate(['pillars', 0, 'summary'])).toEqual(lf.locate(['pillars', 0, 'summary']));
    }
  });

  it('keeps dates as the text written, not a Date shifted by time zone', () => {
    expect(loadText(minimalBrief()).data.date).toBe('2026-01-15');
  });

  it('locates a nested field at its line and column in the original file', () => {
    const loaded = loadText(minimalBrief());
    expect(loaded.locate(['pillars', 0, 'summary'])).toEqual({ line: 7, column: 5 });
    expect(loaded.locate(['pillars', 0, 'missing'])).toEqual({ line: 6, column: 5 });
  });

  it('refuses JavaScript front-matter in every spelling without running it', () => {
    for (const language of ['js', 'javascript', 'JavaScript', 'coffee', 'json', 'toml']) {
      const marker = `__briefdeck_ran_${language.toLowerCase()}`;
      const text = `---${language}\n{ title: (globalThis.${marker} = true, 'x') }\n---\n`;
      expect(problems(() => loadText(text)).join('\n')).toContain(
        `front-matter language "${language.toLowerCase()}" is not allowed`,
      );
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
    }
  });

  it('reports a duplicate key at the line of its second occurrence', () => {
    const text = minimalBrief().replace('summary: The bottom line.\n', 'summary: The bottom line.\nsummary: Again.\n');
    expect(problems(() => loadText(text))).toEqual([
      'brief.md:5:1: duplicate key: this field is already set above\n  hint: keep one of the two, or merge them',
    ]);
  });

  it('refuses custom YAML tags instead of constructing anything', () => {
    const text = minimalBrief('subtitle: !!js/function "function () { return 1 }"\n');
    expect(problems(() => loadText(text)).join('\n')).toMatch(/brief\.md:8:\d+: .*hint: YAML tags/s);
  });

  it('fails fast on an alias bomb', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const started = performance.now();
    expect(problems(() => loadText(`---\n${levels.join('\n')}\n---\n`)).join('\n')).toContain('too many YAML aliases');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses prototype keys anywhere in the front-matter', () => {
    expect(problems(() => loadText(minimalBrief('context:\n  __proto__:\n    polluted: true\n'))).join('\n')).toContain(
      'the key "__proto__" is not allowed',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['an empty file', '', 'the file is empty'],
    ['a file without front-matter', '# Just Markdown\n', 'no front-matter found'],
    ['front-matter that is a list', '---\n- a\n- b\n---\n', 'the front-matter is a list, not a set of fields'],
    ['front-matter that is a scalar', '---\njust text\n---\n', 'the front-matter is a single string value'],
    ['front-matter never closed', '---\ntitle: x\n', 'the front-matter is never closed'],
    ['malformed YAML', '---\ntitle: [unclosed\n---\n', 'brief.md:2:'],
  ])('refuses %s with a located message', (_name, text, expected) => {
    expect(problems(() => loadText(text)).join('\n')).toContain(expected);
  });

  it('refuses a binary file', () => {
    expect(
      problems(() => loadBrief({ file: 'logo.md', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) })),
    ).toEqual([
      'logo.md: this is a binary file, not a Markdown brief\n  hint: a brief is a UTF-8 text file ending in .md',
    ]);
  });
});

describe('parseYamlText', () => {
  // Plain YAML is read by a quicker parser; it must give exactly what the strict parser gives.
  const yamlFiles = [
    ...['content', 'tests/fixtures/briefs', 'tests/fixtures/invalid'].flatMap((folder) =>
      readdirSync(join(ROOT, folder))
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(ROOT, folder, name)),
    ),
    ...readdirSync(join(ROOT, 'templates'))
      .map((name) => join(ROOT, 'templates', name, 'profile.yaml'))
      .filter((file) => existsSync(file)),
  ];
  const frontMatterOf = (file: string) => {
    const text = readFileSync(file, 'utf8');
    return file.endsWith('.md') ? matter(text).matter : text;
  };

  it.each(yamlFiles.map((file) => [relative(ROOT, file), file]))(
    'reads %s to the same values as the strict YAML 1.2 parser',
    (_name, file) => {
      const text = frontMatterOf(file);
      let strict: unknown;
      try {
        strict = parse(text, { version: '1.2', schema: 'core', uniqueKeys: true, strict: true });
      } catch {
        return expect(() => parseYamlText(file, text)).toThrow();
      }
      let quick: unknown;
      try {
        quick = parseYamlText(file, text).data;
      } catch {
        return; // refused for what the strict parser lets through (tags, aliases, reserved keys): as before
      }
      expect(quick).toStrictEqual(strict);
    },
  );

  it('reads the edge cases of YAML 1.2 scalars as the strict parser does', () => {
    const text = [
      'hex: 0x1F',
      'octal: 0o17',
      'leading: 017',
      'under: 1_000',
      'binary: 0b101',
      'under-float: 1_0.5',
      'under-hex: 0x_1F',
      'negative-zero: -0',
      'exp: 1e3',
      'bool: True',
      'word: yes',
      'none: ~',
      'date: 2026-11-26',
      'time: 12:30',
      'big: 123456789012345678901',
      'quoted: "1"',
      'folded: >-',
      '  one',
      '    indented',
      '  two',
      'literal: |',
      '  kept',
      '',
      '  lines',
      'escape: "caf\\u00e9\\t\\x41"',
      'flow: [1, "two", three, {four: 4}]',
      'comment: text # gone',
    ].join('\n');
    expect(parseYamlText('x.yaml', text).data).toStrictEqual(
      parse(text, { version: '1.2', schema: 'core', uniqueKeys: true, strict: true }),
    );
  });

  it('still locates a field of plain YAML when asked', () => {
    const text = 'title: A\npillars:\n  - title: First\n    summary: Why\n';
    expect(parseYamlText('x.yaml', text).locate(['pillars', 0, 'summary'])).toEqual({ line: 4, column: 5 });
  });
});
