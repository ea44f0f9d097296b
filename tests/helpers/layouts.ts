import type { SlideLayout, TextBlock, TextParagraph } from '../../scripts/export/slide-layout.ts';

// Slides as the browser would lay them out, made by hand for the PowerPoint writers' tests.

export const paragraph = (text: string, extra: Partial<TextParagraph> = {}): TextParagraph => ({
  runs: [
    {
      text,
      bold: false,
      italic: false,
      underline: false,
      color: '#1a1a1a',
      size: 28,
      font: 'Source Sans 3',
      letterSpacing: 0,
      lineBreak: false,
    },
  ],
  align: 'left',
  lineHeight: 36,
  singleLineHeight: 35,
  spaceBefore: 0,
  spaceAfter: 0,
  level: 0,
  indent: 0,
  ...extra,
});
export const text = (role: TextBlock['role'], y: number, h: number, x = 72, w = 1136, words = ''): TextBlock => ({
  role,
  box: { x, y, w, h },
  padding: [0, 0, 0, 0],
  paragraphs: words ? [paragraph(words)] : [],
});
export const layout = (texts: TextBlock[], extra: Partial<SlideLayout> = {}): SlideLayout => ({
  background: '#ffffff',
  content: { x: 72, y: 76, w: 1136, h: 572 },
  shapes: [],
  texts,
  pictures: [],
  tables: [],
  charts: [],
  ...extra,
});
