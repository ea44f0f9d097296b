// One slide as PowerPoint's own files hold it: decoration first and flagged as such, the heading
// in the title placeholder, the body top to bottom, then the marking and the slide number in the
// footer and slide-number placeholders, which is also the reading order a screen reader follows.
import type { ChartBlock, PictureBlock, SlideLayout, TableBlock, TextBlock } from '../slide-layout.ts';
import type { LayoutName } from './masters.ts';
import { GROUP_PROPERTIES, NOTES_GEOMETRY, PLACEHOLDER_INDEX, SLIDE_NUMBER_FIELD_ID } from './masters.ts';
import {
  pictureFrame,
  renderChartFrame,
  renderDecoration,
  renderPicture,
  renderTable,
  renderTextShape,
} from './shapes.ts';
import { renderTextBody } from './text.ts';
import { attributes, centipoints, escapeXml, hex, PML_NAMESPACES, transform, XML_DECLARATION } from './xml.ts';

/** A picture stored once in the package, however many slides show it. */
export interface MediaPart {
  name: string;
  width: number;
  height: number;
}

export interface SlideOptions {
  titleSlide: boolean;
  /** The slide's number in the deck, from 1. */
  number: number;
  lang: string;
  /** Stores a picture's bytes in the package and says where. */
  addMedia: (src: string) => MediaPart;
  /** Stores a chart as its own part, with its workbook, and names the part. */
  addChart: (chart: ChartBlock) => string;
}

export interface RenderedSlide {
  xml: string;
  layout: LayoutName;
  /** The media parts the slide shows, in the order of its relationships after the layout's. */
  media: string[];
  /** The chart parts it shows, in the order of its relationships after the pictures'. */
  charts: string[];
}

/** The slide's relationships: its layout is `rId1`, its pictures follow, then its charts. */
const mediaRelationshipId = (index: number) => `rId${index + 2}`;

function chooseLayout(layout: SlideLayout, titleSlide: boolean): LayoutName {
  if (titleSlide) return 'Title Slide';
  const bodies = layout.texts.filter((text) => text.role === 'body');
  const onlyText =
    layout.tables.length === 0 && layout.charts.length === 0 && layout.pictures.every((picture) => picture.sizing);
  return bodies.length === 1 && !bodies[0]!.fill && onlyText ? 'Title and Content' : 'Title Only';
}

function renderSlideNumber(id: number, layout: SlideLayout, lang: string): string {
  const number = layout.pageNumber!;
  const run =
    `<a:rPr${attributes({ lang, sz: centipoints(number.size), dirty: '0' })}>` +
    `<a:solidFill><a:srgbClr val="${hex(number.color)}"/></a:solidFill>` +
    (number.font ? `<a:latin typeface="${escapeXml(number.font)}"/>` : '') +
    '</a:rPr>';
  const align = { left: 'l', center: 'ctr', right: 'r' }[number.align];
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="Slide Number"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr><p:ph type="sldNum" sz="quarter" idx="${PLACEHOLDER_INDEX.slideNumber}"/></p:nvPr></p:nvSpPr>` +
    `<p:spPr>${transform(number.box)}</p:spPr><p:txBody><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b"><a:noAutofit/></a:bodyPr><a:lstStyle/>` +
    `<a:p><a:pPr algn="${align}"/><a:fld id="${SLIDE_NUMBER_FIELD_ID}" type="slidenum">${run}<a:t>‹#›</a:t></a:fld>` +
    `<a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p></p:txBody></p:sp>`
  );
}

/**
 * A slide the author gave no heading (a picture alone, say) still needs a title for PowerPoint's
 * outline and accessibility checker: its first words, or its number, in a title placed just above
 * the slide, where it is never shown, as Microsoft advises for a title that should not be seen.
 */
function offSlideTitle(layout: SlideLayout, number: number): TextBlock {
  const words = layout.texts
    .flatMap((text) => text.paragraphs)
    .map((paragraph) => paragraph.runs.map((run) => run.text).join(''))
    .find((line) => line.trim() !== '');
  const text = words ? (words.length > 60 ? `${words.slice(0, 59)}…` : words) : `Slide ${number}`;
  const run = layout.texts[0]?.paragraphs[0]?.runs[0];
  return {
    role: 'title',
    box: { x: layout.content.x, y: -80, w: layout.content.w, h: 60 },
    padding: [0, 0, 0, 0],
    paragraphs: [
      {
        runs: [{ ...(run ?? PLAIN_RUN), text, lineBreak: false }],
        align: 'left',
        lineHeight: 1,
        singleLineHeight: 1,
        spaceBefore: 0,
        spaceAfter: 0,
        level: 0,
        indent: 0,
      },
    ],
  };
}

const PLAIN_RUN = {
  text: '',
  bold: false,
  italic: false,
  underline: false,
  color: '#000000',
  size: 24,
  font: '',
  letterSpacing: 0,
  lineBreak: false,
};

