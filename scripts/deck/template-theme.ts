// `theme: template`: a Marp theme made from an office's PowerPoint template, so the HTML and PDF
// decks look like the PPTX built on it. It imports briefdeck's own theme for everything a
// template does not say (lists, tables, citations, columns) and sets, from the template, the
// colours, the fonts, the text sizes, the background with the masters' and layouts' pictures and
// shapes, and the boxes of the title and body placeholders, so slides break where they do in the
// PowerPoint file.

/** A box on the slide in CSS pixels of the 1280 × 720 deck. */
export interface LookBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A fill as the template gives it: one colour (#rrggbb), or a gradient as a CSS image. */
export type LookFill = { colour: string } | { gradient: string };

/** One layer of a slide's background: a picture or a fill in a box. */
export interface LookLayer {
  box: LookBox;
  /** A `data:` URL. */
  picture?: string;
  fill?: LookFill;
  /** Drawn as an ellipse inside its box; its fill is one colour. */
  ellipse?: boolean;
}

/** What one kind of slide (the title slide, the list slides) shows of its layout. */
export interface RoleLook {
  /** The heading's placeholder. */
  title?: LookBox;
  /** The title placeholder's own fill. */
  titleFill?: LookFill;
  /** How the heading sits in it: its left inset in pixels, its anchor (`t`, `ctr`, `b`), its colour. */
  titleText?: { inset: number; anchor: string; colour?: string };
  /** The body's placeholder (the subtitle's on the title slide). */
  body?: LookBox;
  /** Top layer first, as CSS lists backgrounds. */
  layers: LookLayer[];
  /** The slide's own background. */
  background?: LookFill;
}

/** What briefdeck reads of a PowerPoint template's look. */
export interface TemplateLook {
  colours: {
    text: string;
    background: string;
    heading: string;
    accent: string;
    /** A second accent, for the marking. */
    marking: string;
    /** A light colour of the scheme, for panels and rules. */
    panel: string;
  };
  fonts: { heading?: string; body?: string };
  /** Text sizes in CSS pixels: the title style's and the body style's first level. */
  sizes: { heading?: number; body?: number; title?: number };
  roles: { title: RoleLook; list: RoleLook };
  /** Where the master puts the footer (the marking) and the slide number, and their colours. */
  furniture: { footer?: { box: LookBox; colour?: string }; number?: { box: LookBox; colour?: string } };
  /** What the theme draws only roughly, or not at all, each said once. */
  approximations: string[];
}

const px = (value: number) => `${Math.round(value)}px`;
const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

const GENERIC_FAMILIES = new Set(['serif', 'sans-serif', 'monospace']);

/** A CSS font list: the template's font, its free stand-in where there is one, briefdeck's own. */
function fontList(font: string | undefined, standIn: string | undefined, fallback: readonly string[]): string {
  const names = [font, standIn, ...fallback].filter((name): name is string => Boolean(name));
  return [...new Set(names)]
    .map((name) => (GENERIC_FAMILIES.has(name) || name.startsWith('var(') ? name : `"${name}"`))
    .join(', ');
}

/** A fill as a CSS image, which background layers take: a colour as a one-colour gradient. */
const imageOf = (fill: LookFill) =>
  'colour' in fill ? `linear-gradient(${fill.colour}, ${fill.colour})` : fill.gradient;

const colourOfFill = (fill: LookFill | undefined) => (fill && 'colour' in fill ? fill.colour : undefined);

function layerCss(layers: readonly LookLayer[], background: LookFill) {
  const images = layers.map((layer) =>
    layer.picture
      ? `url("${layer.picture}")`
      : layer.ellipse
        ? `radial-gradient(closest-side, ${colourOfFill(layer.fill)} 98%, transparent 100%)`
        : imageOf(layer.fill!),
  );
  const positions = layers.map((layer) => `${px(layer.box.x)} ${px(layer.box.y)}`);
  const sizes = layers.map((layer) => `${px(layer.box.width)} ${px(layer.box.height)}`);
  images.push(imageOf(background));
  positions.push('0 0');
  sizes.push('100% 100%');
  return [
    `  background-image: ${images.join(',\n    ')};`,
    `  background-position: ${positions.join(', ')};`,
    `  background-size: ${sizes.join(', ')};`,
    '  background-repeat: no-repeat;',
  ].join('\n');
}

const ANCHORS: Record<string, string> = { t: 'flex-start', ctr: 'center', b: 'flex-end' };

/**
 * Where a role's slides put their text: the section's padding is the smallest box holding both
 * the heading's text (the title placeholder less its inset) and the body placeholder, which the
 * fit step measures against; the body's blocks keep to the body box by their margins, and the
 * heading spans the title box, anchored as there, with the gap the layout leaves above the body.
 */
function roleCss(selector: string, heading: string, role: RoleLook, headingColour: string, bottomAtMost: number) {
  const { title, body, titleText } = role;
  if (!title && !body) return { section: [] as string[], rules: [] as string[] };
  const inset = titleText?.inset ?? 10;
  const bodyBox = body ?? { ...title!, y: title!.y + title!.height, height: 0 };
  const titleBox = title ?? { ...bodyBox, height: 0 };
  const left = clamp(Math.min(bodyBox.x, titleBox.x + inset), 0, 600);
  const right = clamp(
    Math.min(1280 - (bodyBox.x + bodyBox.width), 1280 - (titleBox.x + titleBox.width) + inset),
    0,
    600,
  );
  const top = clamp(titleBox.y, 0, 360);
  const bottom = clamp(720 - (bodyBox.y + bodyBox.height), 0, bottomAtMost);
  const gap = clamp(bodyBox.y - (titleBox.y + titleBox.height), 8, 120);
  const section = [`  padding: ${px(top)} ${px(right)} ${px(bottom)} ${px(left)};`];
  const rules = [
    `${selector} > :not(${heading}):not(header):not(footer) {\n  margin-left: ${px(bodyBox.x - left)};\n  margin-right: ${px(1280 - (bodyBox.x + bodyBox.width) - right)};\n}`,
  ];
  if (title)
    rules.push(
      `${selector} ${heading} {\n${[
        '  box-sizing: border-box;',
        '  display: flex;',
        '  flex-direction: column;',
        `  justify-content: ${ANCHORS[titleText?.anchor ?? 't'] ?? 'flex-start'};`,
        `  min-height: ${px(title.height)};`,
        `  margin: 0 ${px(1280 - (title.x + title.width) - right)} ${px(gap)} ${px(title.x - left)};`,
        `  padding: 0 ${px(inset)};`,
        '  border: 0;',
        `  color: ${titleText?.colour ?? headingColour};`,
        // The title placeholder's fill is the heading's own background, so a heading that wraps
        // to a second line grows its band and pushes the body down, where the fit step sees it.
        // Without one, the template's title sits on its slide: not on the band briefdeck's theme draws.
        `  background: ${role.titleFill ? imageOf(role.titleFill) : 'none'};`,
      ].join('\n')}\n}`,
    );
  return { section, rules };
}

/** The small line over a pillar's heading ("Pillar 1 of 5") goes inside the title box, at its right. */
function kickerCss(role: RoleLook, headingColour: string): string[] {
  const { title, body, titleText } = role;
  if (!title) return [];
  const right = 1280 - (title.x + title.width) + (titleText?.inset ?? 10);
  const width = Math.max(160, (body?.width ?? title.width) / 3);
  return [
    `section.pillar > p:first-of-type {\n${[
      '  position: absolute;',
      `  top: ${px(title.y)};`,
      `  right: ${px(right)};`,
      `  height: ${px(title.height)};`,
      `  max-width: ${px(width)};`,
      '  display: flex;',
      '  align-items: center;',
      '  margin: 0;',
      `  color: ${titleText?.colour ?? headingColour};`,
    ].join('\n')}\n}`,
    `section.pillar h2 { padding-right: ${px(width + 16)}; }`,
  ];
}

/** The marking in the master's footer placeholder and the number in its slide-number placeholder. */
function furnitureCss(furniture: TemplateLook['furniture'], role: RoleLook, background: string): string[] {
  const rules: string[] = [];
  const place = (box: LookBox) =>
    [
      `  left: ${px(box.x)};`,
      '  right: auto;',
      `  width: ${px(box.width)};`,
      `  bottom: ${px(720 - (box.y + box.height))};`,
      `  height: ${px(box.height)};`,
      '  display: flex;',
      '  align-items: center;',
      '  justify-content: center;',
      '  line-height: 1;',
    ].join('\n');
  // The marking must read: its colour, taken darker or lighter where needed against what lies
  // beneath it (a band of the master, or the slide's background).
  const readable = (piece: { box: LookBox; colour?: string }) => {
    const centre = { x: piece.box.x + piece.box.width / 2, y: piece.box.y + piece.box.height / 2 };
    const under = role.layers.find(
      (layer) =>
        !layer.picture &&
        centre.x >= layer.box.x &&
        centre.x <= layer.box.x + layer.box.width &&
        centre.y >= layer.box.y &&
        centre.y <= layer.box.y + layer.box.height,
    );
    const beneath = colourOfFill(under?.fill) ?? colourOfFill(role.background) ?? background;
    return readableOn(piece.colour ?? '#000000', beneath);
  };
  if (furniture.footer) {
    // As in the PowerPoint file, the marking goes in the footer placeholder alone.
    rules.push('header { display: none; }');
    rules.push(`footer {\n${place(furniture.footer.box)}\n  color: ${readable(furniture.footer)};\n}`);
  }
  if (furniture.number) {
    rules.push(`section::after {\n${place(furniture.number.box)}\n  color: ${readable(furniture.number)};\n}`);
  }
  return rules;
}

/**
 * The theme's CSS, named `name`. `standIns` names the free fonts metric-compatible with the
 * template's (Carlito for Calibri, …), tried where the template's own are not installed.
 */
export function templateThemeCss(look: TemplateLook, name: string, standIns: Record<string, string>): string {
  const { colours, fonts, sizes, roles } = look;
  // --script-fonts: the fonts briefdeck adds for the scripts the template's fonts lack.
  const sans = ['Source Sans 3', 'var(--script-fonts, "Noto Sans")', 'Noto Sans', 'DejaVu Sans', 'sans-serif'];
  const variables = [
    `  --color-text: ${colours.text};`,
    `  --color-muted: ${mix(colours.text, colours.background, 0.22)};`,
    `  --color-background: ${colours.background};`,
    // Headings of lists and panels, and bold text, sit on the slide's background: the template's
    // title colour where it reads there (it may be white, for a title on a coloured band).
    `  --color-heading: ${contrastOf(colours.heading, colours.background) >= 3 ? colours.heading : readableOn(colours.accent, colours.background)};`,
    `  --color-accent: ${colours.accent};`,
    `  --color-accent-text: ${readableOn(colours.accent, colours.background)};`,
    `  --color-rule: ${mix(colours.panel, colours.text, 0.3)};`,
    `  --color-panel: ${colours.panel};`,
    `  --color-marking: ${readableOn(colours.marking, colours.background)};`,
    `  --font-body: ${fontList(fonts.body, fonts.body && standIns[fonts.body], sans)};`,
    `  --font-heading: ${fontList(fonts.heading, fonts.heading && standIns[fonts.heading], sans)};`,
  ];
  // A template's sizes are made for a few words a slide; a briefing's slides hold more, so they
  // stay within briefdeck's own (and never below what reads in a committee room). The PPTX
  // says the same with its placeholders' autofit scale.
  if (sizes.body) {
    // Never under the 32 px (24 pt) that reads on a committee room's screen.
    const body = clamp(sizes.body, 32, 36);
    variables.push(`  --size-body: ${px(body)};`, `  --size-compact: ${px(body)};`);
    variables.push(`  --size-lead: ${px(clamp(body * 1.15, 36, 42))};`);
  }
  if (sizes.heading) variables.push(`  --size-h2: ${px(clamp(sizes.heading, 30, 44))};`);
  if (sizes.title) variables.push(`  --size-h1: ${px(clamp(sizes.title, 40, 58))};`);
  const list = roles.list;
  const title = roles.title;
  const listBoxes = roleCss('section', 'h2', list, colours.heading, 360);
  // The title slide's last lines (presenter, date) run on below the subtitle's box.
  const titleBoxes = roleCss('section.title', 'h1', title, colours.heading, 72);
  if (list.body) variables.push(`  --padding-x: ${px(clamp(list.body.x, 24, 200))};`);
  const rules = [
    `/* @theme ${name} */`,
    '/* Made by briefdeck from the PowerPoint template; edit the template, not this. */',
    '',
    '@import "briefdeck";',
    '',
    'section {',
    ...variables,
    '  border: 0;',
    ...listBoxes.section,
    layerCss(list.layers, list.background ?? { colour: colours.background }),
    '}',
    ...listBoxes.rules,
    ...furnitureCss(look.furniture, list, colours.background),
    ...kickerCss(list, colours.heading),
    // The marking sits on the template's title slide, not on briefdeck's band.
    'section.title header { color: var(--color-marking); }',
    'section.title {',
    '  border: 0;',
    '  justify-content: flex-start;',
    ...titleBoxes.section,
    layerCss(title.layers, title.background ?? list.background ?? { colour: colours.background }),
    '}',
    ...titleBoxes.rules,
    '',
  ];
  return rules.filter((rule) => rule !== '').join('\n');
}

/**
 * `colour`, taken toward black (on a light background) or white (on a dark one) until it reads
 * on `background` (WCAG AA, 4.5:1).
 */
export function readableOn(colour: string, background: string): string {
  const rgb = parseHex(colour);
  const base = parseHex(background);
  if (!rgb || !base) return colour;
  const toward = luminance(base) > 0.4 ? '#000000' : '#ffffff';
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(colour, toward, step * 0.05);
    if (contrast(parseHex(candidate)!, base) >= 4.5) return candidate;
  }
  return toward;
}

/** `a` with a share `t` (0–1) of `b` mixed in, as #rrggbb; plain hex, which every reader of the page parses. */
export function mix(a: string, b: string, t: number): string {
  const [x, y] = [parseHex(a), parseHex(b)];
  if (!x || !y) return a;
  return toHex(x.map((channel, index) => channel + (y[index]! - channel) * t));
}

function parseHex(colour: string): [number, number, number] | undefined {
  const match = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!match) return undefined;
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Channels 0–255 as #rrggbb. */
export const toHex = (rgb: readonly number[]) =>
  `#${rgb
    .map((channel) =>
      Math.round(clamp(channel, 0, 255))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

function luminance(rgb: readonly number[]): number {
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two #rrggbb colours (WCAG). */
export function contrastOf(a: string, b: string): number {
  const [x, y] = [parseHex(a), parseHex(b)];
  return x && y ? contrast(x, y) : 21;
}

function contrast(a: readonly number[], b: readonly number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
