// An office's own PowerPoint template (`.potx`, or a `.pptx` whose slides are ignored), read for
// what briefdeck builds on: its masters, their layouts and the placeholders each layout holds,
// and the theme's fonts. Layouts are chosen by what they hold, not by their names, so a template
// in any language works.
import { DomUtils, parseDocument } from 'htmlparser2';
import { strFromU8, unzipSync } from 'fflate';
import { BriefError } from '../../errors.ts';
import { relationshipsPartName } from './package.ts';
import type { XmlElement } from './xml-dom.ts';

/** A placeholder as a layout declares it: `type` is `obj` where the layout leaves it out, as the standard says. */
export interface TemplatePlaceholder {
  type: string;
  idx: number;
  /** Its position as the layout gives it, in EMU, where it gives one. */
  xfrm?: { x: number; y: number; cx: number; cy: number };
}

export interface TemplateLayout {
  part: string;
  name: string;
  /** The layout's own type (`title`, `obj`, `twoObj`, …), where it names one. */
  type?: string;
  placeholders: TemplatePlaceholder[];
}

export interface PptxTemplate {
  file: string;
  masters: { part: string; layouts: TemplateLayout[] }[];
  fonts: { heading?: string; body?: string };
  /** The first master's text sizes at the first level, in points. */
  sizes: { title?: number; body?: number };
  /** The slide's width and height in points. */
  slideWidth: number;
  slideHeight: number;
  /** The package's parts, unzipped once: read by every deck built on it, never changed. */
  files: Readonly<Record<string, Uint8Array>>;
}

/** The roles slides play, each wanting a kind of layout. */
export type LayoutRole = 'title' | 'list' | 'comparison';

/** Which role each slide kind plays on a template. */
export const ROLE_OF_KIND: Record<string, LayoutRole> = {
  title: 'title',
  'bottom-line': 'list',
  context: 'list',
  outlook: 'list',
  'pillars-overview': 'list',
  pillar: 'list',
  pros: 'list',
  cons: 'list',
  takeaways: 'list',
  sources: 'list',
  appendix: 'list',
  'pros-cons': 'comparison',
  actions: 'comparison',
};

const CONTENT = new Set(['body', 'obj', 'tx']);
const FURNITURE = new Set(['dt', 'ftr', 'sldNum', 'hdr']);

/** The nearest ancestor of `node` named `name`. */
function closest(node: XmlElement, name: string) {
  let parent = node.parent;
  while (parent && (parent as { name?: string }).name !== name) parent = parent.parent;
  return parent as XmlElement | null;
}

const refused = (file: string, message: string, hint: string) => new BriefError('template', message, { file }, hint);

function xmlOf(files: Record<string, Uint8Array>, name: string) {
  const data = files[name];
  return data ? parseDocument(strFromU8(data), { xmlMode: true }) : undefined;
}

/** A part's relationships as part names (an external one has no target part), from its `_rels` file. */
export function readRelationships(
  files: Record<string, Uint8Array>,
  part: string,
): { id: string; type: string; target: string | undefined }[] {
  const rels = xmlOf(files, relationshipsPartName(part));
  return rels
    ? DomUtils.getElementsByTagName('Relationship', rels).map((rel) => ({
        id: String(rel.attribs.Id),
        type: String(rel.attribs.Type).split('/').pop()!,
        target:
          rel.attribs.TargetMode === 'External'
            ? undefined
            : new URL(String(rel.attribs.Target), `file:///${part}`).pathname.slice(1),
      }))
    : [];
}

