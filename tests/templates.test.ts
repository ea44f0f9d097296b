import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planDeck } from '../scripts/deck/plan.ts';
import { inlineThemeCss, loadProfile, loadTemplateSet, renderTemplatesFor } from '../scripts/deck/templates.ts';
import { parseProfile } from '../scripts/deck/profile.ts';
import { renderDeck } from '../scripts/deck/render.ts';
import { readBrief, REAL_BRIEF, TEMPLATES } from './helpers/briefs.ts';
import { templateThemeCss } from '../scripts/deck/template-theme.ts';
import { BriefError } from '../scripts/errors.ts';

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

describe('theme: template', () => {
  it('refuses a profile that takes its look from a PowerPoint template but names none, at the theme line', () => {
    const text = 'label: House\ntheme: template\nsections: [title]\n';
    let caught: unknown;
    try {
      parseProfile('house', 'templates/house/profile.yaml', text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BriefError);
    const error = caught as BriefError;
    expect(error.where).toMatchObject({ file: 'templates/house/profile.yaml', line: 2, field: ['theme'] });
    expect(error.message).toContain('theme: template');
    expect(error.hint).toContain('pptx:');
    expect(parseProfile('house', 'p.yaml', `${text}pptx:\n  template: house.potx\n`).theme).toBe('template');
  });

  it('draws the template look: its colours, fonts, placeholder boxes and background layers', () => {
    const css = templateThemeCss(
      {
        colours: {
          text: '#222222',
          background: '#ffffff',
          heading: '#ffffff',
          accent: '#5a238c',
          marking: '#b25e25',
          panel: '#e7e6e6',
        },
        fonts: { heading: 'Calibri', body: 'Georgia' },
        sizes: { heading: 58, body: 37 },
        roles: {
          title: { layers: [] },
          list: {
            title: { x: 0, y: 38, width: 1280, height: 78 },
            body: { x: 88, y: 143, width: 1104, height: 505 },
            titleText: { inset: 33, anchor: 'ctr', colour: '#ffffff' },
            titleFill: { colour: '#595959' },
            layers: [{ box: { x: 0, y: 682, width: 1280, height: 38 }, fill: { colour: '#5a238c' } }],
          },
        },
        furniture: { footer: { box: { x: 20, y: 682, width: 980, height: 38 }, colour: '#ffffff' } },
        approximations: [],
      },
      'house--template',
      { Calibri: 'Carlito' },
    );
    expect(css).toMatch(/^\/\* @theme house--template \*\//);
    expect(css).toContain('@import "briefdeck";');
    expect(css).toContain('--font-heading: "Calibri", "Carlito", "Source Sans 3"');
    expect(css).toContain('--font-body: "Georgia", "Source Sans 3"');
    // White titles sit on their band; headings of lists and bold text need a colour that reads on white.
    expect(css).not.toContain('--color-heading: #ffffff');
    // Sizes made for a few words a slide are kept within briefdeck's.
    expect(css).toContain('--size-body: 36px;');
    // The content box holds the heading's text (its box less the inset) and the body box.
    expect(css).toContain('padding: 38px 33px 72px 33px;');
    expect(css).toMatch(/section h2 \{[^}]*min-height: 78px;[^}]*background: linear-gradient\(#595959, #595959\);/);
    expect(css).toContain('background-position: 0px 682px, 0 0;');
    expect(css).toMatch(/header \{ display: none; \}/);
    expect(css).toMatch(/footer \{[^}]*left: 20px;[^}]*color: #ffffff;/);
  });
});

describe("an audience's logo", () => {
  // A real PNG, two pixels wide: the logo an office puts beside its profile.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGNgYGD4z8DAwMAAAAQAAR7fJ6UAAAAASUVORK5CYII=',
    'base64',
  );

  function titleSlide(profileText: string, logo?: string): string {
    const root = mkdtempSync(join(tmpdir(), 'briefdeck-logo-'));
    try {
      cpSync(TEMPLATES, root, { recursive: true });
      writeFileSync(join(root, 'committee', 'profile.yaml'), profileText);
      if (logo) writeFileSync(join(root, 'committee', logo), PNG);
      const committee = loadProfile(root, 'committee');
      const { brief, loaded } = readBrief(REAL_BRIEF);
      const markdown = renderDeck(
        planDeck(brief, committee, { slug: 'x', body: loaded.body, file: REAL_BRIEF }),
        renderTemplatesFor(loadTemplateSet(root, committee), 'en'),
      );
      return markdown.split('\n---\n')[1]!;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  const profileText = (extra = '') =>
    `label: Committee\ntheme: briefdeck\n${extra}sections:\n  - title\n  - bottom-line\n  - pillars-overview\n`;

  it('puts templates/<audience>/logo.png on the title slide, embedded, without naming it', () => {
    const slide = titleSlide(profileText(), 'logo.png');
    expect(slide).toContain(`![](data:image/png;base64,${PNG.toString('base64')})`);
  });

  it('takes the logo the profile names, with its description', () => {
    const slide = titleSlide(
      profileText('logo: { file: crest.png, alt: "Crest of the Joint Committee" }\n'),
      'crest.png',
    );
    expect(slide).toContain(`![Crest of the Joint Committee](data:image/png;base64,${PNG.toString('base64')})`);
  });

  it('shows no logo where the audience has none', () => {
    expect(titleSlide(profileText())).not.toContain('![');
  });

  it('refuses a logo the profile names that is not there, naming the profile and field', () => {
    expect(() => titleSlide(profileText('logo: crest.png\n'))).toThrow(
      expect.objectContaining({
        message: 'the logo "crest.png" cannot be read',
        where: expect.objectContaining({ field: ['logo'] }),
      }),
    );
  });
});
