// A deck as a PowerPoint package, written part by part: presentation, master, layouts, themes,
// slides, notes, media, embedded fonts and document properties.
import { unescapeNoteText } from '../../deck/escape.ts';
import type { DocumentInfo } from '../seal.ts';
import type { SlideLayout, TextBlock } from '../slide-layout.ts';
import { joinColumns, withRoomToGrow } from './room.ts';
import {
  LAYOUTS,
  renderNotesMaster,
  renderSlideLayout,
  renderSlideMaster,
  type LayoutName,
  type MasterGeometry,
} from './masters.ts';
import { relationshipId, zipPackage, type Part, type Relationship } from './package.ts';
import { mediaStore } from './media.ts';
import { chartStore } from './chart.ts';
import { renderNotesSlide, renderSlide } from './slides.ts';
import { renderTheme, type ThemeLook } from './theme.ts';
import { emu, escapeXml, PML_NAMESPACES, relType, XML_DECLARATION } from './xml.ts';
import { documentProperties } from './properties.ts';
import type { EmbeddedFont } from './fonts.ts';

/** One deck as the browser laid it out, ready to become native PowerPoint slides. */
export interface PptxDeck {
  layouts: readonly SlideLayout[];
  /** Presenter notes per slide; empty for audiences without notes. */
  notes: readonly (readonly string[])[];
  /** Slides that open the deck (the title slide), whose heading is PowerPoint's centred title. */
  titleSlides: ReadonlySet<number>;
  info: DocumentInfo;
  /** The theme's fonts, to embed in the file (see `embedFonts`). */
  fonts?: readonly EmbeddedFont[];
}

const CONTENT_TYPE = {
  presentation: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  master: 'application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml',
  layout: 'application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml',
  slide: 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml',
  notesMaster: 'application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml',
  notes: 'application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  presProps: 'application/vnd.openxmlformats-officedocument.presentationml.presProps+xml',
  viewProps: 'application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml',
  tableStyles: 'application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  font: 'application/x-fontdata',
} as const;

const firstRun = (layouts: readonly SlideLayout[], role: TextBlock['role']) =>
  layouts.flatMap((layout) => layout.texts).find((text) => text.role === role)?.paragraphs[0]?.runs[0];

/**
 * The colour most of the deck's plain body text is set in: lead lines, statements and bold titles
 * of cards may take the heading's.
 */
