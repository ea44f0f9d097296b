import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { PDFDocument } from 'pdf-lib';

/** What a finished document says about itself, the same on every build of the same inputs. */
export interface DocumentInfo {
  title: string;
  subject: string;
  author?: string;
  lang: string;
  /** Creation and modification time: `SOURCE_DATE_EPOCH`, else the brief's date. */
  timestamp: Date;
}

const PRODUCER = 'briefdeck (Marp, Chromium)';

/**
 * Rewrites a Marp PDF's metadata from the brief: title, subject, author, language and fixed dates.
 * Chromium stamps the wall-clock time, which would make every build differ.
 */
export async function sealPdf(bytes: Uint8Array, info: DocumentInfo): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setSubject(info.subject);
  if (info.author) pdf.setAuthor(info.author);
  pdf.setCreator('briefdeck');
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(info.lang);
  pdf.setCreationDate(info.timestamp);
  pdf.setModificationDate(info.timestamp);
  return pdf.save({ useObjectStreams: true, updateFieldAppearances: false });
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Zip entry times are local DOS times; reading the UTC fields as local keeps them the same in every time zone. */
function dosTime(timestamp: Date): Date {
  const year = Math.max(1980, timestamp.getUTCFullYear());
  return new Date(year, timestamp.getUTCMonth(), timestamp.getUTCDate(), timestamp.getUTCHours(), timestamp.getUTCMinutes(), timestamp.getUTCSeconds());
}

function rewriteCoreProperties(xml: string, info: DocumentInfo): string {
  const iso = info.timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = escapeXml(info.author ?? 'briefdeck');
  return xml
    .replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${iso}`)
    .replace(/(<dc:creator>)[^<]*/, `$1${creator}`)
    .replace(/(<cp:lastModifiedBy>)[^<]*/, `$1${creator}`)
    .replace(/<\/cp:coreProperties>/, (end) => (xml.includes('<dc:language>') ? end : `\t<dc:language>${escapeXml(info.lang)}</dc:language>\n\t${end}`));
}

/** Rewrites a Marp PPTX's document properties and zip entry times so equal inputs give equal bytes. */
export function sealPptx(bytes: Uint8Array, info: DocumentInfo): Uint8Array {
  const entries = unzipSync(bytes);
  const mtime = dosTime(info.timestamp);
  const files: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue; // folder entries carry nothing but a time
    const content = name === 'docProps/core.xml' ? strToU8(rewriteCoreProperties(strFromU8(data), info)) : data;
    // Slide pictures are PNGs already; deflating them again costs time and saves nothing.
    files[name] = [content, { mtime, level: name.endsWith('.png') ? 0 : 6 }];
  }
  return zipSync(files);
}
