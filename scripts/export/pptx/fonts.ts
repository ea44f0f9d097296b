// The theme's fonts inside the PowerPoint file, as PowerPoint embeds them when "Embed fonts in the
// file" is ticked: one TrueType part per typeface and style the deck uses, cut down to the
// Unicode blocks its text touches, so PowerPoint draws the deck in its own fonts on any machine.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { scriptFamilyNamed, scriptFamilyOf, wholeScriptFile } from '../../deck/script-fonts.ts';
import type { SlideLayout } from '../slide-layout.ts';
import { withFamilyName } from './font-names.ts';

export type FaceStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** One typeface embedded in the file, with a part for each style the deck uses. */
export interface EmbeddedFont {
  typeface: string;
  pitchFamily: number;
  /** In the order `p:embeddedFont` lists them: regular, bold, italic, bold italic. */
  faces: { style: FaceStyle; part: string; data: Uint8Array }[];
}

/** Finds a TrueType or OpenType file for a typeface in one style. */
export type FontFinder = (typeface: string, style: FaceStyle) => string | undefined;

const STYLES: readonly FaceStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];
const styleOf = (bold: boolean, italic: boolean): FaceStyle =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

/**
 * Each typeface the deck's text uses, with the styles and characters of its runs: a run's script
 * characters count for the script font PowerPoint draws them in (see `runFonts`), upright, since
 * the script fonts have no italics.
 */
export function fontUsage(layouts: readonly SlideLayout[], lang: string): Map<string, Map<FaceStyle, Set<number>>> {
  const usage = new Map<string, Map<FaceStyle, Set<number>>>();
  const note = (font: string, style: FaceStyle, text: string) => {
    if (!font) return;
    const styles = usage.get(font) ?? new Map<FaceStyle, Set<number>>();
    usage.set(font, styles);
    const codes = styles.get(style) ?? new Set<number>();
    styles.set(style, codes);
    for (const char of text) codes.add(char.codePointAt(0)!);
  };
  const noteRun = (font: string, style: FaceStyle, text: string) => {
    const scripts = scriptFamilyOf(text, lang);
    if (scripts.size === 0) return note(font, style, text);
    const upright: FaceStyle = style === 'bold' || style === 'boldItalic' ? 'bold' : 'regular';
    let latin = '';
    for (const char of text) {
      const script = scripts.get(char.codePointAt(0)!);
      if (script) note(script.family, upright, char);
      else latin += char;
    }
    note(font, style, latin);
  };
  for (const layout of layouts) {
    const paragraphs = [
      ...layout.texts.flatMap((text) => text.paragraphs),
      ...layout.tables.flatMap((table) => table.rows.flatMap((row) => row.cells.flatMap((cell) => cell.paragraphs))),
    ];
    for (const run of paragraphs.flatMap((paragraph) => paragraph.runs))
      noteRun(run.font, styleOf(run.bold, run.italic), run.text);
    if (layout.pageNumber) note(layout.pageNumber.font, 'regular', '0123456789');
  }
  return usage;
}

/**
 * The characters a face keeps: every 128-character block the deck's text touches, and printable
 * ASCII, so small edits in PowerPoint still draw in the embedded font.
 */
export function subsetText(codes: ReadonlySet<number>): string {
  const blocks = new Set([0, ...[...codes].map((code) => code >> 7)]);
  const chars: string[] = [];
  for (const block of [...blocks].sort((a, b) => a - b))
    for (let code = block << 7; code < (block + 1) << 7; code++)
      if (code >= 0x20 && (code < 0x7f || code > 0x9f) && (code < 0xd800 || code > 0xdfff))
        chars.push(String.fromCodePoint(code));
  return chars.join('');
}

const require = createRequire(import.meta.url);
const WEIGHTS: Record<FaceStyle, number> = { regular: 400, italic: 400, bold: 700, boldItalic: 700 };

/**
 * Google Fonts as TrueType from the `@expo-google-fonts/<name>` packages, the same fonts the
 * `@fontsource/<name>` packages give the HTML deck. Bold takes the nearest weight from 600 up.
 */
export const findGoogleFont: FontFinder = (typeface, style) => {
  let folder: string;
  try {
    folder = dirname(require.resolve(`@expo-google-fonts/${typeface.toLowerCase().replace(/\s+/g, '-')}/package.json`));
  } catch {
    return undefined;
  }
  const italic = style === 'italic' || style === 'boldItalic';
  const faces = readdirSync(folder)
    .map((name) => ({ name, match: /^(\d{3})[A-Za-z]+(_Italic)?$/.exec(name) }))
    .filter((face) => face.match && Boolean(face.match[2]) === italic)
    .map((face) => ({ name: face.name, weight: Number(face.match![1]) }))
    .filter((face) => (WEIGHTS[style] >= 600 ? face.weight >= 600 : true))
    .sort((a, b) => Math.abs(a.weight - WEIGHTS[style]) - Math.abs(b.weight - WEIGHTS[style]));
  const chosen = faces[0];
  if (!chosen) return undefined;
  const file = readdirSync(join(folder, chosen.name)).find((name) => /\.[ot]tf$/i.test(name));
  return file ? join(folder, chosen.name, file) : undefined;
};

