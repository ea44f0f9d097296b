// What a PowerPoint template looks like, read for `theme: template`: the colour scheme and fonts
// of its theme, the text styles of its master, and for the title slide's and the list slides'
// layouts their background, their pictures and shapes (the master's too, unless the layout hides
// them) and their title and body placeholders' boxes. Whatever has no plain CSS equivalent is
// drawn roughly and named in `approximations`.
import { DomUtils } from 'htmlparser2';
import { strFromU8 } from 'fflate';
import {
  type LookBox,
  type LookFill,
  type LookLayer,
  type RoleLook,
  type TemplateLook,
  toHex,
} from '../../deck/template-theme.ts';
import { chooseLayouts, type PptxTemplate, readRelationships, type TemplateLayout } from './template.ts';
import { childNamed, childrenNamed, findNamed, isElement, rootElement, type XmlElement as Element } from './xml-dom.ts';

type Files = Readonly<Record<string, Uint8Array>>;

const PICTURE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
};

const rootOf = (files: Files, part: string) => (files[part] ? rootElement(strFromU8(files[part]!)) : undefined);

/** The colour scheme, and the master's map from roles (tx1, bg1, …) to it. */
interface Colours {
  scheme: Record<string, string>;
  map: Record<string, string>;
}

/** A colour element's value as #rrggbb, its luminance and shade modifiers applied. */
function colourOf(fill: Element | undefined, colours: Colours): string | undefined {
  if (!fill) return undefined;
  const colour = fill.children
    .filter(isElement)
    .find((node) => ['a:srgbClr', 'a:schemeClr', 'a:sysClr', 'a:prstClr'].includes(node.name));
  if (!colour) return undefined;
  let hex: string | undefined;
  if (colour.name === 'a:srgbClr') hex = `#${colour.attribs.val}`;
  else if (colour.name === 'a:sysClr') hex = `#${colour.attribs.lastClr ?? '000000'}`;
  else if (colour.name === 'a:prstClr') hex = colour.attribs.val === 'white' ? '#ffffff' : '#000000';
  else {
    const role = String(colour.attribs.val);
    hex = colours.scheme[colours.map[role] ?? role];
  }
  if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) return undefined;
  return modify(hex.toLowerCase(), colour);
}

/** lumMod/lumOff (in HSL), tint and shade, as PowerPoint applies them to a theme colour. */
function modify(hex: string, colour: Element): string {
  let [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255) as [number, number, number];
  const value = (name: string) => {
    const found = childNamed(colour, name);
    return found ? Number(found.attribs.val) / 100_000 : undefined;
  };
  const lumMod = value('a:lumMod');
  const lumOff = value('a:lumOff');
  if (lumMod !== undefined || lumOff !== undefined) {
    const [h, s, l] = toHsl(r, g, b);
    [r, g, b] = fromHsl(h, s, Math.min(1, Math.max(0, l * (lumMod ?? 1) + (lumOff ?? 0))));
  }
  const tint = value('a:tint');
  if (tint !== undefined) [r, g, b] = [r, g, b].map((c) => c + (1 - c) * (1 - tint)) as [number, number, number];
  const shade = value('a:shade');
  if (shade !== undefined) [r, g, b] = [r, g, b].map((c) => c * shade) as [number, number, number];
  return toHex([r, g, b].map((c) => c * 255));
}

function toHsl(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): [number, number, number] {
  if (s === 0) return [l, l, l];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)];
}

/** A shape's or background's fill: a colour, or a linear gradient; undefined for none. */
function fillOf(properties: Element | undefined, colours: Colours, note: (what: string) => void): LookFill | undefined {
  if (!properties) return undefined;
  const solid = childNamed(properties, 'a:solidFill');
  if (solid) {
    const colour = colourOf(solid, colours);
    return colour ? { colour } : undefined;
  }
  const gradient = childNamed(properties, 'a:gradFill');
  if (gradient) {
    const stops = childrenNamed(childNamed(gradient, 'a:gsLst'), 'a:gs')
      .map((stop) => ({ at: Number(stop.attribs.pos ?? 0) / 1000, colour: colourOf(stop, colours) }))
      .filter((stop): stop is { at: number; colour: string } => Boolean(stop.colour))
      .sort((a, b) => a.at - b.at);
    if (stops.length === 0) return undefined;
    const linear = childNamed(gradient, 'a:lin');
    if (!linear) note('a radial or shaped gradient is drawn as a linear one');
    // OOXML measures the angle from "to the right", clockwise; CSS from "to the top".
    const angle = Number(linear?.attribs.ang ?? 5_400_000) / 60_000 + 90;
    return {
      gradient: `linear-gradient(${angle}deg, ${stops.map((stop) => `${stop.colour} ${stop.at}%`).join(', ')})`,
    };
  }
  if (childNamed(properties, 'a:blipFill')) note('a picture fill of a shape is left out');
  if (childNamed(properties, 'a:pattFill')) note('a pattern fill is left out');
  return undefined;
}

