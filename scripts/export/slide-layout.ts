// The layout of each rendered slide, read from the browser that measured it: what the native
// PowerPoint export rebuilds as text boxes, shapes and pictures (issue: editable PowerPoint).
import type { Page } from 'puppeteer-core';
import type { FigureData } from '../figures/markup.ts';

/** A rectangle in slide pixels, on the 1280 × 720 slide. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A stretch of text with one look. */
export interface TextRun {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** `#rrggbb` */
  color: string;
  /** Pixels on the slide. */
  size: number;
  font: string;
  /** Pixels between letters. */
  letterSpacing: number;
  /** Starts on a new line within its paragraph (`<br>`). */
  lineBreak: boolean;
}

/** A paragraph, or one list item with its bullet or number. */
export interface TextParagraph {
  runs: TextRun[];
  align: 'left' | 'center' | 'right' | 'justify';
  /** Pixels from one baseline to the next. */
  lineHeight: number;
  /** The font's own line height at this size (CSS `normal`), which PowerPoint calls single spacing. */
  singleLineHeight: number;
  spaceBefore: number;
  spaceAfter: number;
  bullet?: ({ kind: 'bullet'; char: string } | { kind: 'number'; start: number; style: string }) & { colour: string };
  /** Nesting depth in a list: 0 for a top-level item. */
  level: number;
  /** Pixels from the box's left edge to the text, for list items. */
  indent: number;
  /** Runs right to left (Arabic, Hebrew …). */
  rtl?: boolean;
}

/** A block of text that stays one object when edited: a heading, a paragraph, a whole list. */
export interface TextBlock {
  role: 'title' | 'body' | 'header' | 'footer';
  box: Box;
  /** Padding between the box and its text, in pixels: top, right, bottom, left. */
  padding: [number, number, number, number];
  fill?: string;
  paragraphs: TextParagraph[];
}

/** A filled rectangle: a panel behind text, a rule, a border. */
export interface ShapeBlock {
  box: Box;
  fill: string;
}

export interface PictureBlock {
  box: Box;
  /** A `data:` URL: decks embed every image. */
  src: string;
  alt: string;
  /** How a background image fills its box. */
  sizing?: 'cover' | 'contain';
}

/** One line of a rule around a table cell. */
export interface CellEdge {
  width: number;
  color: string;
}

export interface TableCell {
  paragraphs: TextParagraph[];
  /** Padding between the cell's edges and its text, in pixels: top, right, bottom, left. */
  padding: [number, number, number, number];
  fill?: string;
  borders: { top?: CellEdge; right?: CellEdge; bottom?: CellEdge; left?: CellEdge };
  anchor: 't' | 'ctr' | 'b';
}

export interface TableRow {
  height: number;
  /** A row of column headings (`<thead>`), repeated on every part of a table split over slides. */
  header: boolean;
  cells: TableCell[];
}

/** A table, kept a table: its columns' widths and its rows as the browser laid them out. */
export interface TableBlock {
  box: Box;
  columns: number[];
  rows: TableRow[];
  /** The table's caption, if it has one: its description for screen readers. */
  caption: string;
}

/** A chart, rebuilt natively from its data where the deck drew it, in the theme's colours and type. */
export interface ChartBlock {
  box: Box;
  data: FigureData;
  /** The theme's chart palette, `#rrggbb`, series (or a pie's slices) in order. */
  palette: string[];
  text: { color: string; size: number; font: string };
  /** The colour of gridlines and axes. */
  rule: string;
}

/** The slide number, drawn by the theme as `n / N` after the slide. */
export interface PageNumber {
  box: Box;
  color: string;
  size: number;
  font: string;
  align: 'left' | 'center' | 'right';
}