/** The family names a font file gives itself (name IDs 1 and 16), read from its `name` table. */
export function fontFamilyNames(font: Uint8Array): string[] {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(4);
  let nameTable = -1;
  for (let index = 0; index < tables; index++) {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    if (tag === 'name') nameTable = view.getUint32(record + 8);
  }
  if (nameTable < 0) return [];
  const count = view.getUint16(nameTable + 2);
  const strings = nameTable + view.getUint16(nameTable + 4);
  const names = new Set<string>();
  for (let index = 0; index < count; index++) {
    const record = nameTable + 6 + index * 12;
    const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((at) => view.getUint16(record + at));
    if (nameId !== 1 && nameId !== 16) continue;
    const bytes = font.subarray(strings + offset!, strings + offset! + length!);
    if (platform === 3 || platform === 0) {
      let text = '';
      for (let at = 0; at + 1 < bytes.length; at += 2) text += String.fromCharCode((bytes[at]! << 8) | bytes[at + 1]!);
      names.add(text);
    } else if (platform === 1) {
      names.add(String.fromCharCode(...bytes));
    }
  }
  return [...names];
}

/** PowerPoint's pitch-and-family byte: variable pitch, and Swiss or Roman from the font's OS/2 class or PANOSE. */
function pitchFamilyOf(font: Uint8Array): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  for (let index = 0; index < view.getUint16(4); index++) {
    const record = 12 + index * 16;
    if (String.fromCharCode(...font.subarray(record, record + 4)) !== 'OS/2') continue;
    const table = view.getUint32(record + 8);
    const familyClass = view.getUint8(table + 30);
    // PANOSE's serif style: 2 to 10 have serifs, 11 to 13 are sans.
    const serifStyle = view.getUint8(table + 33);
    if (familyClass === 8 || (serifStyle >= 11 && serifStyle <= 13)) return 0x22;
    if ((familyClass >= 1 && familyClass <= 7) || (serifStyle >= 2 && serifStyle <= 10)) return 0x12;
    return 0x02;
  }
  return 0x02;
}

/**
 * The script fonts (Noto Sans Arabic, SC, JP …) from the @fontsource packages the HTML deck takes
 * them from: each package's one file per weight for the whole script.
 */
export const findScriptFont: FontFinder = (typeface, style) =>
  wholeScriptFile(typeface, style === 'bold' || style === 'boldItalic' ? 700 : 400);

/** A theme font from Google's packages, else a script font. */
const findAnyFont: FontFinder = (typeface, style) => findGoogleFont(typeface, style) ?? findScriptFont(typeface, style);

/**
 * What a face keeps of its font. Alphabets keep whole blocks (see `subsetText`); a font of
 * thousands of ideographs keeps the deck's own characters and printable ASCII, or it would be most
 * of its several megabytes.
 */
function keptText(typeface: string, codes: ReadonlySet<number>): string {
  if (scriptFamilyNamed(typeface)?.slot !== 'ea') return subsetText(codes);
  const ascii = Array.from({ length: 0x5f }, (_, index) => 0x20 + index);
  return String.fromCodePoint(...new Set([...ascii, ...[...codes].sort((a, b) => a - b)]));
}

const subsets = new Map<string, Promise<Uint8Array>>();

/** A face cut down to `text`, kept for the rest of the process: decks of one build share most blocks. */
function subsetFace(file: string, text: string): Promise<Uint8Array> {
  const key = `${file}\n${text}`;
  let subset = subsets.get(key);
  if (!subset) {
    subset = import('subset-font').then(
      async ({ default: subsetFont }) =>
        new Uint8Array(await subsetFont(readFileSync(file), text, { targetFormat: 'truetype' })),
    );
    subsets.set(key, subset);
  }
  return subset;
}

/**
 * The fonts to embed for a deck. A typeface no finder knows, or whose file names another family,
 * is left out: PowerPoint then draws it in a stand-in font, as it would without embedding.
 */
export async function embedFonts(
  layouts: readonly SlideLayout[],
  lang: string,
  find: FontFinder = findAnyFont,
): Promise<EmbeddedFont[]> {
  const fonts: EmbeddedFont[] = [];
  let partNumber = 0;
  for (const [typeface, styles] of [...fontUsage(layouts, lang)].sort(([a], [b]) => a.localeCompare(b))) {
    const faces: EmbeddedFont['faces'] = [];
    let pitchFamily = 0x02;
    for (const style of STYLES) {
      const codes = styles.get(style);
      const file = codes && find(typeface, style);
      if (!codes || !file) continue;
      let data = await subsetFace(file, keptText(typeface, codes));
      if (scriptFamilyNamed(typeface) && !fontFamilyNames(data).includes(typeface))
        data = withFamilyName(data, typeface, style === 'bold' || style === 'boldItalic');
      if (!fontFamilyNames(data).includes(typeface)) continue;
      pitchFamily = pitchFamilyOf(data);
      faces.push({ style, part: `ppt/fonts/font${++partNumber}.fntdata`, data });
    }
    if (faces.length > 0) fonts.push({ typeface, pitchFamily, faces });
  }
  return fonts;
}
