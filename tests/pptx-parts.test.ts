import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dropInnerParagraphProperties, finishPptx } from '../scripts/export/pptx-finish.ts';
import { withRoomToGrow, type SlideLayout, type TextBlock } from '../scripts/export/slide-layout.ts';

const text = (role: TextBlock['role'], y: number, h: number, x = 72, w = 1136): TextBlock => ({
  role,
  box: { x, y, w, h },
  padding: [0, 0, 0, 0],
  paragraphs: [],
});
const layout = (texts: TextBlock[], extra: Partial<SlideLayout> = {}): SlideLayout => ({
  background: '#ffffff',
  content: { x: 72, y: 76, w: 1136, h: 572 },
  shapes: [],
  texts,
  pictures: [],
  ...extra,
});

describe('withRoomToGrow', () => {
  it('lets each body text box reach down to the next block below it, and the last to the foot of the content area', () => {
    const grown = withRoomToGrow(layout([text('title', 76, 50), text('body', 140, 40), text('body', 300, 60)]));
    expect(grown.texts.map((block) => [block.box.y, block.box.h])).toEqual([
      [76, 64],
      [140, 160],
      [300, 348],
    ]);
  });

  it('stops at a rule or picture below, but not at a panel drawn behind the text itself', () => {
    const grown = withRoomToGrow(
      layout([text('body', 100, 40)], {
        shapes: [
          { box: { x: 60, y: 90, w: 1160, h: 60 }, fill: '#eeeeee' },
          { box: { x: 72, y: 400, w: 1136, h: 2 }, fill: '#000000' },
        ],
      }),
    );
    expect(grown.texts[0]!.box.h).toBe(300);
  });

  it('leaves side-by-side columns to grow independently, and the marking where it is', () => {
    const grown = withRoomToGrow(
      layout([text('body', 100, 40, 72, 540), text('body', 300, 40, 668, 540), text('footer', 680, 20)]),
    );
    expect(grown.texts.map((block) => block.box.h)).toEqual([548, 348, 20]);
  });
});

describe('finishPptx', () => {
  it('keeps only the paragraph properties that open a paragraph, which is all OOXML allows', () => {
    const xml =
      '<a:p><a:pPr marL="100"><a:buChar char="•"/></a:pPr><a:r><a:t>Title</a:t></a:r><a:br/><a:pPr indent="0" marL="0"><a:buNone/></a:pPr><a:r><a:t>detail</a:t></a:r><a:pPr/><a:r><a:t>more</a:t></a:r></a:p>';
    expect(dropInnerParagraphProperties(xml)).toBe(
      '<a:p><a:pPr marL="100"><a:buChar char="•"/></a:pPr><a:r><a:t>Title</a:t></a:r><a:br/><a:r><a:t>detail</a:t></a:r><a:r><a:t>more</a:t></a:r></a:p>',
    );
  });

  it("colours bullets in order, centres the title slide's title, and leaves other slides' titles alone", () => {
    const slide = (title: string) =>
      `<p:sp><p:nvPr><p:ph idx="100" type="title"/></p:nvPr><a:t>${title}</a:t></p:sp><a:pPr><a:buSzPct val="100000"/><a:buChar char="•"/></a:pPr><a:pPr><a:buSzPct val="100000"/><a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/></a:pPr>`;
    const zipped = zipSync({
      'ppt/slides/slide1.xml': strToU8(slide('Cover')),
      'ppt/slides/slide2.xml': strToU8(slide('Body')),
      'ppt/slideLayouts/slideLayout2.xml': strToU8('<p:cSld name="Title Slide"><p:ph idx="100" type="title"/>'),
      'ppt/slideLayouts/slideLayout3.xml': strToU8('<p:cSld name="Title and Content"><p:ph idx="100" type="title"/>'),
    });
    const files = unzipSync(
      finishPptx(zipped, {
        titleSlides: new Set([0]),
        titleLayout: 'Title Slide',
        bulletColours: [['#b0802a', '#123456'], []],
      }),
    );
    const read = (name: string) => strFromU8(files[name]!);
    expect(read('ppt/slides/slide1.xml')).toContain('type="ctrTitle"');
    expect(read('ppt/slides/slide1.xml')).toContain(
      '<a:buClr><a:srgbClr val="B0802A"/></a:buClr><a:buSzPct val="100000"/><a:buChar',
    );
    expect(read('ppt/slides/slide1.xml')).toContain(
      '<a:buClr><a:srgbClr val="123456"/></a:buClr><a:buSzPct val="100000"/><a:buFont typeface="+mj-lt"/><a:buAutoNum',
    );
    expect(read('ppt/slides/slide2.xml')).toContain('type="title"');
    expect(read('ppt/slides/slide2.xml')).not.toContain('buClr');
    expect(read('ppt/slideLayouts/slideLayout2.xml')).toContain('type="ctrTitle"');
    expect(read('ppt/slideLayouts/slideLayout3.xml')).toContain('type="title"');
  });
});
