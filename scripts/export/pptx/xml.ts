// Small pieces every PowerPoint part is made of: units, escaping, namespaces.
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
} as const;

/** The `xmlns` attributes of a PresentationML part's root. */
export const PML_NAMESPACES = `xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"`;

/** Office's relationship types, by their last word. */
export const relType = (name: string) => `${NS.r}/${name}`;

// 1280 × 720 CSS pixels at 96 to the inch is PowerPoint's 13.333 × 7.5 in widescreen slide.
const EMU_PER_PX = 9525;
export const emu = (px: number) => Math.max(0, Math.round(px * EMU_PER_PX));
/** A position, which may lie off the slide. */
const offset = (px: number) => Math.round(px * EMU_PER_PX);
/** Hundredths of a point, as font sizes and spacing are given. */
export const centipoints = (px: number) => Math.round(px * 75);
export const hex = (colour: string) => colour.replace(/^#/, '').toUpperCase();

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text or an attribute value, with what XML cannot hold removed. */
export const escapeXml = (value: string) => value.replace(NOT_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char]!);

/** An attribute list, leaving out those without a value. */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([name, value]) => ` ${name}="${value === true ? '1' : escapeXml(String(value))}"`)
    .join('');
}

export const solidFill = (colour: string) => `<a:solidFill><a:srgbClr val="${hex(colour)}"/></a:solidFill>`;

/** A rectangle's position and size on the slide. */
export const transform = (box: { x: number; y: number; w: number; h: number }) =>
  `<a:xfrm><a:off x="${offset(box.x)}" y="${offset(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></a:xfrm>`;