/** Reads and checks a template: a PowerPoint package, not encrypted, without macros, with layouts. */
export function readPptxTemplate(file: string, bytes: Uint8Array): PptxTemplate {
  // An encrypted Office file is an OLE compound file, not a zip.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw refused(
      file,
      'the template is encrypted or password-protected, or an old binary .pot file',
      'save it from PowerPoint as a .potx without a password (File › Save As › PowerPoint Template)',
    );
  let files: Record<string, Uint8Array>;
  try {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error('not a zip');
    files = unzipSync(bytes);
  } catch (cause) {
    throw new BriefError(
      'template',
      'the template is not a PowerPoint file',
      { file },
      'name a .potx (or a .pptx whose slides are ignored) saved by PowerPoint',
      { cause },
    );
  }
  const types = files['[Content_Types].xml'] ? strFromU8(files['[Content_Types].xml']) : '';
  if (/macroEnabled/i.test(types) || Object.keys(files).some((name) => /vbaProject\.bin$/i.test(name)))
    throw refused(
      file,
      'the template holds macros',
      'macros must never travel into a deck: save the template as a .potx (PowerPoint Template), not .potm',
    );
  const presentation = xmlOf(files, 'ppt/presentation.xml');
  if (!presentation)
    throw refused(file, 'the template has no presentation part', 'name a .potx or .pptx saved by PowerPoint');

  const relsOf = (part: string) =>
    readRelationships(files, part).flatMap((rel) => (rel.target ? [{ type: rel.type, target: rel.target }] : []));
  const masterParts = relsOf('ppt/presentation.xml')
    .filter((rel) => rel.type === 'slideMaster')
    .map((rel) => rel.target);
  const masters = masterParts.map((part) => ({
    part,
    layouts: relsOf(part)
      .filter((rel) => rel.type === 'slideLayout')
      .flatMap((rel) => {
        const layout = xmlOf(files, rel.target);
        if (!layout) return [];
        const root = DomUtils.findOne((element) => element.name === 'p:sldLayout', layout.children);
        const cSld = DomUtils.findOne((element) => element.name === 'p:cSld', layout.children);
        const placeholders = DomUtils.getElementsByTagName('p:ph', layout).map((ph) => {
          const shape = closest(ph, 'p:sp');
          const transform = shape && DomUtils.findOne((element) => element.name === 'a:xfrm', shape.children);
          const offset = transform && DomUtils.findOne((element) => element.name === 'a:off', transform.children);
          const extent = transform && DomUtils.findOne((element) => element.name === 'a:ext', transform.children);
          return {
            type: String(ph.attribs.type ?? 'obj'),
            idx: Number(ph.attribs.idx ?? 0),
            xfrm:
              offset && extent
                ? {
                    x: Number(offset.attribs.x),
                    y: Number(offset.attribs.y),
                    cx: Number(extent.attribs.cx),
                    cy: Number(extent.attribs.cy),
                  }
                : undefined,
          };
        });
        return [{ part: rel.target, name: String(cSld?.attribs.name ?? ''), type: root?.attribs.type, placeholders }];
      }),
  }));
  if (masters.every((master) => master.layouts.length === 0))
    throw refused(file, 'the template has no slide layouts', 'add layouts in PowerPoint (View › Slide Master)');

  const theme = masterParts[0] && relsOf(masterParts[0]).find((rel) => rel.type === 'theme');
  const themeXml = theme ? xmlOf(files, theme.target) : undefined;
  const fontOf = (tag: string) => {
    const font = themeXml && DomUtils.findOne((element) => element.name === tag, themeXml.children);
    const latin = font && DomUtils.findOne((element) => element.name === 'a:latin', font.children);
    return latin?.attribs.typeface || undefined;
  };
  const masterXml = masterParts[0] ? xmlOf(files, masterParts[0]) : undefined;
  const sizeOf = (style: string) => {
    const found = masterXml && DomUtils.findOne((element) => element.name === style, masterXml.children);
    const level = found && DomUtils.findOne((element) => element.name === 'a:lvl1pPr', found.children);
    const run = level && DomUtils.findOne((element) => element.name === 'a:defRPr', level.children);
    return run?.attribs.sz ? Number(run.attribs.sz) / 100 : undefined;
  };
  const slideSize = DomUtils.findOne((element) => element.name === 'p:sldSz', presentation.children);
  return {
    file,
    masters,
    fonts: { heading: fontOf('a:majorFont'), body: fontOf('a:minorFont') },
    sizes: { title: sizeOf('p:titleStyle'), body: sizeOf('p:bodyStyle') },
    slideWidth: Number(slideSize?.attribs.cx ?? 12_192_000) / 12_700,
    slideHeight: Number(slideSize?.attribs.cy ?? 6_858_000) / 12_700,
    files,
  };
}