export function renderSlide(layout: SlideLayout, options: SlideOptions): RenderedSlide {
  const { lang } = options;
  const layoutName = chooseLayout(layout, options.titleSlide);
  const media: string[] = [];
  const shapes: string[] = [];
  let nextId = 2;
  const id = () => nextId++;
  const picture = (block: PictureBlock) => {
    const part = options.addMedia(block.src);
    media.push(part.name);
    return renderPicture(
      id(),
      mediaRelationshipId(media.length - 1),
      block,
      pictureFrame(block.box, part, block.sizing),
    );
  };

  const charts: string[] = [];
  // Charts' relationships come after every picture's, whatever order the shapes take.
  const chartFrame = (chart: ChartBlock) => {
    charts.push(options.addChart(chart));
    return renderChartFrame(id(), `rIdChart${charts.length}`, chart.box, chart.data.alt);
  };

  for (const background of layout.pictures.filter((block) => block.sizing)) shapes.push(picture(background));
  for (const shape of layout.shapes) shapes.push(renderDecoration(id(), shape.box, shape.fill, lang));

  const title = layout.texts.find((text) => text.role === 'title') ?? offSlideTitle(layout, options.number);
  shapes.push(renderTextShape(id(), 'Title', title, lang, { type: options.titleSlide ? 'ctrTitle' : 'title' }));

  type BodyItem = { y: number; render: () => string };
  const bodyTexts = layout.texts.filter((text) => text.role === 'body');
  // Texts in the slide's reading order; each picture and table goes in before the first text
  // below its top, so the shapes read as the slide does.
  const texts: BodyItem[] = bodyTexts.map((text, index) => ({
    y: text.box.y,
    render: () =>
      layoutName === 'Title and Content'
        ? renderTextShape(id(), 'Content', text, lang, { idx: PLACEHOLDER_INDEX.body })
        : renderTextShape(id(), `Text ${index + 1}`, text, lang),
  }));
  const others: BodyItem[] = [
    ...layout.pictures
      .filter((block) => !block.sizing)
      .map((block) => ({ y: block.box.y, render: () => picture(block) })),
    ...layout.tables.map((table: TableBlock) => ({ y: table.box.y, render: () => renderTable(id(), table, lang) })),
    ...layout.charts.map((chart) => ({ y: chart.box.y, render: () => chartFrame(chart) })),
  ].sort((a, b) => a.y - b.y);
  for (const text of texts) {
    while (others.length > 0 && others[0]!.y < text.y) shapes.push(others.shift()!.render());
    shapes.push(text.render());
  }
  for (const other of others) shapes.push(other.render());

  const markings = layout.texts.filter((text) => text.role === 'header' || text.role === 'footer');
  const footer = markings.find((text) => text.role === 'footer');
  for (const marking of markings)
    shapes.push(
      marking === footer
        ? renderTextShape(id(), 'Marking (footer)', marking, lang, {
            type: 'ftr',
            sz: 'quarter',
            idx: PLACEHOLDER_INDEX.footer,
          })
        : renderTextShape(id(), `Marking (${marking.role})`, marking as TextBlock, lang),
    );
  if (layout.pageNumber) shapes.push(renderSlideNumber(id(), layout, lang));

  const background = `<p:bg><p:bgPr><a:solidFill><a:srgbClr val="${hex(layout.background)}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>`;
  const xml =
    `${XML_DECLARATION}<p:sld ${PML_NAMESPACES}><p:cSld>${background}<p:spTree>${GROUP_PROPERTIES}${shapes.join('')}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>';
  // Now that every picture is known, each chart takes its place after them in the relationships.
  const numbered = xml.replace(
    /r:id="rIdChart(\d+)"/g,
    (_match, n: string) => `r:id="${mediaRelationshipId(media.length + Number(n) - 1)}"`,
  );
  return { xml: numbered, layout: layoutName, media, charts };
}

/** A notes page: the slide's picture and the presenter notes, a paragraph each. */
export function renderNotesSlide(notes: readonly string[], lang: string): string {
  const paragraphs = notes.map((note) => ({
    runs: [{ ...PLAIN_RUN, text: note, size: 16 }],
    align: 'left' as const,
    lineHeight: 1,
    singleLineHeight: 1,
    spaceBefore: 0,
    spaceAfter: 8,
    level: 0,
    indent: 0,
  }));
  const image =
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>' +
    `<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr>${transform(NOTES_GEOMETRY.image)}</p:spPr></p:sp>`;
  const body =
    '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>' +
    `<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr>${transform(NOTES_GEOMETRY.body)}</p:spPr>` +
    `<p:txBody>${renderTextBody(paragraphs, lang, [4, 8, 4, 8])}</p:txBody></p:sp>`;
  return (
    `${XML_DECLARATION}<p:notes ${PML_NAMESPACES}><p:cSld><p:spTree>${GROUP_PROPERTIES}${image}${body}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>'
  );
}
