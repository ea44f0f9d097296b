// Paragraphs and runs as DrawingML text: real paragraphs with bullets, numbering and spacing, and
// runs that carry their look and the brief's language.
import { scriptTypefaces } from '../../deck/script-fonts.ts';
import type { TextParagraph, TextRun } from '../slide-layout.ts';
import { attributes, centipoints, emu, escapeXml, hex, solidFill } from './xml.ts';

const NUMBERING: Record<string, string> = {
  'lower-alpha': 'alphaLcPeriod',
  'upper-alpha': 'alphaUcPeriod',
  'lower-roman': 'romanLcPeriod',
  'upper-roman': 'romanUcPeriod',
};

// PowerPoint takes sizes from 1 to 4000 pt.
const fontSize = (px: number) => Math.min(400_000, Math.max(100, centipoints(px)));

function runProperties(run: TextRun, lang: string, tag = 'a:rPr', rtl = false): string {
  const attrs = attributes({
    lang,
    sz: fontSize(run.size),
    b: run.bold,
    i: run.italic,
    u: run.underline ? 'sng' : undefined,
    spc: run.letterSpacing ? centipoints(run.letterSpacing) : undefined,
    dirty: '0',
  });
  return `<${tag}${attrs}>${solidFill(run.color)}${runFonts(run, lang, rtl)}</${tag}>`;
}

/**
 * A run's typefaces: PowerPoint draws Latin text in `a:latin`, Chinese, Japanese and Korean in
 * `a:ea`, Arabic and Hebrew (complex script) in `a:cs`; the browser's script fonts fill the last two.
 */
export function runFonts(run: Pick<TextRun, 'font' | 'text'>, lang: string, rtl = false): string {
  const { ea, cs = rtl ? run.font : undefined } = scriptTypefaces(run.text, lang);
  return (
    (run.font ? `<a:latin typeface="${escapeXml(run.font)}"/>` : '') +
    (ea ? `<a:ea typeface="${escapeXml(ea)}"/>` : '') +
    (cs ? `<a:cs typeface="${escapeXml(cs)}"/>` : '')
  );
}

function paragraphProperties(paragraph: TextParagraph): string {
  const { bullet } = paragraph;
  const hang = bullet ? paragraph.indent / (paragraph.level + 1) : 0;
  const attrs = attributes({
    marL: bullet ? emu(paragraph.indent) : undefined,
    indent: bullet ? -emu(hang) : undefined,
    lvl: paragraph.level || undefined,
    algn: { left: 'l', center: 'ctr', right: 'r', justify: 'just' }[paragraph.align],
    rtl: paragraph.rtl || undefined,
  });
  const lineSpacing = Math.round((paragraph.lineHeight / paragraph.singleLineHeight) * 100) * 1000;
  const spacing =
    `<a:lnSpc><a:spcPct val="${lineSpacing}"/></a:lnSpc>` +
    `<a:spcBef><a:spcPts val="${Math.min(158_400, centipoints(paragraph.spaceBefore))}"/></a:spcBef>` +
    `<a:spcAft><a:spcPts val="${Math.min(158_400, centipoints(paragraph.spaceAfter))}"/></a:spcAft>`;
  const marker =
    bullet === undefined
      ? '<a:buNone/>'
      : `<a:buClr><a:srgbClr val="${hex(bullet.colour)}"/></a:buClr><a:buSzPct val="100000"/>` +
        (bullet.kind === 'number'
          ? `<a:buFont typeface="+mj-lt"/><a:buAutoNum${attributes({
              type: NUMBERING[bullet.style] ?? 'arabicPeriod',
              startAt: bullet.start === 1 ? undefined : Math.max(1, Math.min(32_767, bullet.start)),
            })}/>`
          : `<a:buFont typeface="Arial"/><a:buChar char="${escapeXml(bullet.char)}"/>`);
  return `<a:pPr${attrs}>${spacing}${marker}</a:pPr>`;
}

/** The size and language of a paragraph's end, so an empty line keeps its height. */
function endProperties(paragraph: TextParagraph, lang: string): string {
  const last = paragraph.runs.at(-1);
  return last
    ? runProperties(last, lang, 'a:endParaRPr', paragraph.rtl)
    : `<a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/>`;
}

export function renderParagraph(paragraph: TextParagraph, lang: string): string {
  const runs = paragraph.runs.map((run) => {
    const properties = runProperties(run, lang, 'a:rPr', paragraph.rtl);
    const text = run.text === '' ? '' : `<a:r>${properties}<a:t>${escapeXml(run.text)}</a:t></a:r>`;
    return run.lineBreak ? `<a:br>${properties}</a:br>${text}` : text;
  });
  return `<a:p>${paragraphProperties(paragraph)}${runs.join('')}${endProperties(paragraph, lang)}</a:p>`;
}

/** Insets and wrapping of a text box; `shrink` lets a wider stand-in font shrink into the box. */
export function bodyProperties(
  padding: readonly [number, number, number, number],
  options: { anchor?: 't' | 'ctr' | 'b'; shrink?: boolean } = {},
): string {
  const [top, right, bottom, left] = padding;
  const attrs = attributes({
    wrap: 'square',
    lIns: emu(left),
    tIns: emu(top),
    rIns: emu(right),
    bIns: emu(bottom),
    rtlCol: '0',
    anchor: options.anchor ?? 't',
  });
  return `<a:bodyPr${attrs}>${options.shrink === false ? '<a:noAutofit/>' : '<a:normAutofit/>'}</a:bodyPr>`;
}

/** A text body: its box's insets, no list styles of its own, its paragraphs. */
export function renderTextBody(
  paragraphs: readonly TextParagraph[],
  lang: string,
  padding: readonly [number, number, number, number],
  options?: Parameters<typeof bodyProperties>[1],
): string {
  const body = paragraphs.length > 0 ? paragraphs.map((p) => renderParagraph(p, lang)).join('') : emptyParagraph(lang);
  return `${bodyProperties(padding, options)}<a:lstStyle/>${body}`;
}

export const emptyParagraph = (lang: string) => `<a:p><a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p>`;