const contentCount = (layout: TemplateLayout) =>
  layout.placeholders.filter((ph) => CONTENT.has(ph.type) && !FURNITURE.has(ph.type)).length;
const hasTitle = (layout: TemplateLayout, type = 'title') => layout.placeholders.some((ph) => ph.type === type);

// Layouts whose one or two text placeholders are not a slide's body: vertical text, section
// headers, captions beside a picture or a chart.
const NOT_FOR_BODY = new Set([
  'vertTx',
  'vertTitleAndTx',
  'vertTitleAndTxOverChart',
  'secHead',
  'picTx',
  'objTx',
  'txAndChart',
]);
const usable = (layouts: readonly TemplateLayout[]) => layouts.filter((layout) => !NOT_FOR_BODY.has(layout.type ?? ''));

/** The layouts that suit a role, best first. */
function candidates(layouts: readonly TemplateLayout[], role: LayoutRole): TemplateLayout[] {
  switch (role) {
    case 'title':
      return [
        ...layouts.filter((layout) => hasTitle(layout, 'ctrTitle') && layout.type === 'title'),
        ...layouts.filter((layout) => hasTitle(layout, 'ctrTitle')),
        // A title over a subtitle is a title slide too, as LibreOffice writes it.
        ...layouts.filter((layout) => hasTitle(layout) && hasTitle(layout, 'subTitle')),
      ];
    case 'list':
      return [
        ...layouts.filter((layout) => hasTitle(layout) && layout.type === 'obj' && contentCount(layout) === 1),
        ...usable(layouts).filter((layout) => hasTitle(layout) && contentCount(layout) === 1),
      ];
    case 'comparison':
      return [
        ...layouts.filter((layout) => hasTitle(layout) && layout.type === 'twoObj'),
        ...usable(layouts).filter((layout) => hasTitle(layout) && contentCount(layout) === 2),
      ];
  }
}

/**
 * The layout each role goes on: the profile's choice by name first (`pptx.layouts`), then the
 * template's layouts by what they hold. A comparison falls back to the list layout; a template
 * without a title-slide or list layout is refused.
 */
export function chooseLayouts(
  template: PptxTemplate,
  chosen: Readonly<Record<string, string>> = {},
  where: { file: string } = { file: template.file },
): { byKind: Map<string, TemplateLayout>; byRole: Map<LayoutRole, TemplateLayout> } {
  const layouts = template.masters.flatMap((master) => master.layouts);
  const byRole = new Map<LayoutRole, TemplateLayout>();
  for (const role of ['title', 'list', 'comparison'] as const) {
    const best = candidates(layouts, role)[0];
    if (best) byRole.set(role, best);
  }
  if (!byRole.has('list'))
    throw new BriefError(
      'template',
      `${template.file} has no layout with a title and one content placeholder`,
      where,
      'add a "Title and Content" layout in PowerPoint, or name one under pptx.layouts',
    );
  if (!byRole.has('title')) byRole.set('title', byRole.get('list')!);
  if (!byRole.has('comparison')) byRole.set('comparison', byRole.get('list')!);
  const byKind = new Map<string, TemplateLayout>();
  for (const [kind, role] of Object.entries(ROLE_OF_KIND)) byKind.set(kind, byRole.get(role)!);
  for (const [kind, name] of Object.entries(chosen)) {
    const layout = layouts.find((candidate) => candidate.name === name);
    if (!layout)
      throw new BriefError(
        'template',
        `pptx.layouts.${kind}: ${template.file} has no layout named "${name}"`,
        where,
        `its layouts are: ${layouts.map((candidate) => candidate.name).join(', ')}`,
      );
    byKind.set(kind, layout);
  }
  return { byKind, byRole };
}

/** Fonts Office templates name, and the metric-compatible free fonts that stand in for them. */
export const FONT_STAND_INS: Record<string, string> = {
  Calibri: 'Carlito',
  Cambria: 'Caladea',
  Arial: 'Liberation Sans',
  Helvetica: 'Liberation Sans',
  'Times New Roman': 'Liberation Serif',
  'Courier New': 'Liberation Mono',
  Verdana: 'DejaVu Sans',
};
