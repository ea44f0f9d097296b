// The objects on a slide: text boxes and placeholders, decoration, pictures and tables, each with
// the non-visual properties PowerPoint's accessibility checker reads (names, descriptions, the
// decorative flag).
import type { Box, PictureBlock, TableBlock, TextBlock } from '../slide-layout.ts';
import { renderParagraph, renderTextBody } from './text.ts';
import { attributes, emu, escapeXml, solidFill, transform } from './xml.ts';

// Office 2019's flag for shapes a screen reader should pass over.
const DECORATIVE =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">' +
  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>';

const RECTANGLE = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>';
const NO_LINE = '<a:ln><a:noFill/></a:ln>';

function nonVisual(id: number, name: string, options: { descr?: string; decorative?: boolean } = {}): string {
  const attrs = attributes({ id, name, descr: options.descr || undefined });
  return options.decorative ? `<p:cNvPr${attrs}>${DECORATIVE}</p:cNvPr>` : `<p:cNvPr${attrs}/>`;
}

/** A placeholder a slide fills: `type` and `idx` as its layout names them. */
export interface PlaceholderRef {
  type?: string;
  idx?: number;
  sz?: 'quarter' | 'half';
}

export function renderTextShape(
  id: number,
  name: string,
  block: TextBlock,
  lang: string,
  placeholder?: PlaceholderRef,
): string {
  const nvPr = placeholder
    ? `<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph${attributes({ ...placeholder })}/></p:nvPr>`
    : '<p:cNvSpPr txBox="1"/><p:nvPr/>';
  const fill = block.fill ? solidFill(block.fill) : '<a:noFill/>';
  return (
    `<p:sp><p:nvSpPr>${nonVisual(id, name)}${nvPr}</p:nvSpPr>` +
    `<p:spPr>${transform(block.box)}${RECTANGLE}${fill}${NO_LINE}</p:spPr>` +
    `<p:txBody>${renderTextBody(block.paragraphs, lang, block.padding)}</p:txBody></p:sp>`
  );
}

/** A panel, rule or border: a filled rectangle with no text, flagged as decoration. */
export function renderDecoration(id: number, box: Box, fill: string, lang: string): string {
  return (
    `<p:sp><p:nvSpPr>${nonVisual(id, `Decoration ${id}`, { decorative: true })}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>` +
    `<p:spPr>${transform(box)}${RECTANGLE}${solidFill(fill)}${NO_LINE}</p:spPr>` +
    `<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p></p:txBody></p:sp>`
  );
}

/** How much of an image shows, and where, for a background that covers or fits its box. */
export function pictureFrame(
  box: Box,
  image: { width: number; height: number },
  sizing: PictureBlock['sizing'],
): { box: Box; crop?: { l: number; t: number; r: number; b: number } } {
  if (!sizing || image.width <= 0 || image.height <= 0) return { box };
  const boxRatio = box.w / box.h;
  const imageRatio = image.width / image.height;
  if (sizing === 'contain') {
    const w = imageRatio > boxRatio ? box.w : box.h * imageRatio;
    const h = imageRatio > boxRatio ? box.w / imageRatio : box.h;
    return { box: { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h } };
  }
  // Cover: crop the overflowing side evenly, in thousandths of a percent of the image.
  const crop = imageRatio > boxRatio ? (1 - boxRatio / imageRatio) / 2 : (1 - imageRatio / boxRatio) / 2;
  const share = Math.round(crop * 100_000);
  return imageRatio > boxRatio
    ? { box, crop: { l: share, t: 0, r: share, b: 0 } }
    : { box, crop: { l: 0, t: share, r: 0, b: share } };
}

export function renderPicture(
  id: number,
  relationshipId: string,
  picture: PictureBlock,
  frame: ReturnType<typeof pictureFrame>,
): string {
  const crop = frame.crop ? `<a:srcRect${attributes(frame.crop)}/>` : '';
  // A background without a description is decoration; an image in the content always has alt text.
  const decorative = picture.sizing !== undefined && picture.alt.trim() === '';
  return (
    `<p:pic><p:nvPicPr>${nonVisual(id, `Picture ${id}`, { descr: picture.alt, decorative })}` +
    '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>' +
    `<p:blipFill><a:blip r:embed="${relationshipId}"/>${crop}<a:stretch><a:fillRect/></a:stretch></p:blipFill>` +
    `<p:spPr>${transform(frame.box)}${RECTANGLE}</p:spPr></p:pic>`
  );
}

const cellLine = (tag: string, edge: { width: number; color: string } | undefined) =>
  edge && edge.width > 0
    ? `<a:${tag} w="${emu(edge.width)}" cap="flat" cmpd="sng" algn="ctr">${solidFill(edge.color)}<a:prstDash val="solid"/></a:${tag}>`
    : `<a:${tag} w="0"><a:noFill/></a:${tag}>`;

/** A native chart: a frame on the slide that shows the chart part its relationship names. */
export function renderChartFrame(id: number, relationshipId: string, box: Box, description: string): string {
  return (
    `<p:graphicFrame><p:nvGraphicFramePr>${nonVisual(id, `Chart ${id}`, { descr: description })}` +
    '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>' +
    `<p:xfrm><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></p:xfrm>` +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${relationshipId}"/>` +
    '</a:graphicData></a:graphic></p:graphicFrame>'
  );
}

/** A native table: a header row PowerPoint and screen readers know as one, cells as the browser drew them. */
export function renderTable(id: number, table: TableBlock, lang: string): string {
  const grid = table.columns.map((width) => `<a:gridCol w="${emu(width)}"/>`).join('');
  const rows = table.rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          const [top, right, bottom, left] = cell.padding;
          const paragraphs = cell.paragraphs.map((paragraph) => renderParagraph(paragraph, lang)).join('');
          const tcPr =
            `<a:tcPr${attributes({ marL: emu(left), marR: emu(right), marT: emu(top), marB: emu(bottom), anchor: cell.anchor })}>` +
            cellLine('lnL', cell.borders.left) +
            cellLine('lnR', cell.borders.right) +
            cellLine('lnT', cell.borders.top) +
            cellLine('lnB', cell.borders.bottom) +
            (cell.fill ? solidFill(cell.fill) : '<a:noFill/>') +
            '</a:tcPr>';
          return `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${paragraphs || `<a:p><a:endParaRPr lang="${escapeXml(lang)}"/></a:p>`}</a:txBody>${tcPr}</a:tc>`;
        })
        .join('');
      return `<a:tr h="${emu(row.height)}">${cells}</a:tr>`;
    })
    .join('');
  const header = table.rows[0]?.header ?? false;
  return (
    `<p:graphicFrame><p:nvGraphicFramePr>${nonVisual(id, `Table ${id}`, { descr: table.caption })}` +
    '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>' +
    `<p:xfrm><a:off x="${emu(table.box.x)}" y="${emu(table.box.y)}"/><a:ext cx="${emu(table.box.w)}" cy="${emu(table.box.h)}"/></p:xfrm>` +
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">' +
    `<a:tbl><a:tblPr${attributes({ firstRow: header, bandRow: true })}/><a:tblGrid>${grid}</a:tblGrid>${rows}</a:tbl>` +
    '</a:graphicData></a:graphic></p:graphicFrame>'
  );
}
