import * as pptxgen from 'pptxgenjs';
import { finishPptx } from './pptx-finish.ts';
import type { DocumentInfo } from './seal.ts';
import {
  withRoomToGrow,
  type Box,
  type PictureBlock,
  type SlideLayout,
  type TextBlock,
  type TextParagraph,
  type TextRun,
} from './slide-layout.ts';

/** One deck as the browser laid it out, ready to become native PowerPoint slides. */
export interface PptxDeck {
  layouts: readonly SlideLayout[];
  /** Presenter notes per slide; empty for audiences without notes. */
  notes: readonly (readonly string[])[];
  /** Slides that open the deck (the title slide), whose heading is PowerPoint's centred title. */
  titleSlides: ReadonlySet<number>;
  info: DocumentInfo;
}

// 1280 × 720 CSS pixels at 96 to the inch is PowerPoint's 13.333 × 7.5 in widescreen slide.
const PX_PER_INCH = 96;
const PT_PER_PX = 0.75;
const inches = (value: number) => Math.round((value / PX_PER_INCH) * 10_000) / 10_000;
const points = (value: number) => Math.round(value * PT_PER_PX * 100) / 100;
const colour = (hex: string) => hex.replace(/^#/, '').toUpperCase();
const position = (box: Box) => ({ x: inches(box.x), y: inches(box.y), w: inches(box.w), h: inches(box.h) });

// pptxgenjs's types describe its CommonJS build, where the class sits one `default` deeper than
// in the ES build that Node loads.
type PptxClass = typeof import('pptxgenjs').default;
type PptxGenJS = InstanceType<PptxClass>;
const loaded = pptxgen.default as unknown as PptxClass & { default?: PptxClass };
const PptxGenJS: PptxClass = loaded.default ?? loaded;
type TextPropsOptions = import('pptxgenjs').default.TextPropsOptions;
type TextProps = import('pptxgenjs').default.TextProps;
type Slide = import('pptxgenjs').default.Slide;
type SlideNumberProps = import('pptxgenjs').default.SlideNumberProps;

const TITLE_LAYOUT = 'Title Slide';
const CONTENT_LAYOUT = 'Title and Content';

/** A zero-width space keeps note lines from reading as Marp directives; PowerPoint needs none. */
const cleanNote = (note: string) => note.replace(/\u200B/g, '').trim();

function runOptions(run: TextRun): TextPropsOptions {
  return {
    bold: run.bold,
    italic: run.italic,
    underline: run.underline ? { style: 'sng' } : undefined,
    color: colour(run.color),
    fontSize: points(run.size),
    fontFace: run.font,
    charSpacing: run.letterSpacing ? points(run.letterSpacing) : undefined,
    softBreakBefore: run.lineBreak || undefined,
  };
}

function paragraphOptions(paragraph: TextParagraph, lang: string): TextPropsOptions {
  const bullet: TextPropsOptions['bullet'] =
    paragraph.bullet === undefined
      ? false
      : paragraph.bullet.kind === 'number'
        ? {
            type: 'number',
            style:
              paragraph.bullet.style === 'lower-alpha'
                ? 'alphaLcPeriod'
                : paragraph.bullet.style === 'upper-alpha'
                  ? 'alphaUcPeriod'
                  : 'arabicPeriod',
            numberStartAt: paragraph.bullet.start,
            indent: points(paragraph.indent / (paragraph.level + 1)),
          }
        : {
            characterCode: paragraph.bullet.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'),
            indent: points(paragraph.indent / (paragraph.level + 1)),
          };
  return {
    align: paragraph.align,
    lineSpacingMultiple: Math.round((paragraph.lineHeight / paragraph.singleLineHeight) * 1000) / 1000,
    paraSpaceBefore: points(paragraph.spaceBefore),
    paraSpaceAfter: points(paragraph.spaceAfter),
    bullet,
    indentLevel: paragraph.level,
    lang,
  };
}

/** pptxgenjs takes a list of runs; a run ending a paragraph carries `breakLine`, the first its paragraph's options. */
function textRuns(block: TextBlock, lang: string): TextProps[] {
  return block.paragraphs.flatMap((paragraph, index) => {
    const last = index === block.paragraphs.length - 1;
    const runs =
      paragraph.runs.length > 0
        ? paragraph.runs
        : [
            {
              text: '',
              bold: false,
              italic: false,
              underline: false,
              color: '#000000',
              size: 16,
              font: '',
              letterSpacing: 0,
              lineBreak: false,
            },
          ];
    return runs.map((run, at) => ({
      text: run.text,
      options: {
        ...(at === 0 ? paragraphOptions(paragraph, lang) : {}),
        ...runOptions(run),
        breakLine: at === runs.length - 1 && !last ? true : undefined,
      },
    }));
  });
}

/** Adds a text box; returns the colours of its bullets, in order. */
function addText(slide: Slide, block: TextBlock, lang: string, index: number): string[] {
  const [top, right, bottom, left] = block.padding;
  slide.addText(textRuns(block, lang), {
    ...position(block.box),
    // pptxgenjs's order: left, right, bottom, top, in points.
    margin: [points(left), points(right), points(bottom), points(top)],
    valign: 'top',
    wrap: true,
    // Where PowerPoint or LibreOffice lacks the theme's fonts, a wider stand-in shrinks to the box
    // instead of running into the next one.
    fit: 'shrink',
    fill: block.fill ? { color: colour(block.fill) } : undefined,
    placeholder: block.role === 'title' ? 'title' : undefined,
    objectName:
      block.role === 'title'
        ? 'Title'
        : block.role === 'header'
          ? 'Marking (header)'
          : block.role === 'footer'
            ? 'Marking (footer)'
            : `Text ${index}`,
  });
  return block.paragraphs.flatMap((paragraph) => (paragraph.bullet ? [paragraph.bullet.colour] : []));
}

function addPicture(slide: Slide, picture: PictureBlock, index: number): void {
  const data = picture.src.replace(/^data:/, '');
  const box = position(picture.box);
  slide.addImage({
    data,
    ...box,
    altText: picture.alt,
    objectName: `Picture ${index}`,
    sizing: picture.sizing ? { type: picture.sizing, w: box.w, h: box.h } : undefined,
  });
}

/** The master's title placeholder sits where each slide puts it; slides give their own position. */
function defineLayouts(pptx: PptxGenJS): void {
  for (const title of [TITLE_LAYOUT, CONTENT_LAYOUT]) {
    pptx.defineSlideMaster({
      title,
      objects: [{ placeholder: { options: { name: 'title', type: 'title' }, text: '' } }],
    });
  }
}

/** Adds one slide; returns the colours of its bullets in the order they were written. */
function addSlide(pptx: PptxGenJS, deck: PptxDeck, layout: SlideLayout, index: number): string[] {
  const slide = pptx.addSlide({ masterName: deck.titleSlides.has(index) ? TITLE_LAYOUT : CONTENT_LAYOUT });
  slide.background = { color: colour(layout.background) };
  // Paint order is reading order in PowerPoint: decoration first, then the title, the body from
  // top to bottom with its pictures, and the marking last.
  const backgrounds = layout.pictures.filter((picture) => picture.sizing);
  const pictures = layout.pictures.filter((picture) => !picture.sizing);
  backgrounds.forEach((picture, at) => {
    addPicture(slide, picture, at + 1);
  });
  for (const shape of layout.shapes)
    slide.addShape('rect', { ...position(shape.box), fill: { color: colour(shape.fill) }, line: { type: 'none' } });
  const body = [
    ...layout.texts
      .filter((text) => text.role === 'title' || text.role === 'body')
      .map((text) => ({
        y: text.role === 'title' ? -Infinity : text.box.y,
        add: (n: number) => addText(slide, text, deck.info.lang, n),
      })),
    ...pictures.map((picture) => ({
      y: picture.box.y,
      add: (n: number): string[] => {
        addPicture(slide, picture, n);
        return [];
      },
    })),
  ].sort((a, b) => a.y - b.y);
  const bullets = body.flatMap((item, at) => item.add(at + 1));
  for (const text of layout.texts.filter((text) => text.role === 'header' || text.role === 'footer'))
    bullets.push(...addText(slide, text, deck.info.lang, 0));
  if (layout.pageNumber) {
    const number = layout.pageNumber;
    slide.slideNumber = {
      ...position(number.box),
      color: colour(number.color),
      fontSize: points(number.size),
      fontFace: number.font,
      align: number.align,
      margin: [0, 0, 0, 0],
      valign: 'bottom',
    } as SlideNumberProps;
  }
  const notes = (deck.notes[index] ?? []).map(cleanNote).filter(Boolean);
  if (notes.length > 0) slide.addNotes(notes.join('\n\n'));
  return bullets;
}

/**
 * Writes a deck as native PowerPoint: text boxes with real paragraphs, bullets and runs, shapes for
 * the theme's panels and rules, pictures with their descriptions, the title in each slide's title
 * placeholder, the slide number as a field and presenter notes in the notes pane.
 */
export async function renderPptx(deck: PptxDeck): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.info.title;
  pptx.subject = deck.info.subject;
  pptx.author = deck.info.author ?? 'briefdeck';
  pptx.company = '';
  // The theme's fonts become the presentation's heading and body fonts, for text added by hand.
  const fontOf = (role: TextBlock['role']) =>
    deck.layouts.flatMap((layout) => layout.texts).find((text) => text.role === role)?.paragraphs[0]?.runs[0]?.font;
  pptx.theme = { headFontFace: fontOf('title') ?? 'Arial', bodyFontFace: fontOf('body') ?? 'Arial' };
  defineLayouts(pptx);
  const bulletColours = deck.layouts.map((layout, index) => addSlide(pptx, deck, withRoomToGrow(layout), index));
  const bytes = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array;
  return finishPptx(bytes, { titleSlides: deck.titleSlides, titleLayout: TITLE_LAYOUT, bulletColours });
}
