// A deck built on an office's own PowerPoint template: the template's masters, layouts, themes,
// fonts and media stay exactly as they are (same bytes); its own slides go; each briefdeck slide
// goes on the layout chosen for its kind, its heading and points in that layout's placeholders as
// plain paragraphs, so the template's own list styles, fonts and colours draw them.
import { DomUtils, parseDocument } from 'htmlparser2';
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { unescapeNoteText } from '../../deck/escape.ts';
import type { TemplateLook } from '../../deck/template-theme.ts';
import type {
  CellEdge,
  ChartBlock,
  Box as SlideBox,
  SlideLayout,
  TableBlock,
  TableCell,
  TextBlock,
  TextParagraph,
} from '../slide-layout.ts';
import type { PptxDeck } from './presentation.ts';
import { relationshipsPartName, relativeTarget, zipTime } from './package.ts';
import { documentProperties } from './properties.ts';
import { GROUP_PROPERTIES, renderNotesMaster, SLIDE_NUMBER_FIELD_ID } from './masters.ts';
import { mediaStore } from './media.ts';
import { chartStore } from './chart.ts';
import { childrenNamed, editXml, insertAfter, xmlElements } from './xml-dom.ts';
import { pictureFrame, renderChartFrame, renderPicture, renderTable } from './shapes.ts';
import { type MediaPart, renderNotesSlide } from './slides.ts';
import {
  chooseLayouts,
  type PptxTemplate,
  type TemplatePlaceholder,
  readRelationships,
  type TemplateLayout,
} from './template.ts';
import { runFonts } from './text.ts';
import { renderTheme } from './theme.ts';
import { attributes, emu, escapeXml, PML_NAMESPACES, relType, XML_DECLARATION } from './xml.ts';

export interface TemplateChoice {
  /** The template, read and checked once per build. */
  template: PptxTemplate;
  /** Slide kind → layout name, from the profile. */
  layouts?: Readonly<Record<string, string>>;
  /** Its look, for an audience whose HTML and PDF take it (`theme: template`). */
  look?: TemplateLook;
}

const CONTENT = new Set(['body', 'obj', 'tx']);
const SLIDE_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml';
const NOTES_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml';
const NOTES_MASTER_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml';
const THEME_TYPE = 'application/vnd.openxmlformats-officedocument.theme+xml';
const PRESENTATION_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml';

/** A paragraph's runs and line breaks, each with the run properties `rPr` gives it. */
function runsXml(paragraph: TextParagraph, rPr: (run: TextParagraph['runs'][number]) => string): string {
  return paragraph.runs
    .map((run) => {
      const properties = rPr(run);
      const text = run.text === '' ? '' : `<a:r>${properties}<a:t>${escapeXml(run.text)}</a:t></a:r>`;
      return run.lineBreak ? `<a:br>${properties}</a:br>${text}` : text;
    })
    .join('');
}

/** A paragraph as plain text in a placeholder: bullets and levels from the template's own styles. */
function plainParagraph(paragraph: TextParagraph, lang: string): string {
  const properties = paragraph.bullet
    ? paragraph.level > 0
      ? `<a:pPr lvl="${paragraph.level}"/>`
      : ''
    : '<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>';
  // The template's fonts for Latin text; the script fonts where the text needs them.
  const runs = runsXml(
    paragraph,
    (run) =>
      `<a:rPr${attributes({ lang, b: run.bold, i: run.italic, dirty: '0' })}>${runFonts({ font: '', text: run.text }, lang)}</a:rPr>`,
  );
  return `<a:p>${properties}${runs}<a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p>`;
}

const plainParagraphs = (paragraphs: readonly TextParagraph[], lang: string) =>
  paragraphs.map((paragraph) => plainParagraph(paragraph, lang)).join('');

