import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { dataUrl, embedImages, IMAGE_TYPES, LOGO_PLACEHOLDER } from '../brief/body.ts';
import { BriefError } from '../errors.ts';
import { renderMarkup } from './marp-html.ts';
import { findExternalResources } from './resources.ts';
import { type LabelFiles, type Labels, loadLabelFiles, readLanguageLabels, resolveLabels } from './labels.ts';
import type { MemoTemplate } from '../memo/html.ts';
import { readWordTemplate } from '../memo/word-template.ts';
import { parseProfile, SECTION_KINDS, type AudienceProfile, type SectionKind, usesTemplateTheme } from './profile.ts';
import { type TemplateLook, templateThemeCss } from './template-theme.ts';
import type { RenderTemplates } from './render.ts';
import { remembering } from '../remember.ts';

/** Template sources for one audience, found by the lookup order in README.md. */
export interface TemplateSet {
  /** Handlebars source and its file, per slide kind. */
  slides: Map<SectionKind, { file: string; source: string }>;
  /** Partials (`_name.hbs`), the profile's own overriding the defaults of the same name. */
  partials: Map<string, { file: string; source: string }>;
  theme: { name: string; file: string; css: string };
  /** Label files for the words templates show around a brief's text, per language. */
  labels: LabelFiles;
  /** The audience's logo for the title slide, embedded, where it has one. */
  logo?: { src: string; alt: string };
  /** The read-ahead memo's template and styles. */
  memo: MemoTemplate;
}

/** `templates/<audience>/memo.hbs` or `templates/memo/memo.hbs`, and memo.css likewise, its fonts inlined. */
function loadMemoTemplate(root: string, profile: AudienceProfile, reader: TemplateReader): MemoTemplate {
  const find = (name: string) => findFirst([join(root, profile.name, name), join(root, 'memo', name)], `memo ${name}`);
  const template = find('memo.hbs');
  const css = find('memo.css');
  const word = profile.memo?.template;
  return {
    template: { file: template, source: readFileSync(template, 'utf8') },
    css: reader.stylesheet(css),
    word: word ? readWordTemplate(join(root, profile.name, word), profile.file) : undefined,
  };
}

/** The profile's logo, or `logo.png` beside it, as a data URL: decks embed every image. */
function readLogo(root: string, profile: AudienceProfile): TemplateSet['logo'] {
  const named = profile.logo;
  const file = join(root, profile.name, named?.file ?? 'logo.png');
  if (!named && !existsSync(file)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new BriefError(
      'profile',
      `the logo "${named?.file}" cannot be read`,
      { file: profile.file, field: ['logo'] },
      `put the image beside profile.yaml, at ${file}`,
      { cause },
    );
  }
  // The profile allows only the raster types Markdown embeds; logo.png is one of them.
  return { src: dataUrl(IMAGE_TYPES[extname(file).toLowerCase()]!, bytes), alt: named?.alt ?? '' };
}

const require = createRequire(import.meta.url);
const PROFILE_FILE = 'profile.yaml';
const DEFAULT_SLIDES = 'slides';
const DEFAULT_THEMES = 'themes';

/** Audience names: every folder under the templates root that holds a profile.yaml. */
export function listAudiences(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, PROFILE_FILE)))
    .map((entry) => entry.name)
    .sort();
}

export function loadProfile(root: string, name: string): AudienceProfile {
  const file = join(root, name, PROFILE_FILE);
  return parseProfile(name, file, readFileSync(file, 'utf8'));
}

/** The first existing file among `candidates`, or an error naming every place looked. */
function findFirst(candidates: string[], what: string): string {
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new BriefError('template', `no ${what} found`, { file: candidates[0]! }, `looked in: ${candidates.join(', ')}`);
}

// Fonts and other assets are inlined so decks need no network and look the same everywhere.
const CSS_IMPORT = /@import\s+url\(\s*["']?([^"')]+)["']?\s*\)\s*;/g;
const CSS_URL = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const MIME_TYPES: Record<string, string> = {
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
  png: 'image/png',
  svg: 'image/svg+xml',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The folder a file's relative references must stay inside: its npm package, else the templates folder. */
function trustedRoot(file: string, templatesRoot: string): string {
  return /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file)?.[1] ?? templatesRoot;
}