function bodyColour(layouts: readonly SlideLayout[]): string | undefined {
  const characters = new Map<string, number>();
  for (const text of layouts.flatMap((layout) => layout.texts).filter((block) => block.role === 'body'))
    for (const run of text.paragraphs.flatMap((paragraph) => paragraph.runs).filter((candidate) => !candidate.bold))
      characters.set(run.color, (characters.get(run.color) ?? 0) + run.text.length);
  return [...characters].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The deck's look, read from its slides, becomes the theme's colours and fonts. */
function themeLook(layouts: readonly SlideLayout[]): ThemeLook {
  const title = firstRun(layouts, 'title');
  const body = firstRun(layouts, 'body');
  const accent = layouts
    .flatMap((layout) => layout.texts)
    .flatMap((text) => text.paragraphs)
    .find((paragraph) => paragraph.bullet)?.bullet?.colour;
  return {
    text: bodyColour(layouts) ?? '#000000',
    background: layouts[1]?.background ?? layouts[0]?.background ?? '#ffffff',
    heading: title?.color ?? body?.color ?? '#000000',
    accent: accent ?? title?.color ?? '#000000',
    headingFont: title?.font || 'Arial',
    bodyFont: body?.font || 'Arial',
  };
}

/** Where the master puts its placeholders: where the deck's content slides put theirs. */
function masterGeometry(layouts: readonly SlideLayout[]): MasterGeometry {
  const sample =
    layouts.find((layout, index) => index > 0 && layout.texts.some((t) => t.role === 'title')) ?? layouts[0];
  const content = sample?.content ?? { x: 72, y: 60, w: 1136, h: 600 };
  const title = sample?.texts.find((text) => text.role === 'title')?.box ?? { ...content, h: 80 };
  const footer = sample?.texts.find((text) => text.role === 'footer')?.box ?? { x: 320, y: 690, w: 640, h: 24 };
  return {
    title,
    body: {
      x: content.x,
      y: title.y + title.h,
      w: content.w,
      h: Math.max(40, content.y + content.h - title.y - title.h),
    },
    footer,
    slideNumber: sample?.pageNumber?.box ?? { x: 1092, y: 690, w: 160, h: 24 },
    titleSize: firstRun(layouts, 'title')?.size ?? 40,
    bodySize: firstRun(layouts, 'body')?.size ?? 24,
    smallSize: firstRun(layouts, 'footer')?.size ?? 16,
  };
}

/**
 * Writes a deck as native PowerPoint: text boxes with real paragraphs, bullets and runs, shapes for
 * the theme's panels and rules, pictures with their descriptions, native tables, the heading in
 * each slide's title placeholder, the marking and slide number in the footer placeholders,
 * presenter notes in the notes pane, and the theme's fonts embedded.
 */
export function renderPptx(deck: PptxDeck): Uint8Array {
  const lang = deck.info.lang;
  const look = themeLook(deck.layouts);
  const geometry = masterGeometry(deck.layouts);
  const media = mediaStore();
  const charts = chartStore(lang, deck.info.timestamp);
  const parts: Part[] = [];
  const layoutPart = (index: number) => `ppt/slideLayouts/slideLayout${index + 1}.xml`;
  const layoutIds = LAYOUTS.map((_layout, index) => 2_147_483_649 + index);

  parts.push({
    name: 'ppt/slideMasters/slideMaster1.xml',
    contentType: CONTENT_TYPE.master,
    data: renderSlideMaster(geometry, look, layoutIds),
    relationships: [
      ...LAYOUTS.map((_layout, index) => ({ type: relType('slideLayout'), target: layoutPart(index) })),
      { type: relType('theme'), target: 'ppt/theme/theme1.xml' },
    ],
  });
  LAYOUTS.forEach((layout, index) => {
    parts.push({
      name: layoutPart(index),
      contentType: CONTENT_TYPE.layout,
      data: renderSlideLayout(layout.name, layout.type, geometry),
      relationships: [{ type: relType('slideMaster'), target: 'ppt/slideMasters/slideMaster1.xml' }],
    });
  });
  parts.push(
    { name: 'ppt/theme/theme1.xml', contentType: CONTENT_TYPE.theme, data: renderTheme('briefdeck', look) },
    { name: 'ppt/theme/theme2.xml', contentType: CONTENT_TYPE.theme, data: renderTheme('briefdeck notes', look) },
    {
      name: 'ppt/notesMasters/notesMaster1.xml',
      contentType: CONTENT_TYPE.notesMaster,
      data: renderNotesMaster(look),
      relationships: [{ type: relType('theme'), target: 'ppt/theme/theme2.xml' }],
    },
  );

  const layoutIndex = (name: LayoutName) => LAYOUTS.findIndex((layout) => layout.name === name);
  let notesCount = 0;
  deck.layouts.forEach((layout, index) => {
    const slide = renderSlide(withRoomToGrow(joinColumns(layout)), {
      titleSlide: deck.titleSlides.has(index),
      number: index + 1,
      lang,
      addMedia: media.add,
      addChart: charts.add,
    });
    const name = `ppt/slides/slide${index + 1}.xml`;
    const relationships: Relationship[] = [
      { type: relType('slideLayout'), target: layoutPart(layoutIndex(slide.layout)) },
      ...slide.media.map((target) => ({ type: relType('image'), target })),
      ...slide.charts.map((target) => ({ type: relType('chart'), target })),
    ];
    const notes = (deck.notes[index] ?? []).map(unescapeNoteText).filter(Boolean);
    if (notes.length > 0) {
      notesCount++;
      const notesName = `ppt/notesSlides/notesSlide${index + 1}.xml`;
      relationships.push({ type: relType('notesSlide'), target: notesName });
      parts.push({
        name: notesName,
        contentType: CONTENT_TYPE.notes,
        data: renderNotesSlide(notes, lang),
        relationships: [
          { type: relType('notesMaster'), target: 'ppt/notesMasters/notesMaster1.xml' },
          { type: relType('slide'), target: name },
        ],
      });
    }
    parts.push({ name, contentType: CONTENT_TYPE.slide, data: slide.xml, relationships });
  });
  parts.push(...media.parts(), ...charts.parts());

  const fonts = deck.fonts ?? [];
  fonts.forEach((font) => {
    for (const face of font.faces) parts.push({ name: face.part, contentType: CONTENT_TYPE.font, data: face.data });
  });

  // The presentation's own relationships: master first, then notes master, slides, fonts, the rest.
  const presentationRels: Relationship[] = [
    { type: relType('slideMaster'), target: 'ppt/slideMasters/slideMaster1.xml' },
    { type: relType('notesMaster'), target: 'ppt/notesMasters/notesMaster1.xml' },
    ...deck.layouts.map((_layout, index) => ({ type: relType('slide'), target: `ppt/slides/slide${index + 1}.xml` })),
  ];
  const slideIds = deck.layouts
    .map((_layout, index) => `<p:sldId id="${256 + index}" r:id="${relationshipId(2 + index)}"/>`)
    .join('');
  const fontList = fonts
    .map((font) => {
      const faces = font.faces
        .map((face) => {
          presentationRels.push({ type: relType('font'), target: face.part });
          return `<p:${face.style} r:id="${relationshipId(presentationRels.length - 1)}"/>`;
        })
        .join('');
      return `<p:embeddedFont><p:font typeface="${escapeXml(font.typeface)}" pitchFamily="${font.pitchFamily}" charset="0"/>${faces}</p:embeddedFont>`;
    })
    .join('');
  presentationRels.push(
    { type: relType('presProps'), target: 'ppt/presProps.xml' },
    { type: relType('viewProps'), target: 'ppt/viewProps.xml' },
    { type: relType('theme'), target: 'ppt/theme/theme1.xml' },
    { type: relType('tableStyles'), target: 'ppt/tableStyles.xml' },
  );
  // The schema's order: masters, notes master, slides, sizes, embedded fonts, default text style.
  const presentation =
    `${XML_DECLARATION}<p:presentation ${PML_NAMESPACES}${fonts.length > 0 ? ' embedTrueTypeFonts="1" saveSubsetFonts="1"' : ''}>` +
    `<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
    `<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>` +
    `<p:sldIdLst>${slideIds}</p:sldIdLst>` +
    `<p:sldSz cx="${emu(1280)}" cy="${emu(720)}"/><p:notesSz cx="6858000" cy="9144000"/>` +
    (fontList ? `<p:embeddedFontLst>${fontList}</p:embeddedFontLst>` : '') +
    '<p:defaultTextStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr></p:defaultTextStyle></p:presentation>';
  parts.unshift({
    name: 'ppt/presentation.xml',
    contentType: CONTENT_TYPE.presentation,
    data: presentation,
    relationships: presentationRels,
  });
  parts.push(
    {
      name: 'ppt/presProps.xml',
      contentType: CONTENT_TYPE.presProps,
      data: `${XML_DECLARATION}<p:presentationPr ${PML_NAMESPACES}/>`,
    },
    {
      name: 'ppt/viewProps.xml',
      contentType: CONTENT_TYPE.viewProps,
      data: `${XML_DECLARATION}<p:viewPr ${PML_NAMESPACES}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>`,
    },
    {
      name: 'ppt/tableStyles.xml',
      contentType: CONTENT_TYPE.tableStyles,
      data: `${XML_DECLARATION}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>`,
    },
  );
  const properties = documentProperties(deck.info, { slides: deck.layouts.length, notes: notesCount });
  parts.push(
    { name: 'docProps/core.xml', contentType: CONTENT_TYPE.core, data: properties.core },
    { name: 'docProps/app.xml', contentType: CONTENT_TYPE.app, data: properties.app },
  );
  return zipPackage(
    parts,
    [
      { type: relType('officeDocument'), target: 'ppt/presentation.xml' },
      {
        type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
        target: 'docProps/core.xml',
      },
      { type: relType('extended-properties'), target: 'docProps/app.xml' },
    ],
    deck.info.timestamp,
  );
}