/** How EMUs of the template's slide map to the deck's 1280 × 720 CSS pixels. */
interface Scale {
  x: number;
  y: number;
}

/** A group's or the slide's frame: child coordinates mapped into the slide's. */
interface Frame {
  map: (x: number, y: number) => [number, number];
  scaleX: number;
  scaleY: number;
}

const SLIDE: (scale: Scale) => Frame = (scale) => ({
  map: (x, y) => [x * scale.x, y * scale.y],
  scaleX: scale.x,
  scaleY: scale.y,
});

function boxOf(transform: Element | undefined, frame: Frame): LookBox | undefined {
  const offset = childNamed(transform, 'a:off');
  const extent = childNamed(transform, 'a:ext');
  if (!offset || !extent) return undefined;
  const [x, y] = frame.map(Number(offset.attribs.x), Number(offset.attribs.y));
  return {
    x,
    y,
    width: Number(extent.attribs.cx) * frame.scaleX,
    height: Number(extent.attribs.cy) * frame.scaleY,
  };
}

/** The frame inside a group: its child offset and extent mapped onto its box. */
function groupFrame(group: Element, frame: Frame): Frame | undefined {
  const transform = findNamed(childNamed(group, 'p:grpSpPr'), 'a:xfrm');
  const box = boxOf(transform, frame);
  const childOffset = childNamed(transform, 'a:chOff');
  const childExtent = childNamed(transform, 'a:chExt');
  if (!box || !childOffset || !childExtent) return undefined;
  const [cx, cy] = [Number(childExtent.attribs.cx) || 1, Number(childExtent.attribs.cy) || 1];
  const [ox, oy] = [Number(childOffset.attribs.x), Number(childOffset.attribs.y)];
  const scaleX = box.width / cx;
  const scaleY = box.height / cy;
  return { map: (x, y) => [box.x + (x - ox) * scaleX, box.y + (y - oy) * scaleY], scaleX, scaleY };
}

/** A placeholder's type, as `p:ph` gives it (`obj` where it names none); undefined for other shapes. */
function placeholderType(shape: Element): string | undefined {
  const ph = findNamed(shape, 'p:ph');
  return ph ? String(ph.attribs.type ?? 'obj') : undefined;
}

interface PartContext {
  files: Files;
  part: string;
  colours: Colours;
  note: (what: string) => void;
}

/** The pictures and shapes of a slide tree that are not placeholders, bottom first. */
function artOf(tree: Element | undefined, frame: Frame, context: PartContext): LookLayer[] {
  const layers: LookLayer[] = [];
  for (const shape of (tree?.children ?? []).filter(isElement)) {
    if (shape.name === 'p:grpSp') {
      const inner = groupFrame(shape, frame);
      if (inner) layers.push(...artOf(shape, inner, context));
      else context.note('a group of shapes without a size is left out');
    } else if (shape.name === 'p:pic') {
      const picture = pictureOf(shape, frame, context);
      if (picture) layers.push(picture);
    } else if (shape.name === 'p:sp' && placeholderType(shape) === undefined) {
      layers.push(...shapeOf(shape, frame, context));
    } else if (shape.name === 'p:cxnSp') {
      layers.push(...lineOf(childNamed(shape, 'p:spPr'), frame, context));
    } else if (shape.name === 'p:graphicFrame') {
      context.note('a table, chart or diagram on the master or a layout is left out');
    }
  }
  return layers;
}

