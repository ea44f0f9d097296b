// The slide master, its layouts and the notes master, built as PowerPoint builds its own: the
// master holds title, body, footer and slide-number placeholders and the text styles; each layout
// inherits from it and names which of them it uses.
import type { ThemeLook } from './theme.ts';
import { centipoints, emu, escapeXml, hex, PML_NAMESPACES, XML_DECLARATION } from './xml.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the master puts each placeholder, in slide pixels, and the sizes of its text. */
export interface MasterGeometry {
  title: Box;
  body: Box;
  footer: Box;
  slideNumber: Box;
  titleSize: number;
  bodySize: number;
  smallSize: number;
}

export type LayoutName = 'Title Slide' | 'Title and Content' | 'Title Only';

export const LAYOUTS: readonly { name: LayoutName; type: string }[] = [
  { name: 'Title Slide', type: 'title' },
  { name: 'Title and Content', type: 'obj' },
  { name: 'Title Only', type: 'titleOnly' },
];

/** The placeholder indices layouts and slides share, as PowerPoint numbers them. */
export const PLACEHOLDER_INDEX = { body: 1, footer: 11, slideNumber: 12 } as const;

export const GROUP_PROPERTIES =
  '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>' +
  '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>';

const CLR_MAP =
  '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>';

const xfrm = (box: Box) =>
  `<a:xfrm><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></a:xfrm>`;

interface Placeholder {
  id: number;
  name: string;
  /** The `p:ph` element's attributes. */
  ph: string;
  box?: Box;
  text: string;
  anchor?: 't' | 'ctr' | 'b';
  align?: 'l' | 'ctr' | 'r';
  field?: boolean;
}

function renderPlaceholder(placeholder: Placeholder): string {
  const geometry = placeholder.box
    ? `<p:spPr>${xfrm(placeholder.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>`
    : '<p:spPr/>';
  const content = placeholder.field
    ? `<a:fld id="${SLIDE_NUMBER_FIELD_ID}" type="slidenum"><a:rPr lang="en-US"/><a:t>‹#›</a:t></a:fld>`
    : `<a:r><a:rPr lang="en-US"/><a:t>${escapeXml(placeholder.text)}</a:t></a:r>`;
  const paragraph = `<a:p>${placeholder.align ? `<a:pPr algn="${placeholder.align}"/>` : ''}${content}<a:endParaRPr lang="en-US"/></a:p>`;
  return (
    `<p:sp><p:nvSpPr><p:cNvPr id="${placeholder.id}" name="${escapeXml(placeholder.name)}"/>` +
    `<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>${placeholder.ph}</p:nvPr></p:nvSpPr>${geometry}` +
    `<p:txBody><a:bodyPr${placeholder.anchor ? ` anchor="${placeholder.anchor}"` : ''}><a:normAutofit/></a:bodyPr><a:lstStyle/>${paragraph}</p:txBody></p:sp>`
  );
}

/** One GUID for every slide-number field of a deck, as PowerPoint writes them. */
export const SLIDE_NUMBER_FIELD_ID = '{6C9D2F4A-2E1B-4F3C-9A57-1B0D3E5F7A21}';

const footerPlaceholders = (geometry: MasterGeometry, onMaster: boolean, firstId: number): Placeholder[] => [
  {
    id: firstId,
    name: 'Footer Placeholder',
    ph: `<p:ph type="ftr" sz="quarter" idx="${onMaster ? 3 : PLACEHOLDER_INDEX.footer}"/>`,
    box: onMaster ? geometry.footer : undefined,
    text: '',
    align: onMaster ? 'ctr' : undefined,
  },
  {
    id: firstId + 1,
    name: 'Slide Number Placeholder',
    ph: `<p:ph type="sldNum" sz="quarter" idx="${onMaster ? 4 : PLACEHOLDER_INDEX.slideNumber}"/>`,
    box: onMaster ? geometry.slideNumber : undefined,
    text: '',
    align: onMaster ? 'r' : undefined,
    field: true,
  },
];

function levelStyle(level: number, size: number, colour: string, font: string, bullet: boolean): string {
  const indent = 28 * level;
  const marker = bullet
    ? `<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="•"/>`
    : '<a:buNone/>';
  return (
    `<a:lvl${level}pPr marL="${bullet ? emu(indent) : 0}" indent="${bullet ? -emu(28) : 0}" algn="l" defTabSz="914400" rtl="0">` +
    `<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="${bullet ? 600 : 0}"/></a:spcBef>${marker}` +
    `<a:defRPr sz="${centipoints(size)}" kern="1200"><a:solidFill><a:srgbClr val="${hex(colour)}"/></a:solidFill>` +
    `<a:latin typeface="${font}"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl${level}pPr>`
  );
}

