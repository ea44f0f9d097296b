import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** What pptxgenjs cannot say, applied to the XML it wrote. */
export interface PptxFinish {
  /** Slides (0-based) that use the title-slide layout, whose title is PowerPoint's centred title. */
  titleSlides: ReadonlySet<number>;
  /** The name of the title slide's layout. */
  titleLayout: string;
  /** Per slide, the colour of each bullet or number in paragraph order (the theme's `::marker`). */
  bulletColours: readonly (readonly string[])[];
}

/**
 * pptxgenjs repeats a paragraph's properties before every run after the first, which leaves
 * `<a:pPr>` in the middle of a paragraph: invalid OOXML that PowerPoint offers to "repair" and
 * LibreOffice reads as a change of bullet. Only the first, at the paragraph's start, is kept.
 */
export function dropInnerParagraphProperties(xml: string): string {
  return xml.replace(/(<\/a:r>|<a:br\/>)(?:<a:pPr\b[^>]*\/>|<a:pPr\b[^>]*>(?:(?!<\/a:pPr>)[\s\S])*<\/a:pPr>)/g, '$1');
}

/** The bullet's own colour, which pptxgenjs has no option for; it goes before the bullet's size, as the schema orders. */
function colourBullets(xml: string, colours: readonly string[]): string {
  let index = 0;
  return xml.replace(/<a:buSzPct val="\d+"\/>(?=(?:<a:buFont [^>]*\/>)?(?:<a:buChar|<a:buAutoNum))/g, (size) => {
    const colour = colours[index++];
    return colour ? `<a:buClr><a:srgbClr val="${colour.replace(/^#/, '').toUpperCase()}"/></a:buClr>${size}` : size;
  });
}

const centreTitle = (xml: string) => xml.replace(/(<p:ph\b[^>]*?\btype=")title(")/g, '$1ctrTitle$2');

/** Applies the finishing touches to a PPTX that pptxgenjs wrote; zip times and compression are the seal's business. */
export function finishPptx(bytes: Uint8Array, finish: PptxFinish): Uint8Array {
  const entries = unzipSync(bytes);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    const slide = /^ppt\/slides\/slide(\d+)\.xml$/.exec(name);
    if (slide) {
      const index = Number(slide[1]) - 1;
      let xml = colourBullets(dropInnerParagraphProperties(strFromU8(data)), finish.bulletColours[index] ?? []);
      if (finish.titleSlides.has(index)) xml = centreTitle(xml);
      files[name] = [strToU8(xml), { level: 0 }];
    } else if (
      /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name) &&
      strFromU8(data).includes(`<p:cSld name="${finish.titleLayout}"`)
    ) {
      files[name] = [strToU8(centreTitle(strFromU8(data))), { level: 0 }];
    } else {
      files[name] = [data, { level: 0 }];
    }
  }
  return zipSync(files);
}
