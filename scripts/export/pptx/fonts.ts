/** One typeface embedded in the file, with a part for each style the deck uses. */
export interface EmbeddedFont {
  typeface: string;
  pitchFamily: number;
  faces: { style: 'regular' | 'bold' | 'italic' | 'boldItalic'; part: string; data: Uint8Array }[];
}
