// Fonts for the scripts a theme's own fonts lack (Arabic, Hebrew, Chinese, Japanese, Korean),
// shipped as @fontsource packages so a deck shows every glyph on a machine without them. Google's
// files come cut into pieces by unicode-range; a deck carries only the pieces its text touches,
// so an English deck grows by nothing and a Chinese one by the few dozen pieces its characters need.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { primaryLanguage as primary } from './direction.ts';

/** A script's typeface: its family name, its package, and the languages that put it first. */
export interface ScriptFamily {
  family: string;
  packageName: string;
  /** The package's one file per weight for the whole script, what PowerPoint embedding cuts down. */
  wholeScript: string;
  /** The text is in one of these (BCP 47 primary tags, or full tags for Chinese variants). */
  firstFor: (lang: string) => boolean;
  /** PowerPoint's slot for the script: East Asian (`a:ea`) or complex script (`a:cs`). */
  slot: 'ea' | 'cs';
}

const traditionalChinese = (lang: string) => primary(lang) === 'zh' && /[-_](tw|hk|mo|hant)\b/i.test(lang);

/** In the order a character is looked up in when the brief's language puts none of them first. */
export const SCRIPT_FAMILIES: readonly ScriptFamily[] = [
  {
    family: 'Noto Sans Arabic',
    slot: 'cs',
    packageName: '@fontsource/noto-sans-arabic',
    wholeScript: 'arabic',
    firstFor: (lang) => ['ar', 'fa', 'ur', 'ps', 'ku', 'sd', 'ug'].includes(primary(lang)),
  },
  {
    family: 'Noto Sans Hebrew',
    slot: 'cs',
    packageName: '@fontsource/noto-sans-hebrew',
    wholeScript: 'hebrew',
    firstFor: (lang) => ['he', 'iw', 'yi'].includes(primary(lang)),
  },
  {
    family: 'Noto Sans SC',
    slot: 'ea',
    packageName: '@fontsource/noto-sans-sc',
    wholeScript: 'chinese-simplified',
    firstFor: (lang) => primary(lang) === 'zh' && !traditionalChinese(lang),
  },
  {
    family: 'Noto Sans TC',
    slot: 'ea',
    packageName: '@fontsource/noto-sans-tc',
    wholeScript: 'chinese-traditional',
    firstFor: traditionalChinese,
  },
  {
    family: 'Noto Sans JP',
    slot: 'ea',
    packageName: '@fontsource/noto-sans-jp',
    wholeScript: 'japanese',
    firstFor: (lang) => primary(lang) === 'ja',
  },
  {
    family: 'Noto Sans KR',
    slot: 'ea',
    packageName: '@fontsource/noto-sans-kr',
    wholeScript: 'korean',
    firstFor: (lang) => primary(lang) === 'ko',
  },
];

/** Regular for text, bold for headings and strong text; the browser slants them for italics. */
const WEIGHTS = [400, 700] as const;

interface Face {
  family: string;
  weight: number;
  file: string;
  ranges: [number, number][];
  unicodeRange: string;
}

/**
 * A character the theme's Latin, Greek and Cyrillic fonts leave to a script font: from Armenian
 * on, less the punctuation, symbols and Latin additions that every theme font or none draws.
 */
export const needsScriptFont = (code: number) =>
  code >= 0x0590 && !(code >= 0x1d00 && code <= 0x2bff) && !(code >= 0xfe00 && code <= 0xfe0f);

const require = createRequire(import.meta.url);
const facesOf = new Map<string, Face[]>();

/** The installed folder of a family's package. */
const packageFolder = (script: ScriptFamily) => dirname(require.resolve(`${script.packageName}/package.json`));

/** The shipped script family called `family`, if it is one. */
export const scriptFamilyNamed = (family: string) => SCRIPT_FAMILIES.find((script) => script.family === family);

function parseRanges(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [start, end] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(start!, 16), Number.parseInt(end ?? start!, 16)];
  });
}

/** A family's faces as its package's `<weight>.css` files declare them. */
function familyFaces(script: ScriptFamily): Face[] {
  let faces = facesOf.get(script.family);
  if (faces) return faces;
  const folder = packageFolder(script);
  faces = WEIGHTS.flatMap((weight) =>
    [...readFileSync(join(folder, `${weight}.css`), 'utf8').matchAll(/@font-face\s*{([^}]*)}/g)].flatMap(([, body]) => {
      const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(body!)?.[1];
      const unicodeRange = /unicode-range:\s*([^;]+);/.exec(body!)?.[1]?.trim();
      if (!file || !unicodeRange) return [];
      return [
        { family: script.family, weight, file: join(folder, file), ranges: parseRanges(unicodeRange), unicodeRange },
      ];
    }),
  );
  facesOf.set(script.family, faces);
  return faces;
}