function pictureOf(picture: Element, frame: Frame, context: PartContext): LookLayer | undefined {
  const box = boxOf(findNamed(childNamed(picture, 'p:spPr'), 'a:xfrm'), frame);
  const embed = findNamed(childNamed(picture, 'p:blipFill'), 'a:blip')?.attribs['r:embed'];
  if (!box || !embed) return undefined;
  const rels = relationshipsById(context.files, context.part);
  const target = rels.get(embed);
  const extension = target?.split('.').pop()?.toLowerCase() ?? '';
  const type = PICTURE_TYPES[extension];
  if (!target || !context.files[target]) return undefined;
  if (!type) {
    context.note(
      `a ${extension.toUpperCase()} picture (${target.split('/').pop()}) is left out: browsers cannot draw it`,
    );
    return undefined;
  }
  return { box, picture: `data:${type};base64,${Buffer.from(context.files[target]!).toString('base64')}` };
}

// Outlines close enough to their box to draw as it, and those drawn as the ellipse inside it.
const RECTANGLES = new Set([
  'rect',
  'roundRect',
  'snip1Rect',
  'snip2SameRect',
  'round1Rect',
  'round2SameRect',
  'flowChartProcess',
  'flowChartAlternateProcess',
]);
const ELLIPSES = new Set(['ellipse', 'flowChartConnector']);

function shapeOf(shape: Element, frame: Frame, context: PartContext): LookLayer[] {
  const properties = childNamed(shape, 'p:spPr');
  const box = boxOf(childNamed(properties, 'a:xfrm'), frame);
  if (!box) return [];
  const geometry = String(
    childNamed(properties, 'a:prstGeom')?.attribs.prst ?? (childNamed(properties, 'a:custGeom') ? 'custom' : 'rect'),
  );
  if (findNamed(shape, 'a:t') && DomUtils.textContent(findNamed(shape, 'p:txBody')!).trim() !== '')
    context.note('text in shapes of the master or a layout is left out');
  if (geometry === 'line') return lineOf(properties, frame, context);
  let fill = fillOf(properties, context.colours, context.note);
  // A shape without a fill of its own takes its style's, where the style names one.
  if (!fill && !childNamed(properties, 'a:noFill')) {
    const reference = findNamed(childNamed(shape, 'p:style'), 'a:fillRef');
    const colour = reference && Number(reference.attribs.idx) > 0 ? colourOf(reference, context.colours) : undefined;
    if (colour) fill = { colour };
  }
  if (!fill) return [];
  if (ELLIPSES.has(geometry)) {
    if ('colour' in fill) return [{ box, fill, ellipse: true }];
    context.note('an ellipse with a gradient is left out');
    return [];
  }
  if (!RECTANGLES.has(geometry)) {
    // A custom or pointed outline drawn as its whole box would cover what it only edges.
    context.note(`a ${geometry === 'custom' ? 'custom-drawn' : geometry} shape is left out`);
    return [];
  }
  if (geometry !== 'rect') context.note(`a ${geometry} shape is drawn as a rectangle`);
  return [{ box, fill }];
}

/** A straight line as a thin box; a slanted one is left out. */
function lineOf(properties: Element | undefined, frame: Frame, context: PartContext): LookLayer[] {
  const box = boxOf(childNamed(properties, 'a:xfrm'), frame);
  const line = childNamed(properties, 'a:ln');
  const colour = colourOf(childNamed(line, 'a:solidFill'), context.colours);
  if (!box || !colour) return [];
  const width = Math.max(1, Number(line?.attribs.w ?? 12_700) * frame.scaleY || 1);
  if (box.width > 0.5 && box.height > 0.5) {
    context.note('a slanted line is left out');
    return [];
  }
  return [
    {
      box: { x: box.x, y: box.y, width: Math.max(box.width, width), height: Math.max(box.height, width) },
      fill: { colour },
    },
  ];
}

function relationshipsById(files: Files, part: string): Map<string, string> {
  return new Map(readRelationships(files, part).flatMap((rel) => (rel.target ? [[rel.id, rel.target] as const] : [])));
}