export interface SlideLayout {
  background: string;
  /** The slide's content area, inside its padding: where body text may grow. */
  content: Box;
  /** Decorations, in paint order. */
  shapes: ShapeBlock[];
  /** Text in reading order: the title first, the body top to bottom, then header and footer. */
  texts: TextBlock[];
  pictures: PictureBlock[];
  tables: TableBlock[];
  charts: ChartBlock[];
  pageNumber?: PageNumber;
}

/** Runs in the page: every slide's text blocks, shapes and pictures, in slide pixels. */
function readLayoutsInPage(): SlideLayout[] {
  const SLIDE_WIDTH = 1280;
  const toHex = (color: string): string | undefined => {
    const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color);
    if (!match || (match[4] !== undefined && Number(match[4]) < 0.05)) return undefined;
    return `#${[match[1], match[2], match[3]].map((part) => Math.round(Number(part)).toString(16).padStart(2, '0')).join('')}`;
  };
  const px = (value: string) => parseFloat(value) || 0;
  const firstFamily = (family: string) =>
    family
      .split(',')[0]!
      .trim()
      .replace(/^["']|["']$/g, '');
  const transform = (text: string, how: string) =>
    how === 'uppercase' ? text.toUpperCase() : how === 'lowercase' ? text.toLowerCase() : text;
  const isInline = (element: Element) =>
    getComputedStyle(element).display.startsWith('inline') || element.tagName === 'BR';
  const HEADING = /^H[1-6]$/;
  // A hidden probe measures each font's own line height: spacing relative to it lets text that
  // PowerPoint shrinks to fit its box shrink its lines too.
  const probe = document.body.appendChild(document.createElement('span'));
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: nowrap; line-height: normal;';
  probe.textContent = 'Hg';
  const singles = new Map<string, number>();
  const singleLineHeightOf = (style: CSSStyleDeclaration) => {
    const key = `${style.fontFamily}|${style.fontSize}|${style.fontWeight}|${style.fontStyle}`;
    let height = singles.get(key);
    if (height === undefined) {
      Object.assign(probe.style, {
        fontFamily: style.fontFamily,
        fontSize: style.fontSize,
        fontWeight: style.fontWeight,
        fontStyle: style.fontStyle,
      });
      height = probe.getBoundingClientRect().height || px(style.fontSize) * 1.2;
      singles.set(key, height);
    }
    return height;
  };

  const layouts = [...document.querySelectorAll<SVGSVGElement>('div.marpit > svg')].map((svg) => {
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / SLIDE_WIDTH || 1;
    const boxOf = (rect: DOMRect): Box => ({
      x: (rect.left - frame.left) / scale,
      y: (rect.top - frame.top) / scale,
      w: rect.width / scale,
      h: rect.height / scale,
    });
    const sections = [...svg.querySelectorAll<HTMLElement>(':scope > foreignObject > section')];
    const content =
      sections.find((section) => (section.dataset.marpitAdvancedBackground ?? 'content') === 'content') ?? sections[0]!;
    const sectionStyle = getComputedStyle(content);
    const area = boxOf(content.getBoundingClientRect());
    const inset = (side: 'Top' | 'Right' | 'Bottom' | 'Left') =>
      px(sectionStyle[`padding${side}`]) + px(sectionStyle[`border${side}Width`]);
    const contentBox = {
      x: area.x + inset('Left'),
      y: area.y + inset('Top'),
      w: area.w - inset('Left') - inset('Right'),
      h: area.h - inset('Top') - inset('Bottom'),
    };
    const layout: SlideLayout = {
      background: toHex(sectionStyle.backgroundColor) ?? '#ffffff',
      content: contentBox,
      shapes: [],
      texts: [],
      pictures: [],
      tables: [],
      charts: [],
    };

    /** Fills and borders of an element, as shapes; a text block keeps its own fill. */
    const decorate = (element: HTMLElement, keepFill: boolean) => {
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return;
      const box = boxOf(rect);
      const fill = toHex(style.backgroundColor);
      const isSlide = element.tagName === 'SECTION';
      if (fill && !keepFill && !isSlide) layout.shapes.push({ box: { ...box }, fill });
      const width = {
        top: px(style.borderTopWidth),
        right: px(style.borderRightWidth),
        bottom: px(style.borderBottomWidth),
        left: px(style.borderLeftWidth),
      };
      const edge = (side: 'top' | 'right' | 'bottom' | 'left', color: string, styleName: string) => {
        const thickness = width[side];
        const colour = toHex(color);
        if (thickness <= 0 || !colour || styleName === 'none' || styleName === 'hidden') return;
        const edgeBox =
          side === 'top'
            ? { x: box.x, y: box.y, w: box.w, h: thickness }
            : side === 'bottom'
              ? { x: box.x, y: box.y + box.h - thickness, w: box.w, h: thickness }
              : side === 'left'
                ? { x: box.x, y: box.y, w: thickness, h: box.h }
                : { x: box.x + box.w - thickness, y: box.y, w: thickness, h: box.h };
        layout.shapes.push({ box: edgeBox, fill: colour });
      };
      edge('top', style.borderTopColor, style.borderTopStyle);
      edge('right', style.borderRightColor, style.borderRightStyle);
      edge('bottom', style.borderBottomColor, style.borderBottomStyle);
      edge('left', style.borderLeftColor, style.borderLeftStyle);
      const image = /url\("?(data:[^")]+)"?\)/.exec(style.backgroundImage)?.[1];
      if (image && !isSlide) {
        const alt = element.querySelector('figcaption')?.textContent?.trim() ?? '';
        layout.pictures.push({
          box,
          src: image,
          alt,
          sizing: style.backgroundSize.includes('contain') ? 'contain' : 'cover',
        });
      }
    };

    /** The runs of an element's inline content; `<br>` starts a new line. */
    const runsOf = (element: Element): TextRun[] => {
      const runs: TextRun[] = [];
      let lineBreak = false;
      const visit = (node: Node) => {
        if (node.nodeType === Node.TEXT_NODE) {
          const parent = node.parentElement!;
          const style = getComputedStyle(parent);
          const text = transform((node.textContent ?? '').replace(/\s+/g, ' '), style.textTransform);
          if (text === '') return;
          const weight = Number(style.fontWeight) || (style.fontWeight === 'bold' ? 700 : 400);
          runs.push({
            text,
            bold: weight >= 600,
            italic: style.fontStyle === 'italic' || style.fontStyle.startsWith('oblique'),
            underline: style.textDecorationLine.includes('underline'),
            color: toHex(style.color) ?? '#000000',
            size: px(style.fontSize),
            font: firstFamily(style.fontFamily),
            letterSpacing: style.letterSpacing === 'normal' ? 0 : px(style.letterSpacing),
            lineBreak,
          });
          lineBreak = false;
          return;
        }
        if (!(node instanceof HTMLElement) && !(node instanceof Element)) return;
        if (node.tagName === 'BR') {
          lineBreak = true;
          return;
        }
        if (node.tagName === 'IMG' || node.tagName === 'UL' || node.tagName === 'OL') return;
        node.childNodes.forEach(visit);
      };
      element.childNodes.forEach(visit);
      // White space at the edges of a line is not shown.
      const first = runs[0];
      if (first) first.text = first.text.replace(/^ /, '');
      runs.forEach((run, index) => {
        const next = runs[index + 1];
        if (!next || next.lineBreak) run.text = run.text.replace(/ $/, '');
        if (run.lineBreak) run.text = run.text.replace(/^ /, '');
      });
      return runs.filter((run) => run.text !== '' || run.lineBreak);
    };

    const paragraphOf = (element: Element, extra: Partial<TextParagraph> = {}): TextParagraph => {
      const style = getComputedStyle(element);
      const singleLineHeight = singleLineHeightOf(style);
      const lineHeight = style.lineHeight === 'normal' ? singleLineHeight : px(style.lineHeight);
      const rtl = style.direction === 'rtl';
      // `start` and `end` follow the text's direction.
      const textAlign =
        style.textAlign === 'start'
          ? rtl
            ? 'right'
            : 'left'
          : style.textAlign === 'end'
            ? rtl
              ? 'left'
              : 'right'
            : style.textAlign;
      const align = (['center', 'right', 'justify'] as const).find((value) => textAlign === value) ?? 'left';
      return {
        runs: runsOf(element),
        align,
        lineHeight,
        singleLineHeight,
        spaceBefore: 0,
        spaceAfter: 0,
        level: 0,
        indent: 0,
        ...(rtl ? { rtl } : {}),
        ...extra,
      };
    };

    const paddingOf = (element: Element): [number, number, number, number] => {
      const style = getComputedStyle(element);
      return [px(style.paddingTop), px(style.paddingRight), px(style.paddingBottom), px(style.paddingLeft)];
    };

    /** A block's box without its borders: the text box sits inside the rules drawn around it. */
    const innerBox = (element: Element): Box => {
      const style = getComputedStyle(element);
      const box = boxOf(element.getBoundingClientRect());
      const top = px(style.borderTopWidth);
      const left = px(style.borderLeftWidth);
      return {
        x: box.x + left,
        y: box.y + top,
        w: box.w - left - px(style.borderRightWidth),
        h: box.h - top - px(style.borderBottomWidth),
      };
    };

    const addBlock = (element: HTMLElement, role: TextBlock['role'], paragraphs: TextParagraph[]) => {
      if (!paragraphs.some((paragraph) => paragraph.runs.some((run) => run.text.trim() !== ''))) return;
      decorate(element, true);
      layout.texts.push({
        role,
        box: innerBox(element),
        padding: paddingOf(element),
        fill: toHex(getComputedStyle(element).backgroundColor),
        paragraphs,
      });
    };

    /** How far an item's text starts from its box's edge: the left one, or the right one right to left. */
    const indentIn = (item: Box, box: Box, rtl: boolean | undefined) =>
      rtl ? box.x + box.w - (item.x + item.w) : item.x - box.x;

    /** A list, one text box per column it occupies, each item a paragraph (nested items one level deeper). */
    const addList = (list: HTMLElement, role: TextBlock['role']) => {
      decorate(list, false);
      const items: { element: HTMLElement; paragraph: TextParagraph }[] = [];
      const visit = (current: Element, level: number) => {
        let number = (current as HTMLOListElement).start || 1;
        for (const item of current.children) {
          if (item.tagName !== 'LI') continue;
          const style = getComputedStyle(item);
          const listStyle = getComputedStyle(current).listStyleType;
          // A theme's own sign (`list-style-type: "+ "`) is the bullet, as the slide shows it.
          const sign = /^"(.*)"$/.exec(listStyle)?.[1]?.trim();
          const char = sign || (listStyle === 'circle' ? '◦' : listStyle === 'square' ? '▪' : '•');
          const value = (item as HTMLLIElement).value || number;
          const colour = toHex(getComputedStyle(item, '::marker').color) ?? toHex(style.color) ?? '#000000';
          const bullet: TextParagraph['bullet'] =
            listStyle === 'none'
              ? undefined
              : current.tagName === 'OL' && !sign
                ? { kind: 'number', start: value, style: listStyle, colour }
                : { kind: 'bullet', char, colour };
          number = value + 1;
          const paragraph = paragraphOf(item, {
            bullet,
            level,
            spaceBefore: px(style.marginTop),
            spaceAfter: px(style.marginBottom),
          });
          // A loose list wraps each item's text in paragraphs: their lines belong to the item.
          const blocks = [...item.children].filter((child) => child.tagName === 'P');
          if (blocks.length > 0)
            paragraph.runs = blocks.flatMap((block, index) =>
              runsOf(block).map((run, at) => (at === 0 && index > 0 ? { ...run, lineBreak: true } : run)),
            );
          items.push({ element: item as HTMLElement, paragraph });
          for (const nested of item.children)
            if (nested.tagName === 'UL' || nested.tagName === 'OL') visit(nested, level + 1);
        }
      };
      visit(list, 0);
      // An item drawn as a card (its own fill or rule) is a shape with its own text box.
      const isCard = (element: HTMLElement) => {
        const style = getComputedStyle(element);
        return (
          toHex(style.backgroundColor) !== undefined ||
          ['Top', 'Right', 'Bottom', 'Left'].some(
            (side) => px(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0,
          )
        );
      };
      const cards = items.filter((item) => item.paragraph.level === 0 && isCard(item.element));
      for (const card of cards) {
        decorate(card.element, false);
        const box = innerBox(card.element);
        const cardPadding = paddingOf(card.element);
        const nested = items.filter(
          (item) => item === card || (item.paragraph.level > 0 && card.element.contains(item.element)),
        );
        layout.texts.push({
          role,
          box,
          padding: cardPadding,
          paragraphs: nested.map(({ element, paragraph }, index) => ({
            ...paragraph,
            indent: Math.max(
              0,
              indentIn(boxOf(element.getBoundingClientRect()), box, paragraph.rtl) - cardPadding[paragraph.rtl ? 1 : 3],
            ),
            spaceBefore: 0,
            spaceAfter: index === nested.length - 1 ? 0 : paragraph.spaceAfter,
          })),
        });
      }
      const carded = new Set(
        items.filter((item) => cards.some((card) => card.element.contains(item.element))).map((item) => item.element),
      );
      // Items that the browser laid out in another column start another box.
      const columns: { element: HTMLElement; paragraph: TextParagraph }[][] = [];
      let lastLeft: number | undefined;
      for (const item of items.filter((candidate) => !carded.has(candidate.element))) {
        const left = Math.round(item.element.getBoundingClientRect().left);
        if (item.paragraph.level === 0 && (lastLeft === undefined || Math.abs(left - lastLeft) > 4)) columns.push([]);
        if (item.paragraph.level === 0) lastLeft = left;
        columns.at(-1)!.push(item);
      }
      const listBox = innerBox(list);
      const padding = paddingOf(list);
      for (const column of columns) {
        const rects = column.map((item) => item.element.getBoundingClientRect());
        const top = Math.min(...rects.map((rect) => rect.top));
        const bottom = Math.max(...rects.map((rect) => rect.bottom));
        const left = Math.min(...rects.map((rect) => rect.left));
        const right = Math.max(...rects.map((rect) => rect.right));
        const itemBox = boxOf(new DOMRect(left, top, right - left, bottom - top));
        const x = itemBox.x - padding[3];
        const box =
          columns.length === 1
            ? { x: listBox.x, y: itemBox.y, w: listBox.w, h: itemBox.h }
            : { x, y: itemBox.y, w: itemBox.w + padding[3], h: itemBox.h };
        // The space between items as the browser laid them out: a grid's rows as well as margins.
        const paragraphs = column.map(({ element, paragraph }, index) => {
          const next = column[index + 1];
          const gap =
            next && next.paragraph.level === paragraph.level
              ? next.element.getBoundingClientRect().top - element.getBoundingClientRect().bottom
              : undefined;
          return {
            ...paragraph,
            indent: indentIn(boxOf(element.getBoundingClientRect()), box, paragraph.rtl),
            ...(gap !== undefined && gap >= 0 ? { spaceBefore: 0, spaceAfter: gap / scale } : {}),
          };
        });
        // The space after the last item lies outside the box.
        const last = paragraphs.at(-1)!;
        paragraphs[paragraphs.length - 1] = { ...last, spaceAfter: 0 };
        paragraphs[0] = { ...paragraphs[0]!, spaceBefore: 0 };
        if (paragraphs.some((paragraph) => paragraph.runs.length > 0))
          layout.texts.push({ role, box, padding: [0, 0, 0, 0], paragraphs });
      }
    };

    /** A table as rows of cells, each cell's text its own paragraph, the header row marked. */
    const addTable = (table: HTMLTableElement) => {
      const edgeOf = (style: CSSStyleDeclaration, side: 'Top' | 'Right' | 'Bottom' | 'Left') => {
        const width = px(style[`border${side}Width`]);
        const color = toHex(style[`border${side}Color`]);
        return width > 0 && color && style[`border${side}Style`] !== 'none' ? { width, color } : undefined;
      };
      const rows = [...table.rows].map((row) => {
        const cells = [...row.cells].map((cell) => {
          const style = getComputedStyle(cell);
          const anchor: TableCell['anchor'] =
            style.verticalAlign === 'top' ? 't' : style.verticalAlign === 'bottom' ? 'b' : 'ctr';
          return {
            paragraphs: [paragraphOf(cell)],
            padding: paddingOf(cell),
            fill: toHex(style.backgroundColor) ?? toHex(getComputedStyle(row).backgroundColor),
            borders: {
              top: edgeOf(style, 'Top'),
              right: edgeOf(style, 'Right'),
              bottom: edgeOf(style, 'Bottom'),
              left: edgeOf(style, 'Left'),
            },
            anchor,
          };
        });
        const header = row.parentElement?.tagName === 'THEAD' || [...row.cells].every((cell) => cell.tagName === 'TH');
        return { height: boxOf(row.getBoundingClientRect()).h, header, cells };
      });
      const first = table.rows[0];
      if (!first) return;
      layout.tables.push({
        box: boxOf(table.getBoundingClientRect()),
        columns: [...first.cells].map((cell) => boxOf(cell.getBoundingClientRect()).w),
        rows,
        caption: table.caption?.textContent?.trim() ?? table.getAttribute('aria-label') ?? '',
      });
    };

    /** The theme's colour for a CSS variable, resolved as the slide resolves it. */
    const colourOf = (value: string, fallback: string) => {
      const probe = content.appendChild(document.createElement('i'));
      probe.style.color = value;
      const colour = toHex(getComputedStyle(probe).color) ?? fallback;
      probe.remove();
      return colour;
    };
    const addChart = (figure: HTMLElement, svg: Element) => {
      const label = svg.querySelector('text');
      const textStyle = label ? getComputedStyle(label) : getComputedStyle(figure);
      layout.charts.push({
        box: boxOf(svg.getBoundingClientRect()),
        data: JSON.parse(figure.dataset.figure!),
        palette: [1, 2, 3, 4, 5, 6, 7].map((index) => colourOf(`var(--color-chart-${index})`, '#0072b2')),
        text: {
          color: colourOf('var(--color-text)', '#000000'),
          size: px(textStyle.fontSize) || 22,
          font: firstFamily(textStyle.fontFamily),
        },
        rule: colourOf('var(--color-rule)', '#d5dbe3'),
      });
    };

    const visit = (element: HTMLElement, role: TextBlock['role']) => {
      const tag = element.tagName;
      const style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      // A chart is rebuilt from its data, not from its drawing; its table is for screen readers.
      if (tag.toLowerCase() === 'svg') {
        const figure = element.closest<HTMLElement>('figure[data-figure]');
        if (figure) addChart(figure, element);
        return;
      }
      if (element.classList.contains('figure-data')) return;
      if (tag === 'TABLE') {
        addTable(element as HTMLTableElement);
        return;
      }
      if (tag === 'IMG') {
        const image = element as HTMLImageElement;
        layout.pictures.push({
          box: boxOf(image.getBoundingClientRect()),
          src: image.currentSrc || image.src,
          alt: image.alt,
        });
        return;
      }
      if (tag === 'HEADER' || tag === 'FOOTER') {
        const blocks = [...element.children].filter((child) => !isInline(child));
        addBlock(
          element,
          tag === 'HEADER' ? 'header' : 'footer',
          blocks.length > 0 ? blocks.map((block) => paragraphOf(block)) : [paragraphOf(element)],
        );
        return;
      }
      if (tag === 'UL' || tag === 'OL') {
        addList(element, role);
        return;
      }
      if (
        tag === 'FIGCAPTION' &&
        element.parentElement?.tagName === 'FIGURE' &&
        getComputedStyle(element.parentElement).backgroundImage !== 'none'
      )
        return;
      const children = [...element.childNodes];
      const hasInlineContent = children.some(
        (node) =>
          (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') ||
          (node instanceof Element &&
            isInline(node) &&
            node.tagName !== 'IMG' &&
            (node.textContent ?? '').trim() !== ''),
      );
      if (hasInlineContent && tag !== 'SECTION') {
        addBlock(element, HEADING.test(tag) ? 'title' : role, [paragraphOf(element)]);
        for (const image of element.querySelectorAll('img')) visit(image as HTMLElement, role);
        return;
      }
      decorate(element, false);
      for (const child of element.children) visit(child as HTMLElement, role);
    };

    for (const section of sections) visit(section, 'body');

    // The first heading is the slide's title; any later ones are body text.
    let titled = false;
    for (const text of layout.texts) {
      if (text.role !== 'title') continue;
      if (titled) text.role = 'body';
      titled = true;
    }
    const order = (text: TextBlock) =>
      text.role === 'title' ? 0 : text.role === 'body' ? 1 : text.role === 'header' ? 2 : 3;
    // Within a role, the slide's document order is its reading order: a panel's heading before its
    // items and the panel beside it after them, left to right, or right to left in a right-to-left
    // deck, however the theme sets them side by side. (The sort is stable.)
    layout.texts.sort((a, b) => order(a) - order(b));

    // The theme draws the slide number after the slide (`section::after`).
    const after = getComputedStyle(content, '::after');
    if (content.dataset.marpitPagination && after.content !== 'none' && after.display !== 'none') {
      const size = px(after.fontSize);
      const lineHeight = after.lineHeight === 'normal' ? size * 1.2 : px(after.lineHeight);
      // A right-to-left slide numbers itself on the left.
      const fromLeft = sectionStyle.direction === 'rtl';
      const right = after.right === 'auto' ? 28 : px(after.right);
      const left = after.left === 'auto' ? 28 : px(after.left);
      const bottom = after.bottom === 'auto' ? 20 : px(after.bottom);
      const width = 160;
      layout.pageNumber = {
        box: {
          x: fromLeft ? left : SLIDE_WIDTH - right - width,
          y: 720 - bottom - lineHeight,
          w: width,
          h: lineHeight,
        },
        color: toHex(after.color) ?? '#000000',
        size,
        font: firstFamily(after.fontFamily),
        align: fromLeft ? 'left' : 'right',
      };
    }
    return layout;
  });
  probe.remove();
  return layouts;
}

/** Runs in the page: pictures PowerPoint cannot show (WebP) redrawn as PNG. */
async function redrawPicturesInPage(layouts: SlideLayout[]): Promise<SlideLayout[]> {
  for (const picture of layouts.flatMap((layout) => layout.pictures)) {
    if (/^data:image\/(png|jpeg|gif)[;,]/.test(picture.src)) continue;
    const image = new Image();
    image.src = picture.src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    canvas.getContext('2d')!.drawImage(image, 0, 0);
    picture.src = canvas.toDataURL('image/png');
  }
  return layouts;
}

/** Reads every slide's layout from a page showing a rendered deck. */
export async function readSlideLayouts(page: Page): Promise<SlideLayout[]> {
  // tsx (esbuild) wraps named functions in a __name() helper that the page does not have.
  await page.evaluate('globalThis.__name = (target) => target');
  const layouts = await page.evaluate(readLayoutsInPage);
  return page.evaluate(redrawPicturesInPage, layouts);
}