const covers = (face: Face, code: number) => face.ranges.some(([start, end]) => code >= start && code <= end);

/** The script families in the order a text in `lang` looks characters up in them. */
export function scriptFamiliesFor(lang: string): ScriptFamily[] {
  return [...SCRIPT_FAMILIES].sort((a, b) => Number(b.firstFor(lang)) - Number(a.firstFor(lang)));
}

/** The script characters of a text, each once. */
export function scriptCharacters(text: string): number[] {
  const codes = new Set<number>();
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (needsScriptFont(code)) codes.add(code);
  }
  return [...codes].sort((a, b) => a - b);
}

// Each character's family, by order of lookup: PowerPoint asks run by run, the fit step on every round.
const familyByOrder = new Map<string, Map<number, ScriptFamily | null>>();

/** For each script character of `text`, the first family (in `lang`'s order) that draws it. */
export function scriptFamilyOf(text: string, lang: string): Map<number, ScriptFamily> {
  const families = scriptFamiliesFor(lang);
  const order = families.map((script) => script.family).join(',');
  let known = familyByOrder.get(order);
  if (!known) {
    known = new Map();
    familyByOrder.set(order, known);
  }
  const chosen = new Map<number, ScriptFamily>();
  for (const code of scriptCharacters(text)) {
    let family = known.get(code);
    if (family === undefined) {
      family = families.find((script) => familyFaces(script).some((face) => covers(face, code))) ?? null;
      known.set(code, family);
    }
    if (family) chosen.set(code, family);
  }
  return chosen;
}

const encoded = new Map<string, string>();
const base64Of = (file: string) => {
  let data = encoded.get(file);
  if (data === undefined) {
    data = readFileSync(file).toString('base64');
    encoded.set(file, data);
  }
  return data;
};

// The last few stylesheets made, kept small: a dev session makes a new one for each new character.
const cssOf = new Map<string, string>();
const CSS_KEPT = 16;

/**
 * The fonts a deck's text needs beyond its theme's: `@font-face` rules for just the pieces its
 * characters fall in, in both weights, and `--script-fonts`, the families in the order `lang`
 * prefers, which the theme's font lists take up. Empty when the text needs none.
 */
export function scriptFontCss(text: string, lang: string): string {
  const byCode = scriptFamilyOf(text, lang);
  if (byCode.size === 0) return '';
  const faces = new Set<Face>();
  for (const [code, script] of byCode) for (const face of familyFaces(script)) if (covers(face, code)) faces.add(face);
  const families = scriptFamiliesFor(lang).filter((script) => [...byCode.values()].includes(script));
  // A deck is rendered on every fit round and again for its HTML export, with the same pieces.
  const key = [...families.map((script) => script.family), ...[...faces].map((face) => face.file)].join('\n');
  let css = cssOf.get(key);
  if (css === undefined) {
    css = fontFaceCss([...faces], families);
    cssOf.set(key, css);
    if (cssOf.size > CSS_KEPT) cssOf.delete(cssOf.keys().next().value!);
  }
  return css;
}

function fontFaceCss(faces: readonly Face[], families: readonly ScriptFamily[]): string {
  const rules = faces.map(
    (face) =>
      `@font-face{font-family:"${face.family}";font-style:normal;font-weight:${face.weight};font-display:block;` +
      `src:url("data:font/woff2;base64,${base64Of(face.file)}") format("woff2");unicode-range:${face.unicodeRange}}`,
  );
  return `${rules.join('\n')}\n:root{--script-fonts:${families.map((script) => `"${script.family}"`).join(', ')}}\n`;
}

/** The whole-script file of a family in one weight, for cutting down to a deck's characters. */
export function wholeScriptFile(family: string, weight: 400 | 700): string | undefined {
  const script = scriptFamilyNamed(family);
  if (!script) return undefined;
  const name = script.packageName.split('/')[1]!;
  return join(packageFolder(script), 'files', `${name}-${script.wholeScript}-${weight}-normal.woff2`);
}

/** The East Asian and complex-script typefaces a run of text in `lang` is drawn in, where it needs them. */
export function scriptTypefaces(text: string, lang: string): { ea?: string; cs?: string } {
  const faces: { ea?: string; cs?: string } = {};
  for (const script of scriptFamilyOf(text, lang).values()) faces[script.slot] ??= script.family;
  return faces;
}