/** A background (`p:bg`) as CSS, or undefined where the part has none of its own. */
function backgroundOf(root: Element | undefined, context: PartContext): LookFill | undefined {
  const background = findNamed(findNamed(root, 'p:cSld'), 'p:bg');
  if (!background) return undefined;
  const properties = childNamed(background, 'p:bgPr');
  if (properties) {
    if (childNamed(properties, 'a:blipFill'))
      context.note('a background picture is drawn as the scheme background colour');
    return fillOf(properties, context.colours, context.note);
  }
  const reference = childNamed(background, 'p:bgRef');
  // The theme's background styles are approximated by the colour the reference names.
  const colour = reference ? colourOf(reference, context.colours) : undefined;
  return colour ? { colour } : undefined;
}

/** A layout's placeholder of one of `types`, and the master's of `masterTypes` it inherits from. */
function placeholders(
  layout: Element | undefined,
  master: Element | undefined,
  types: readonly string[],
  masterTypes: readonly string[],
): { own?: Element; inherited?: Element } {
  const inTree = (root: Element | undefined, wanted: readonly string[]) =>
    DomUtils.findAll((node) => node.name === 'p:sp', root ? [root] : []).find((shape) =>
      wanted.includes(placeholderType(shape) ?? ''),
    );
  return { own: inTree(layout, types), inherited: inTree(master, masterTypes) };
}

/** What a placeholder shows of itself: its box, its fill, its text inset and anchor, its text colour. */
function placeholderLook(
  found: { own?: Element; inherited?: Element },
  context: PartContext & { masterPart: string; frame: Frame },
): { box?: LookBox; fill?: LookLayer; inset: number; anchor: string; colour?: string } {
  const { own, inherited } = found;
  const properties = (shape: Element | undefined) => childNamed(shape, 'p:spPr');
  const box =
    boxOf(childNamed(properties(own), 'a:xfrm'), context.frame) ??
    boxOf(childNamed(properties(inherited), 'a:xfrm'), context.frame);
  // The layout's own fill, or its `noFill`, wins over the master's.
  const fillElement = [own, inherited].find((shape) =>
    ['a:solidFill', 'a:gradFill', 'a:noFill'].some((name) => childNamed(properties(shape), name)),
  );
  const fill = fillElement && box ? fillOf(properties(fillElement), context.colours, context.note) : undefined;
  const bodyProperties = [own, inherited].map((shape) => findNamed(childNamed(shape, 'p:txBody'), 'a:bodyPr'));
  const attribute = (name: string) =>
    bodyProperties.map((element) => element?.attribs[name]).find((value) => value !== undefined);
  const colour = [own, inherited]
    .map((shape) => levelOne(findNamed(childNamed(shape, 'p:txBody'), 'a:lstStyle'), context.colours).colour)
    .find(Boolean);
  return {
    box,
    fill: fill && box ? { box, fill } : undefined,
    inset: Number(attribute('lIns') ?? 91_440) * context.frame.scaleX,
    anchor: String(attribute('anchor') ?? 't'),
    colour,
  };
}

/** Where the master puts the footer and the slide number, and in which colours. */
function furnitureOf(master: Element | undefined, context: PartContext & { frame: Frame; masterPart: string }) {
  const piece = (type: string) => {
    const look = placeholderLook(placeholders(undefined, master, [], [type]), context);
    return look.box ? { box: look.box, colour: look.colour } : undefined;
  };
  return { footer: piece('ftr'), number: piece('sldNum') };
}

/** A text style's first level: its size in points and its colour. */
function levelOne(style: Element | undefined, colours: Colours): { size?: number; colour?: string } {
  const properties = childNamed(childNamed(style, 'a:lvl1pPr'), 'a:defRPr');
  const size = properties?.attribs.sz ? Number(properties.attribs.sz) / 100 : undefined;
  return { size, colour: colourOf(childNamed(properties, 'a:solidFill'), colours) };
}

