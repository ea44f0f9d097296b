// Room for text where PowerPoint or LibreOffice lacks the theme's fonts: a wider stand-in font
// wraps into more lines, so each text box gets the free room below it, and a heading with its list
// becomes one box, so a heading that wraps pushes its list down instead of shrinking into it.
import type { Box, SlideLayout, TextBlock } from '../slide-layout.ts';

const overlapsAcross = (a: Box, b: Box) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5;
const encloses = (outer: Box, inner: Box) =>
  outer.x <= inner.x + 0.5 &&
  outer.y <= inner.y + 0.5 &&
  outer.x + outer.w >= inner.x + inner.w - 0.5 &&
  outer.y + outer.h >= inner.y + inner.h - 0.5;

/**
 * Each body text box reaches down to whatever lies below it, or to the foot of the content area.
 * Where PowerPoint lacks the theme's font, a wider stand-in then wraps into that free room before
 * it has to shrink, and still never runs into the next block.
 */
export function withRoomToGrow(layout: SlideLayout): SlideLayout {
  const obstacles = [
    ...layout.texts.map((text) => text.box),
    ...layout.pictures.map((picture) => picture.box),
    ...layout.shapes.map((shape) => shape.box),
    ...layout.tables.map((table) => table.box),
  ];
  const texts = layout.texts.map((text) => {
    if (text.role === 'header' || text.role === 'footer' || text.fill) return text;
    const { box } = text;
    const bottom = box.y + box.h;
    const below = obstacles
      .filter((other) => other !== box && !encloses(other, box) && other.y >= bottom - 1 && overlapsAcross(other, box))
      .map((other) => other.y);
    const floor = Math.min(layout.content.y + layout.content.h, ...below);
    return floor > bottom ? { ...text, box: { ...box, h: floor - box.y } } : text;
  });
  return { ...layout, texts };
}

const SAME_EDGE = 2;
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;

/**
 * Body text blocks stacked in one column (the same left edge and width, nothing between them, no
 * fill of their own) become one text box, the gap between them the space before the lower one.
 */
export function joinColumns(layout: SlideLayout): SlideLayout {
  const others = (except: readonly TextBlock[]) => [
    ...layout.texts.filter((text) => !except.includes(text)).map((text) => text.box),
    ...layout.pictures.map((picture) => picture.box),
    ...layout.shapes.map((shape) => shape.box),
    ...layout.tables.map((table) => table.box),
  ];
  const joinable = (text: TextBlock) => text.role === 'body' && !text.fill;
  const bodies = layout.texts.filter(joinable).sort((a, b) => a.box.y - b.box.y);
  const columns: TextBlock[][] = [];
  for (const text of bodies) {
    const column = columns.find((candidate) => {
      const last = candidate.at(-1)!;
      const gapTop = last.box.y + last.box.h;
      if (
        Math.abs(last.box.x - text.box.x) > SAME_EDGE ||
        Math.abs(last.box.w - text.box.w) > SAME_EDGE ||
        last.padding[1] !== text.padding[1] ||
        last.padding[3] !== text.padding[3] ||
        text.box.y < gapTop - 1
      )
        return false;
      const gap = { x: text.box.x, y: gapTop, w: text.box.w, h: Math.max(1, text.box.y - gapTop) };
      return !others([...candidate, text]).some((box) => intersects(box, gap));
    });
    if (column) column.push(text);
    else columns.push([text]);
  }
  const joined = new Map<TextBlock, TextBlock | null>();
  for (const column of columns) {
    const [first, ...rest] = column;
    if (!first || rest.length === 0) continue;
    const last = column.at(-1)!;
    const paragraphs = column.flatMap((text, index) => {
      if (index === 0) return text.paragraphs;
      const above = column[index - 1]!;
      const gap = text.box.y - (above.box.y + above.box.h) + above.padding[2] + text.padding[0];
      const [opening, ...following] = text.paragraphs;
      return opening ? [{ ...opening, spaceBefore: opening.spaceBefore + Math.max(0, gap) }, ...following] : [];
    });
    joined.set(first, {
      ...first,
      box: { ...first.box, h: last.box.y + last.box.h - first.box.y },
      padding: [first.padding[0], first.padding[1], last.padding[2], first.padding[3]],
      paragraphs,
    });
    for (const text of rest) joined.set(text, null);
  }
  const texts = layout.texts.flatMap((text) => {
    const replacement = joined.get(text);
    return replacement === undefined ? [text] : replacement === null ? [] : [replacement];
  });
  return { ...layout, texts };
}
