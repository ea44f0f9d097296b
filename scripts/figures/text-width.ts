// Vega lays a chart out by the width of its labels. Without a canvas it guesses from the number of
// characters, which leaves wide gaps and cuts long names short; measuring with the theme's own
// font puts labels where the browser will draw them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);
// Read when a chart is first laid out: a check, which draws none, never loads it.
let fontkit: typeof Fontkit | undefined;

/** The theme's body face and the heavier face its chart titles use. */
const FACES = {
  regular: '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf',
  bold: '@expo-google-fonts/source-sans-3/600SemiBold/SourceSans3_600SemiBold.ttf',
} as const;

type Face = keyof typeof FACES;
const fonts = new Map<Face, Fontkit.Font>();
const widths = new Map<string, number>();

function fontFor(face: Face): Fontkit.Font {
  let font = fonts.get(face);
  if (!font) {
    fontkit ??= require('fontkit') as typeof Fontkit;
    font = fontkit.create(readFileSync(require.resolve(FACES[face]))) as Fontkit.Font;
    fonts.set(face, font);
  }
  return font;
}

/**
 * Room for a theme or an office's template that sets charts in a wider face than Source Sans:
 * Arial and its metric twin Liberation Sans run about a tenth wider.
 */
const WIDER_FACES = 1.12;

/** The width of a line of text at a size in pixels, with room for the widest common theme face. */
export function textWidth(text: string, size: number, bold = false): number {
  const key = `${bold ? 'b' : 'r'}|${text}`;
  let em = widths.get(key);
  if (em === undefined) {
    const font = fontFor(bold ? 'bold' : 'regular');
    em = font.layout(text).advanceWidth / font.unitsPerEm;
    widths.set(key, em);
  }
  return em * size * WIDER_FACES;
}
