// The presentation's theme part: the deck's colours and fonts as PowerPoint's theme colours and
// theme fonts, so text and shapes an editor adds later take the deck's look.
import { XML_DECLARATION, escapeXml, hex, NS } from './xml.ts';

export interface ThemeLook {
  /** Body text. */
  text: string;
  background: string;
  heading: string;
  /** Bullets, rules and other accents. */
  accent: string;
  headingFont: string;
  bodyFont: string;
}

const srgb = (colour: string) => `<a:srgbClr val="${hex(colour)}"/>`;
const schemeFill = (extra = '') => `<a:solidFill><a:schemeClr val="phClr">${extra}</a:schemeClr></a:solidFill>`;
const line = (width: number) =>
  `<a:ln w="${width}" cap="flat" cmpd="sng" algn="ctr">${schemeFill()}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
const fontSet = (latin: string) => `<a:latin typeface="${escapeXml(latin)}"/><a:ea typeface=""/><a:cs typeface=""/>`;

/** A complete theme part; `name` tells the slide master's theme from the notes master's. */
export function renderTheme(name: string, look: ThemeLook): string {
  const colours = [
    ['dk1', srgb(look.text)],
    ['lt1', srgb(look.background)],
    ['dk2', srgb(look.heading)],
    ['lt2', srgb('#E7E6E6')],
    ['accent1', srgb(look.accent)],
    ['accent2', srgb(look.heading)],
    ['accent3', srgb('#A5A5A5')],
    ['accent4', srgb('#FFC000')],
    ['accent5', srgb('#5B9BD5')],
    ['accent6', srgb('#70AD47')],
    ['hlink', srgb(look.heading)],
    ['folHlink', srgb('#954F72')],
  ]
    .map(([slot, colour]) => `<a:${slot}>${colour}</a:${slot}>`)
    .join('');
  const effect = '<a:effectStyle><a:effectLst/></a:effectStyle>';
  return (
    `${XML_DECLARATION}<a:theme xmlns:a="${NS.a}" name="${escapeXml(name)}"><a:themeElements>` +
    `<a:clrScheme name="${escapeXml(name)}">${colours}</a:clrScheme>` +
    `<a:fontScheme name="${escapeXml(name)}"><a:majorFont>${fontSet(look.headingFont)}</a:majorFont>` +
    `<a:minorFont>${fontSet(look.bodyFont)}</a:minorFont></a:fontScheme>` +
    `<a:fmtScheme name="${escapeXml(name)}">` +
    `<a:fillStyleLst>${schemeFill()}${schemeFill('<a:tint val="60000"/>')}${schemeFill('<a:shade val="80000"/>')}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    `<a:effectStyleLst>${effect}${effect}${effect}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${schemeFill()}${schemeFill('<a:tint val="95000"/>')}${schemeFill('<a:shade val="90000"/>')}</a:bgFillStyleLst>` +
    '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
  );
}