function roleLook(
  layout: TemplateLayout,
  context: Omit<PartContext, 'part'> & { master: Element | undefined; masterPart: string; frame: Frame },
  types: { title: string[]; body: string[] },
  titleIndent: number,
): RoleLook {
  const root = rootOf(context.files, layout.part);
  const showsMaster = root?.attribs.showMasterSp !== '0';
  const masterArt = showsMaster
    ? artOf(findNamed(findNamed(context.master, 'p:cSld'), 'p:spTree'), context.frame, {
        ...context,
        part: context.masterPart,
      })
    : [];
  const layoutArt = artOf(findNamed(findNamed(root, 'p:cSld'), 'p:spTree'), context.frame, {
    ...context,
    part: layout.part,
  });
  const part = { ...context, part: layout.part };
  const title = placeholderLook(placeholders(root, context.master, types.title, ['title']), part);
  const body = placeholderLook(placeholders(root, context.master, types.body, ['body']), part);
  const filled = [body.fill].filter((layer): layer is LookLayer => Boolean(layer));
  return {
    title: title.box,
    body: body.box,
    titleFill: title.fill?.fill,
    titleText: { inset: title.inset + titleIndent, anchor: title.anchor, colour: title.colour },
    // CSS lists backgrounds top first; the slide tree lists shapes bottom first, placeholders above them.
    layers: [...filled.reverse(), ...[...masterArt, ...layoutArt].reverse()],
    background:
      backgroundOf(root, { ...context, part: layout.part }) ??
      backgroundOf(context.master, { ...context, part: context.masterPart }),
  };
}

/** Reads the look of a template already checked by `readPptxTemplate`. */
export function readTemplateLook(template: PptxTemplate, chosen?: Readonly<Record<string, string>>): TemplateLook {
  const { files } = template;
  const approximations = new Set<string>();
  const note = (what: string) => approximations.add(what);
  const { byRole } = chooseLayouts(template, chosen);
  const list = byRole.get('list')!;
  const masterPart =
    readRelationships(files, list.part).find((rel) => rel.type === 'slideMaster')?.target ?? template.masters[0]!.part;
  const master = rootOf(files, masterPart);
  const themePart = readRelationships(files, masterPart).find((rel) => rel.type === 'theme')?.target;
  const theme = themePart ? rootOf(files, themePart) : undefined;
  const scheme: Record<string, string> = {};
  for (const entry of findNamed(theme, 'a:clrScheme')?.children.filter(isElement) ?? [])
    scheme[entry.name.replace(/^a:/, '')] = colourOf(entry, { scheme: {}, map: {} }) ?? '';
  const map = { ...(childNamed(master, 'p:clrMap')?.attribs ?? {}) } as Record<string, string>;
  const colours: Colours = { scheme, map };
  const named = (role: string, fallback: string) => scheme[map[role] ?? role] || fallback;

  const size = childNamed(rootOf(files, 'ppt/presentation.xml'), 'p:sldSz');
  const [cx, cy] = [Number(size?.attribs.cx ?? 12_192_000), Number(size?.attribs.cy ?? 6_858_000)];
  if (Math.abs(cx / cy - 16 / 9) > 0.02) note(`the template's ${(cx / cy).toFixed(2)}:1 slides are stretched to 16:9`);
  const scale = { x: 1280 / cx, y: 720 / cy };
  const pointsToPixels = (points: number | undefined) => (points === undefined ? undefined : points * 12_700 * scale.x);

  const styles = childNamed(master, 'p:txStyles');
  const heading = levelOne(childNamed(styles, 'p:titleStyle'), colours);
  const titleIndent = Number(childNamed(childNamed(styles, 'p:titleStyle'), 'a:lvl1pPr')?.attribs.marL ?? 0) * scale.x;
  const body = levelOne(childNamed(styles, 'p:bodyStyle'), colours);
  const context = { files, colours, note, master, masterPart, frame: SLIDE(scale) };
  const background = named('bg1', '#ffffff');
  const text = body.colour ?? named('tx1', '#000000');
  return {
    colours: {
      text,
      background,
      heading: heading.colour ?? named('tx2', text),
      accent: named('accent1', text),
      marking: named('accent2', named('accent1', text)),
      panel: named('bg2', background),
    },
    fonts: template.fonts,
    sizes: {
      heading: pointsToPixels(heading.size),
      body: pointsToPixels(body.size),
      title: pointsToPixels(heading.size && heading.size * 1.25),
    },
    roles: {
      title: roleLook(
        byRole.get('title')!,
        context,
        { title: ['ctrTitle', 'title'], body: ['subTitle', 'body', 'obj'] },
        titleIndent,
      ),
      list: roleLook(list, context, { title: ['title'], body: ['obj', 'body', 'tx'] }, titleIndent),
    },
    furniture: furnitureOf(master, { ...context, part: masterPart }),
    approximations: [...approximations],
  };
}
