import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineThemeCss } from '../scripts/deck/templates.ts';

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-theme-'));
const theme = join(dir, 'theme.css');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inlineThemeCss', () => {
  it('inlines a font package import and its woff2 files as data URIs, dropping the woff fallback', () => {
    const css = inlineThemeCss('@import url("@fontsource/source-sans-3/400.css");', theme);
    expect(css).toContain("font-family: 'Source Sans 3'");
    expect(css).toMatch(/url\("data:font\/woff2;base64,[A-Za-z0-9+/]+=*"\)/);
    expect(css).not.toMatch(/\.woff2?\)|\.\/files\//);
    expect(css).toContain('U+0400-045F'); // the Cyrillic subset's unicode-range survives
  });

  it('inlines a file beside the theme', () => {
    writeFileSync(join(dir, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(inlineThemeCss('section { background: url(./logo.svg); }', theme)).toContain(
      'url("data:image/svg+xml;base64,',
    );
  });

  it.each([
    ['a remote address', 'section { background: url(https://example.org/x.png); }', 'outside the project'],
    ['an absolute local path', 'section { background: url(/etc/passwd); }', 'the absolute path "/etc/passwd"'],
    ['a missing file', 'section { background: url(./nope.png); }', '"./nope.png", which does not exist'],
    [
      'a package that is not installed',
      '@import url("@nope/font/400.css");',
      '"@nope/font/400.css", which is not installed',
    ],
    [
      'a path that climbs out of the templates folder',
      'section { background: url(../../etc/passwd); }',
      '"../../etc/passwd", outside its folder',
    ],
  ])('refuses %s with a message naming the theme', (_name, css, message) => {
    expect(() => inlineThemeCss(css, theme)).toThrow(message);
  });
});