function placeholderShape(
  id: number,
  name: string,
  ph: TemplatePlaceholder & { ambiguous?: boolean },
  body: string,
  fontScale = 1,
): string {
  // The placeholder as the layout names it: its type, and its index where it has one.
  const phAttributes = attributes({ type: ph.type, idx: ph.idx || undefined });
  // Where the layout has two placeholders of one type and index (as LibreOffice writes them),
  // the slide's shape could inherit either's position: it says its own, the layout's.
  const geometry =
    ph.ambiguous && ph.xfrm
      ? `<p:spPr><a:xfrm><a:off x="${ph.xfrm.x}" y="${ph.xfrm.y}"/><a:ext cx="${ph.xfrm.cx}" cy="${ph.xfrm.cy}"/></a:xfrm></p:spPr>`
      : '<p:spPr/>';
  // Shrunk as the deck was fitted: the template's sizes scaled to those the slide was measured at.
  const scale = fontScale < 0.995 ? ` fontScale="${Math.max(25, Math.round(fontScale * 100)) * 1000}"` : '';
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${escapeXml(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` +
    `<p:nvPr><p:ph${phAttributes}/></p:nvPr></p:nvSpPr>${geometry}` +
    `<p:txBody><a:bodyPr><a:normAutofit${scale}/></a:bodyPr><a:lstStyle/>${body}</p:txBody></p:sp>`
  );
}

/** A table on a template slide of another size: its boxes, rules and text scaled with the slide. */
function scaleTable(table: TableBlock, sx: number, sy: number): TableBlock {
  if (sx === 1 && sy === 1) return table;
  const s = Math.min(sx, sy);
  const edge = (line: CellEdge | undefined) => line && { ...line, width: line.width * s };
  return {
    ...table,
    box: { x: table.box.x * sx, y: table.box.y * sy, w: table.box.w * sx, h: table.box.h * sy },
    columns: table.columns.map((width) => width * sx),
    rows: table.rows.map((row) => ({
      ...row,
      height: row.height * sy,
      cells: row.cells.map((cell) => ({
        ...cell,
        padding: cell.padding.map((side) => side * s) as TableCell['padding'],
        borders: {
          top: edge(cell.borders.top),
          right: edge(cell.borders.right),
          bottom: edge(cell.borders.bottom),
          left: edge(cell.borders.left),
        },
        paragraphs: cell.paragraphs.map((paragraph) => ({
          ...paragraph,
          lineHeight: paragraph.lineHeight * s,
          singleLineHeight: paragraph.singleLineHeight * s,
          spaceBefore: paragraph.spaceBefore * s,
          spaceAfter: paragraph.spaceAfter * s,
          runs: paragraph.runs.map((run) => ({ ...run, size: run.size * s, letterSpacing: run.letterSpacing * s })),
        })),
      })),
    })),
  };
}

/** The smallest box holding every box given, in slide pixels. */
function unionOf(boxes: readonly SlideBox[]): SlideBox {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  return {
    x,
    y,
    w: Math.max(...boxes.map((box) => box.x + box.w)) - x,
    h: Math.max(...boxes.map((box) => box.y + box.h)) - y,
  };
}

const emuBox = (box: SlideBox) => ({ x: emu(box.x), y: emu(box.y), cx: emu(box.w), cy: emu(box.h) });

/**
 * Text outside any placeholder, in a text box where the deck put it: sized as the deck drew it,
 * since no list style of the template reaches it.
 */
function textBoxShape(
  id: number,
  name: string,
  box: SlideBox,
  paragraphs: readonly TextParagraph[],
  lang: string,
  /** The template's slide against the deck's: text scales with it. */
  scale: number,
): string {
  const { x, y, cx, cy } = emuBox(box);
  const body = paragraphs
    .map((paragraph) => {
      const properties = paragraph.bullet
        ? `<a:pPr marL="${emu(28 * (paragraph.level + 1))}" indent="${-emu(28)}"><a:buChar char="•"/></a:pPr>`
        : '<a:pPr marL="0" indent="0"><a:buNone/></a:pPr>';
      const runs = runsXml(
        paragraph,
        (run) =>
          `<a:rPr${attributes({ lang, sz: Math.round(run.size * scale * 75), b: run.bold, i: run.italic, dirty: '0' })}>${runFonts(run, lang)}</a:rPr>`,
      );
      return `<a:p>${properties}${runs}</a:p>`;
    })
    .join('');
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${escapeXml(name)}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>` +
    `<p:spPr><a:xfrm><a:off x="${x}" y="${y}"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>` +
    `<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"><a:normAutofit/></a:bodyPr><a:lstStyle/>${body}</p:txBody></p:sp>`
  );
}

/**
 * How much smaller than the template's own first-level size the deck drew this text: the size of
 * most of its first-level text, in points of the template's slide, over the template's.
 */
function scaleTo(paragraphs: readonly TextParagraph[], templatePoints: number | undefined, slideWidth: number): number {
  if (!templatePoints) return 1;
  const sizes = paragraphs
    .filter((paragraph) => paragraph.level === 0)
    .flatMap((paragraph) => paragraph.runs.filter((run) => run.text.trim()).map((run) => run.size));
  if (sizes.length === 0) return 1;
  const counts = new Map<number, number>();
  for (const size of sizes) counts.set(size, (counts.get(size) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  return Math.min(1, (usual * (slideWidth / 1280)) / templatePoints);
}

/** The slide's text for the layout's placeholders: heading, then its body blocks by column. */
function renderTemplateSlide(
  layout: SlideLayout,
  target: TemplateLayout,
  options: {
    lang: string;
    titleSlide: boolean;
    addMedia: (src: string) => MediaPart;
    addChart: (chart: ChartBlock) => string;
    sizes: PptxTemplate['sizes'];
    slideWidth: number;
    slideHeight: number;
  },
): { xml: string; media: string[]; charts: string[] } {
  const { lang, titleSlide, sizes, slideWidth } = options;
  // The deck's 1280 × 720 slide onto the template's, which may be another size or shape.
  const sx = (slideWidth * 12_700) / 12_192_000;
  const sy = (options.slideHeight * 12_700) / 6_858_000;
  const place = (box: SlideBox): SlideBox => ({ x: box.x * sx, y: box.y * sy, w: box.w * sx, h: box.h * sy });
  const shapes: string[] = [];
  const media: string[] = [];
  let id = 2;
  const paragraphs = (blocks: readonly TextBlock[]) =>
    blocks.flatMap((block) => block.paragraphs.filter((paragraph) => paragraph.runs.some((run) => run.text.trim())));
  const titlePh =
    target.placeholders.find((ph) => ph.type === (titleSlide ? 'ctrTitle' : 'title')) ??
    target.placeholders.find((ph) => ph.type === 'title' || ph.type === 'ctrTitle');
  const title = layout.texts.find((text) => text.role === 'title');
  if (titlePh && title)
    shapes.push(
      placeholderShape(
        id++,
        'Title',
        titlePh,
        plainParagraphs(paragraphs([title]), lang),
        titleSlide ? 1 : scaleTo(paragraphs([title]), sizes.title, slideWidth),
      ),
    );
  // A figure's title and caption stay with its chart, where the deck put them; the rest flows.
  const ofFigure = (block: TextBlock) =>
    layout.charts.some(
      ({ box }) =>
        block.box.x >= box.x - 8 &&
        block.box.x + block.box.w <= box.x + box.w + 8 &&
        block.box.y + block.box.h >= box.y - 80 &&
        block.box.y <= box.y + box.h + 80,
    );
  const allBodies = layout.texts.filter((text) => text.role === 'body');
  const figureTexts = allBodies.filter(ofFigure);
  const bodies = allBodies.filter((text) => !ofFigure(text)).sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
  const slots = titleSlide
    ? target.placeholders.filter((ph) => ph.type === 'subTitle').slice(0, 1)
    : target.placeholders.filter((ph) => CONTENT.has(ph.type));
  const chosen = slots.length > 0 ? slots : target.placeholders.filter((ph) => CONTENT.has(ph.type)).slice(0, 1);
  const slotsToUse = chosen.map((ph) => ({
    ...ph,
    ambiguous: target.placeholders.filter((other) => other.type === ph.type && other.idx === ph.idx).length > 1,
  }));
  // Two slots: the left column and the right, split at the middle of the slide's content area.
  const middle = layout.content.x + layout.content.w / 2;
  // A block that reaches across the middle belongs to the first column.
  const onRight = (block: TextBlock) => block.box.x >= middle - 1;
  // Text the deck put below a table or picture cannot flow in the placeholder, which starts at
  // its top: the placeholder keeps the text above, in the box it took on the slide, and what
  // follows goes in a text box where the deck put it.
  const obstacles = [...layout.tables, ...layout.charts, ...layout.pictures.filter((block) => !block.sizing)].map(
    (block) => block.box,
  );
  const obstacleTop = Math.min(...obstacles.map((box) => box.y));
  const split = slotsToUse.length < 2 && obstacles.length > 0 && !titleSlide;
  const above = split ? bodies.filter((block) => block.box.y + block.box.h <= obstacleTop + 1) : bodies;
  const below = split ? bodies.filter((block) => !above.includes(block)) : [];
  const columns = slotsToUse.length >= 2 ? [above.filter((block) => !onRight(block)), above.filter(onRight)] : [above];
  columns.forEach((blocks, index) => {
    const slot = slotsToUse[index];
    const text = paragraphs(blocks);
    if (slot && text.length > 0)
      shapes.push(
        placeholderShape(
          id++,
          `Content ${index + 1}`,
          split ? { ...slot, ambiguous: true, xfrm: emuBox(place(unionOf(blocks.map((block) => block.box)))) } : slot,
          plainParagraphs(text, lang),
          titleSlide ? 1 : scaleTo(text, sizes.body, slideWidth),
        ),
      );
  });
  if (paragraphs(below).length > 0) {
    // Down to the foot of the content area, so text another renderer sets wider has room to wrap.
    const box = unionOf(below.map((block) => block.box));
    const room = { ...box, h: Math.max(box.h, layout.content.y + layout.content.h - box.y) };
    shapes.push(textBoxShape(id++, 'Content after', place(room), paragraphs(below), lang, Math.min(sx, sy)));
  }
  // Pictures and tables of the content stay where the deck put them; backgrounds give way to the template's.
  for (const picture of layout.pictures.filter((block) => !block.sizing)) {
    const part = options.addMedia(picture.src);
    media.push(part.name);
    const placed = { ...picture, box: place(picture.box) };
    shapes.push(renderPicture(id++, `rIdImage${media.length}`, placed, pictureFrame(placed.box, part, undefined)));
  }
  for (const table of layout.tables) shapes.push(renderTable(id++, scaleTable(table, sx, sy), lang));
  for (const block of figureTexts)
    shapes.push(textBoxShape(id++, 'Figure text', place(block.box), paragraphs([block]), lang, Math.min(sx, sy)));
  // Charts too, their type scaled with the slide.
  const charts: string[] = [];
  for (const chart of layout.charts) {
    const placed = {
      ...chart,
      box: place(chart.box),
      text: { ...chart.text, size: chart.text.size * Math.min(sx, sy) },
    };
    charts.push(options.addChart(placed));
    shapes.push(renderChartFrame(id++, `rIdChart${charts.length}`, placed.box, chart.data.alt));
  }
  const footer = layout.texts.find((text) => text.role === 'footer');
  const footerPh = target.placeholders.find((ph) => ph.type === 'ftr');
  if (footer && footerPh)
    shapes.push(placeholderShape(id++, 'Marking', footerPh, plainParagraphs(paragraphs([footer]), lang)));
  const numberPh = target.placeholders.find((ph) => ph.type === 'sldNum');
  if (layout.pageNumber && numberPh)
    shapes.push(
      placeholderShape(
        id++,
        'Slide Number',
        numberPh,
        `<a:p><a:fld id="${SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="${escapeXml(lang)}" dirty="0"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="${escapeXml(lang)}" dirty="0"/></a:p>`,
      ),
    );
  const xml =
    `${XML_DECLARATION}<p:sld ${PML_NAMESPACES}><p:cSld><p:spTree>` +
    `${GROUP_PROPERTIES}${shapes.join('')}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`;
  return { xml, media, charts };
}

/** Writes a deck on a template; `kinds` gives each slide's kind (`title`, `pillar`, …). */
export function renderPptxOnTemplate(deck: PptxDeck, template: TemplateChoice, kinds: readonly string[]): Uint8Array {
  const lang = deck.info.lang;
  const parsed = template.template;
  const { byKind } = chooseLayouts(parsed, template.layouts);
  const files = parsed.files;
  const rels = (part: string) => readRelationships(files, part);

  // What the template keeps: every part its presentation reaches, but its slides and their notes.
  const kept = new Set<string>();
  const visit = (part: string) => {
    if (kept.has(part) || !files[part]) return;
    kept.add(part);
    for (const rel of rels(part))
      if (rel.target && rel.type !== 'slide' && rel.type !== 'notesSlide') visit(rel.target);
  };
  visit('ppt/presentation.xml');
  kept.delete('ppt/presentation.xml');
  for (const part of ['docProps/core.xml', 'docProps/app.xml', 'docProps/thumbnail.jpeg']) kept.delete(part);

  const out: Zippable = {};
  const contentTypes = new Map<string, string>();
  const types = parseDocument(strFromU8(files['[Content_Types].xml']!), { xmlMode: true });
  const defaults = new Map(
    DomUtils.getElementsByTagName('Default', types).map((element) => [
      String(element.attribs.Extension).toLowerCase(),
      String(element.attribs.ContentType),
    ]),
  );
  const overrides = new Map(
    DomUtils.getElementsByTagName('Override', types).map((element) => [
      String(element.attribs.PartName).replace(/^\//, ''),
      String(element.attribs.ContentType),
    ]),
  );
  const mtime = zipTime(deck.info.timestamp);
  const put = (name: string, data: Uint8Array | string, type?: string) => {
    out[name] = [
      typeof data === 'string' ? strToU8(data) : data,
      { mtime, level: /\.(png|jpe?g|gif)$/i.test(name) ? 0 : 6 },
    ];
    if (type) contentTypes.set(name, type);
  };
  for (const part of kept) {
    put(part, files[part]!, overrides.get(part));
    if (files[relationshipsPartName(part)]) put(relationshipsPartName(part), files[relationshipsPartName(part)]!);
  }

  // briefdeck's pictures are named apart from the template's own media.
  const media = mediaStore('briefdeck-image');
  const charts = chartStore(lang, deck.info.timestamp, 'briefdeck-chart');
  const ownNotesMaster = rels('ppt/presentation.xml').find((rel) => rel.type === 'notesMaster')?.target;
  // A template without a notes master gets briefdeck's, with a theme of its own, when the deck has notes.
  const needsNotesMaster = !ownNotesMaster && deck.notes.some((notes) => notes.some((note) => unescapeNoteText(note)));
  const notesMaster = ownNotesMaster ?? (needsNotesMaster ? 'ppt/notesMasters/briefdeck-notesMaster.xml' : undefined);
  if (needsNotesMaster) {
    const look = {
      text: '#000000',
      background: '#FFFFFF',
      heading: '#000000',
      accent: '#000000',
      headingFont: parsed.fonts.heading ?? 'Arial',
      bodyFont: parsed.fonts.body ?? 'Arial',
    };
    put(notesMaster!, renderNotesMaster(look), NOTES_MASTER_TYPE);
    put(
      relationshipsPartName(notesMaster!),
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType('theme')}" Target="../theme/briefdeck-notes-theme.xml"/></Relationships>`,
    );
    put('ppt/theme/briefdeck-notes-theme.xml', renderTheme('briefdeck notes', look), THEME_TYPE);
  }
  const slideIds: string[] = [];
  const slideRels: string[] = [];
  deck.layouts.forEach((layout, index) => {
    const kind = kinds[index] ?? 'pillar';
    const target = byKind.get(kind) ?? byKind.get('pillar')!;
    const name = `ppt/slides/slide${index + 1}.xml`;
    const slide = renderTemplateSlide(layout, target, {
      lang,
      titleSlide: deck.titleSlides.has(index),
      addMedia: media.add,
      addChart: charts.add,
      sizes: parsed.sizes,
      slideWidth: parsed.slideWidth,
      slideHeight: parsed.slideHeight,
    });
    put(name, slide.xml, SLIDE_TYPE);
    const relationships = [
      `<Relationship Id="rId1" Type="${relType('slideLayout')}" Target="${relativeTarget(name, target.part)}"/>`,
      ...slide.media.map(
        (part, at) =>
          `<Relationship Id="rIdImage${at + 1}" Type="${relType('image')}" Target="../media/${part.split('/').pop()}"/>`,
      ),
      ...slide.charts.map(
        (part, at) =>
          `<Relationship Id="rIdChart${at + 1}" Type="${relType('chart')}" Target="${relativeTarget(name, part)}"/>`,
      ),
    ];
    const notes = (deck.notes[index] ?? []).map(unescapeNoteText).filter(Boolean);
    if (notes.length > 0 && notesMaster) {
      const notesName = `ppt/notesSlides/notesSlide${index + 1}.xml`;
      relationships.push(
        `<Relationship Id="rId2" Type="${relType('notesSlide')}" Target="../notesSlides/notesSlide${index + 1}.xml"/>`,
      );
      put(notesName, renderNotesSlide(notes, lang), NOTES_TYPE);
      put(
        relationshipsPartName(notesName),
        `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType('notesMaster')}" Target="${relativeTarget(notesName, notesMaster)}"/><Relationship Id="rId2" Type="${relType('slide')}" Target="../slides/slide${index + 1}.xml"/></Relationships>`,
      );
    }
    put(
      relationshipsPartName(name),
      `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships.join('')}</Relationships>`,
    );
    slideIds.push(`<p:sldId id="${256 + index}" r:id="rIdBriefdeckSlide${index + 1}"/>`);
    slideRels.push(
      `<Relationship Id="rIdBriefdeckSlide${index + 1}" Type="${relType('slide')}" Target="slides/slide${index + 1}.xml"/>`,
    );
  });

  for (const part of media.parts()) put(part.name, part.data as Uint8Array, part.contentType);
  for (const part of charts.parts()) {
    put(part.name, part.data, part.contentType);
    const owned = part.relationships ?? [];
    if (owned.length > 0)
      put(
        relationshipsPartName(part.name),
        `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${owned
          .map(
            (rel, index) =>
              `<Relationship Id="rId${index + 1}" Type="${rel.type}" Target="${relativeTarget(part.name, rel.target)}"/>`,
          )
          .join('')}</Relationships>`,
      );
  }

  // The presentation: the template's own, its slide list replaced (and a notes master added).
  const presentation = editXml(strFromU8(files['ppt/presentation.xml']!), (root) => {
    for (const list of childrenNamed(root, 'p:sldIdLst')) DomUtils.removeElement(list);
    if (needsNotesMaster)
      insertAfter(
        root,
        ['p:sldMasterIdLst'],
        xmlElements('<p:notesMasterIdLst><p:notesMasterId r:id="rIdBriefdeckNotesMaster"/></p:notesMasterIdLst>'),
      );
    // In the schema's order: after the master lists, before the slide size.
    insertAfter(
      root,
      ['p:sldMasterIdLst', 'p:notesMasterIdLst', 'p:handoutMasterIdLst'],
      xmlElements(`<p:sldIdLst>${slideIds.join('')}</p:sldIdLst>`),
    );
  });
  put('ppt/presentation.xml', presentation, PRESENTATION_TYPE);
  const presentationRels = editXml(strFromU8(files['ppt/_rels/presentation.xml.rels']!), (root) => {
    for (const rel of childrenNamed(root, 'Relationship'))
      if (String(rel.attribs.Type).endsWith('/relationships/slide')) DomUtils.removeElement(rel);
    const added = needsNotesMaster
      ? [
          ...slideRels,
          `<Relationship Id="rIdBriefdeckNotesMaster" Type="${relType('notesMaster')}" Target="notesMasters/briefdeck-notesMaster.xml"/>`,
        ]
      : slideRels;
    for (const element of xmlElements(added.join(''))) DomUtils.appendChild(root, element);
  });
  put('ppt/_rels/presentation.xml.rels', presentationRels);
  const properties = documentProperties(deck.info, { slides: deck.layouts.length, notes: 0 });
  put('docProps/core.xml', properties.core, 'application/vnd.openxmlformats-package.core-properties+xml');
  put('docProps/app.xml', properties.app, 'application/vnd.openxmlformats-officedocument.extended-properties+xml');
  put(
    '_rels/.rels',
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType('officeDocument')}" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${relType('extended-properties')}" Target="docProps/app.xml"/></Relationships>`,
  );
  const usedDefaults = new Map(
    [...defaults].filter(
      ([extension]) =>
        ['rels', 'xml'].includes(extension) ||
        Object.keys(out).some((name) => name.toLowerCase().endsWith(`.${extension}`)),
    ),
  );
  const typesXml =
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    [...usedDefaults].map(([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`).join('') +
    [...contentTypes]
      .filter(
        ([name]) =>
          !usedDefaults.has(name.split('.').pop()!.toLowerCase()) || overrides.has(name) || name.endsWith('.xml'),
      )
      .map(([name, type]) => `<Override PartName="/${escapeXml(name)}" ContentType="${type}"/>`)
      .join('') +
    '</Types>';
  out['[Content_Types].xml'] = [strToU8(typesXml), { mtime, level: 6 }];
  return zipSync(out);
}