function textStyles(geometry: MasterGeometry, look: ThemeLook): string {
  const title = levelStyle(1, geometry.titleSize, look.heading, '+mj-lt', false)
    .replace('+mn-ea', '+mj-ea')
    .replace('+mn-cs', '+mj-cs');
  const body = [1, 2, 3].map((level) => levelStyle(level, geometry.bodySize, look.text, '+mn-lt', true)).join('');
  const other = levelStyle(1, geometry.smallSize, look.text, '+mn-lt', false);
  return `<p:txStyles><p:titleStyle>${title}</p:titleStyle><p:bodyStyle>${body}</p:bodyStyle><p:otherStyle>${other}</p:otherStyle></p:txStyles>`;
}

/** The slide master; `layoutIds` are the ids its layout list gives, one per layout, in order. */
export function renderSlideMaster(geometry: MasterGeometry, look: ThemeLook, layoutIds: readonly number[]): string {
  const placeholders: Placeholder[] = [
    {
      id: 2,
      name: 'Title Placeholder',
      ph: '<p:ph type="title"/>',
      box: geometry.title,
      text: 'Click to edit Master title style',
      anchor: 't',
    },
    {
      id: 3,
      name: 'Text Placeholder',
      ph: '<p:ph type="body" idx="1"/>',
      box: geometry.body,
      text: 'Click to edit Master text styles',
    },
    ...footerPlaceholders(geometry, true, 4),
  ];
  const layouts = layoutIds.map((id, index) => `<p:sldLayoutId id="${id}" r:id="rId${index + 1}"/>`).join('');
  return (
    `${XML_DECLARATION}<p:sldMaster ${PML_NAMESPACES}><p:cSld>` +
    `<p:bg><p:bgPr><a:solidFill><a:srgbClr val="${hex(look.background)}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>` +
    `<p:spTree>${GROUP_PROPERTIES}${placeholders.map(renderPlaceholder).join('')}</p:spTree></p:cSld>${CLR_MAP}` +
    `<p:sldLayoutIdLst>${layouts}</p:sldLayoutIdLst><p:hf hdr="0" dt="0"/>${textStyles(geometry, look)}</p:sldMaster>`
  );
}

/** A layout: which of the master's placeholders it uses, where it keeps the master's positions. */
export function renderSlideLayout(name: LayoutName, type: string, geometry: MasterGeometry): string {
  const top: Placeholder[] =
    name === 'Title Slide'
      ? [
          { id: 2, name: 'Title', ph: '<p:ph type="ctrTitle"/>', box: geometry.title, text: 'Click to edit title' },
          {
            id: 3,
            name: 'Subtitle',
            ph: '<p:ph type="subTitle" idx="1"/>',
            box: geometry.body,
            text: 'Click to edit subtitle',
          },
        ]
      : [
          { id: 2, name: 'Title', ph: '<p:ph type="title"/>', text: 'Click to edit title' },
          ...(name === 'Title and Content'
            ? [{ id: 3, name: 'Content Placeholder', ph: '<p:ph idx="1"/>', text: 'Click to edit text' }]
            : []),
        ];
  const placeholders = [...top, ...footerPlaceholders(geometry, false, top.length + 2)];
  return (
    `${XML_DECLARATION}<p:sldLayout ${PML_NAMESPACES} type="${type}" preserve="1"><p:cSld name="${name}">` +
    `<p:spTree>${GROUP_PROPERTIES}${placeholders.map(renderPlaceholder).join('')}</p:spTree></p:cSld>` +
    '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>'
  );
}

// The notes page is 7.5 × 10 in, in pixels at 96 to the inch.
export const NOTES_PAGE = { width: 720, height: 960 };
const NOTES_IMAGE: Box = { x: 72, y: 72, w: 576, h: 324 };
const NOTES_BODY: Box = { x: 72, y: 432, w: 576, h: 432 };

/** The notes master, with a theme of its own as PowerPoint gives it. */
export function renderNotesMaster(look: ThemeLook): string {
  const placeholders: Placeholder[] = [
    { id: 2, name: 'Slide Image Placeholder', ph: '<p:ph type="sldImg" idx="2"/>', box: NOTES_IMAGE, text: '' },
    {
      id: 3,
      name: 'Notes Placeholder',
      ph: '<p:ph type="body" sz="quarter" idx="3"/>',
      box: NOTES_BODY,
      text: 'Notes',
    },
  ];
  const image = renderPlaceholder(placeholders[0]!).replace(/<p:txBody>.*<\/p:txBody>/, '');
  return (
    `${XML_DECLARATION}<p:notesMaster ${PML_NAMESPACES}><p:cSld>` +
    `<p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>` +
    `<p:spTree>${GROUP_PROPERTIES}${image}${renderPlaceholder(placeholders[1]!)}</p:spTree></p:cSld>${CLR_MAP}` +
    `<p:notesStyle>${levelStyle(1, 16, look.text, '+mn-lt', false)}</p:notesStyle></p:notesMaster>`
  );
}

export const NOTES_GEOMETRY = { image: NOTES_IMAGE, body: NOTES_BODY };