function resolveAsset(specifier: string, fromFile: string, root: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw new BriefError(
      'theme',
      `the theme refers to "${specifier}", outside the project`,
      { file: fromFile },
      'themes may only use files shipped in the project or its npm packages, such as @fontsource fonts',
    );
  }
  if (specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier)) {
    throw new BriefError(
      'theme',
      `the theme refers to the absolute path "${specifier}"`,
      { file: fromFile },
      'refer to files beside the theme (./fonts/x.woff2) or in npm packages (@fontsource/…)',
    );
  }
  if (specifier.startsWith('.')) {
    const asset = resolve(dirname(fromFile), specifier);
    const inside = relative(resolve(trustedRoot(fromFile, root)), asset);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new BriefError(
        'theme',
        `the theme refers to "${specifier}", outside its folder`,
        { file: fromFile },
        `themes may use files inside ${trustedRoot(fromFile, root)} or in npm packages`,
      );
    }
    if (!existsSync(asset))
      throw new BriefError(
        'theme',
        `the theme refers to "${specifier}", which does not exist`,
        { file: fromFile },
        'check the path; it is relative to the theme file',
      );
    return asset;
  }
  // A package beside the theme (a user's own templates folder) first, then briefdeck's own.
  for (const paths of [[dirname(fromFile)], undefined]) {
    try {
      return require.resolve(specifier, paths ? { paths } : undefined);
    } catch {
      // try the next place
    }
  }
  throw new BriefError(
    'theme',
    `the theme imports "${specifier}", which is not installed`,
    { file: fromFile },
    'install the package with npm, or point the import at a file beside the theme',
  );
}

/**
 * Inlines `@import`s and `url()`s of a theme into one self-contained stylesheet. Relative
 * references stay inside `root` (the templates folder), or inside the npm package that makes them.
 */
