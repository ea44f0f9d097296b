// Document properties: what the file says about itself in File › Info, the same on every build.
import type { DocumentInfo } from '../seal.ts';
import { escapeXml, XML_DECLARATION } from './xml.ts';

export function documentProperties(
  info: DocumentInfo,
  counts: { slides: number; notes: number },
): { core: string; app: string } {
  const iso = info.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const author = escapeXml(info.author ?? 'briefdeck');
  const core =
    `${XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(info.title)}</dc:title><dc:subject>${escapeXml(info.subject)}</dc:subject>` +
    `<dc:creator>${author}</dc:creator><cp:lastModifiedBy>${author}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified>` +
    `<dc:language>${escapeXml(info.lang)}</dc:language></cp:coreProperties>`;
  const app =
    `${XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<TotalTime>0</TotalTime><Application>briefdeck</Application><PresentationFormat>Widescreen</PresentationFormat>' +
    `<Slides>${counts.slides}</Slides><Notes>${counts.notes}</Notes><HiddenSlides>0</HiddenSlides>` +
    '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>' +
    '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>';
  return { core, app };
}