export function inlineThemeCss(css: string, file: string, root = dirname(file)): string {
  const withImports = css.replace(CSS_IMPORT, (_match, specifier: string) => {
    const imported = resolveAsset(specifier, file, root);
    return inlineThemeCss(readFileSync(imported, 'utf8'), imported, root);
  });
  return (
    withImports
      // fontsource lists a woff fallback after each woff2; every browser that exports reads woff2.
      .replace(/,\s*url\([^)]*\.woff\)\s*format\(['"]woff['"]\)/g, '')
      .replace(CSS_URL, (match, _quote: string, specifier: string) => {
        if (specifier.startsWith('data:') || specifier.startsWith('#')) return match;
        const asset = resolveAsset(specifier, file, root);
        const extension = asset.split('.').pop()!.toLowerCase();
        const mime = MIME_TYPES[extension] ?? 'application/octet-stream';
        return `url("${dataUrl(mime, readFileSync(asset))}")`;
      })
  );
}

/** A template's source with its images (a logo, say) checked and embedded from beside it. */
function readTemplate(file: string): string {
  const source = embedImages(readFileSync(file, 'utf8'), { file, firstLine: 1 });
  // A directive or style in the template itself is the only way its slides could fetch: brief values are escaped.
  const remote = findExternalResources(renderMarkup(source)).filter((url) => url !== LOGO_PLACEHOLDER);
  if (remote.length > 0) {
    throw new BriefError(
      'remote-resource',
      `the template would make decks fetch ${remote.join(', ')} when opened`,
      { file },
      'decks never reach out to the network; save the file beside the template and refer to it by its relative path',
    );
  }
  return source;
}

/** How a template set's files are read: each template checked, each style sheet with its imports and fonts inlined. */
export interface TemplateReader {
  template: (file: string) => string;
  stylesheet: (file: string) => string;
  /** The labels of `templates/labels/`, one set per language. */
  languageLabels: () => Map<string, Partial<Labels>>;
}

/**
 * Reads each template and style sheet under `root` once: the audiences of a build share most of
 * the default templates, the memo's styles and often a theme, which one reader serves them all.
 */
export function createTemplateReader(root: string): TemplateReader {
  let languageLabels: Map<string, Partial<Labels>> | undefined;
  return {
    template: remembering(readTemplate),
    stylesheet: remembering((file: string) => inlineThemeCss(readFileSync(file, 'utf8'), file, root)),
    languageLabels: () => (languageLabels ??= readLanguageLabels(root)),
  };
}

/**
 * Finds each slide template and the theme for an audience: the profile's own folder first,
 * then the shared defaults (`templates/slides/`, `templates/themes/`).
 */
export function loadTemplateSet(
  root: string,
  profile: AudienceProfile,
  /** For `theme: template`: the look of the audience's PowerPoint template, that file, and the fonts that stand in for its own. */
  templateTheme?: { look: TemplateLook; file: string; standIns: Record<string, string> },
  reader: TemplateReader = createTemplateReader(root),
): TemplateSet {
  const slides = new Map<SectionKind, { file: string; source: string }>();
  const kinds = new Set<SectionKind>(profile.sections.map((section) => section.kind));
  // A figure that finds no room beside a section's points moves to a figure slide of its own.
  if (kinds.has('pillar') || kinds.has('context') || kinds.has('outlook')) kinds.add('figures');
  for (const kind of SECTION_KINDS) {
    // Appendix slides are the brief's own Markdown: they need no template.
    if (!kinds.has(kind) || kind === 'appendix') continue;
    const file = findFirst(
      [join(root, profile.name, `${kind}.hbs`), join(root, DEFAULT_SLIDES, `${kind}.hbs`)],
      `template for the "${kind}" slide`,
    );
    slides.set(kind, { file: file, source: reader.template(file) });
  }
  const partials = new Map<string, { file: string; source: string }>();
  for (const folder of [join(root, DEFAULT_SLIDES), join(root, profile.name)]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((entry) => /^_[\w-]+\.hbs$/.test(entry))
      .sort()) {
      const file = join(folder, name);
      partials.set(name.slice(0, -'.hbs'.length), { file: file, source: reader.template(file) });
    }
  }
  const labels = loadLabelFiles(root, profile.name, reader.languageLabels());
  const logo = readLogo(root, profile);
  const memo = loadMemoTemplate(root, profile, reader);
  if (usesTemplateTheme(profile)) {
    if (!templateTheme)
      throw new BriefError('profile', 'theme: template needs the PowerPoint template read first', {
        file: profile.file,
      });
    const name = `${profile.name}--template`;
    const css = templateThemeCss(templateTheme.look, name, templateTheme.standIns);
    return { slides, partials, labels, logo, memo, theme: { name, file: templateTheme.file, css } };
  }
  const themeFile = findFirst(
    [join(root, profile.name, `${profile.theme}.css`), join(root, DEFAULT_THEMES, `${profile.theme}.css`)],
    `theme "${profile.theme}"`,
  );
  const css = reader.stylesheet(themeFile);
  const name = themeNameOf(css, themeFile);
  if (themeFile === join(root, DEFAULT_THEMES, `${profile.theme}.css`))
    return { slides, partials, labels, logo, memo, theme: { name, file: themeFile, css } };
  // An audience's own copy of a theme usually keeps the shared theme's name; Marp knows themes by
  // name alone, so it gets one of its own and the other audiences keep the shared look.
  const ownName = `${profile.name}--${name}`;
  return {
    slides,
    partials,
    labels,
    logo,
    memo,
    theme: { name: ownName, file: themeFile, css: css.replace(/(@theme\s+)[\w-]+/, `$1${ownName}`) },
  };
}

/** What rendering a deck in `lang` needs from an audience's template set. */
export function renderTemplatesFor(set: TemplateSet, lang: string): RenderTemplates {
  return {
    slides: set.slides,
    partials: set.partials,
    themeName: set.theme.name,
    labels: resolveLabels(set.labels, lang),
    logo: set.logo,
  };
}

/** The name a Marp theme gives itself in its `/* @theme name *\/` comment. */
export function readThemeName(css: string): string | undefined {
  return /@theme\s+([\w-]+)/.exec(css)?.[1];
}

function themeNameOf(css: string, file: string): string {
  const name = readThemeName(css);
  if (!name)
    throw new BriefError(
      'theme',
      'the theme has no "/* @theme name */" comment',
      { file: file },
      'Marp needs every theme to name itself: add /* @theme my-theme */ at the top',
    );
  return name;
}

/**
 * Themes of the templates folder, so a profile's theme may import another by name. Marp knows a
 * theme by its name alone, so two different themes with one name would silently swap looks.
 */
export function collectThemes(templatesDir: string, sets: TemplateSet[]): { name: string; css: string }[] {
  const themes = new Map<string, { css: string; file: string }>();
  const add = (name: string, css: string, file: string) => {
    const earlier = themes.get(name);
    if (earlier && earlier.css !== css && resolve(earlier.file) !== resolve(file)) {
      throw new BriefError(
        'theme',
        `two different themes are both named "${name}": ${earlier.file} and ${file}`,
        { file },
        'give one of them its own name in its /* @theme name */ comment and in the profiles that use it',
      );
    }
    if (!earlier) themes.set(name, { css, file });
  };
  for (const set of sets) add(set.theme.name, set.theme.css, set.theme.file);
  const folder = join(templatesDir, 'themes');
  const files = existsSync(folder) ? readdirSync(folder) : [];
  // The profiles' own themes are inlined already; inlining fonts again costs a quarter-megabyte each.
  const loaded = new Set(sets.map((set) => resolve(set.theme.file)));
  for (const name of files.filter((entry) => entry.endsWith('.css')).sort()) {
    const file = join(folder, name);
    if (loaded.has(resolve(file))) continue;
    const css = inlineThemeCss(readFileSync(file, 'utf8'), file, templatesDir);
    const themeName = readThemeName(css);
    if (themeName) add(themeName, css, file);
  }
  return [...themes].map(([name, { css }]) => ({ name, css }));
}
