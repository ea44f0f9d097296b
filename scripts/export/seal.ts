import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';

/** What a finished document says about itself, the same on every build of the same inputs. */
export interface DocumentInfo {
  title: string;
  subject: string;
  author?: string;
  lang: string;
  /** Creation and modification time: `SOURCE_DATE_EPOCH`, else the brief's date. */
  timestamp: Date;
}

/** The outline of a printed deck: each slide's section (`pillar:2`, `pros`, …) and first heading. */
export interface PrintedOutline {
  sections: readonly string[];
  headings: readonly (string | null | undefined)[];
}

const PRODUCER = 'briefdeck (Marp, Chromium)';

/**
 * Rewrites a printed PDF's metadata from the brief: title, subject, author, language and fixed dates.
 * Chromium stamps the wall-clock time, which would make every build differ.
 */
export async function sealPdf(bytes: Uint8Array, info: DocumentInfo, outline?: PrintedOutline): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setSubject(info.subject);
  if (info.author) pdf.setAuthor(info.author);
  pdf.setCreator('briefdeck');
  pdf.setProducer(PRODUCER);
  pdf.setLanguage(info.lang);
  pdf.setCreationDate(info.timestamp);
  pdf.setModificationDate(info.timestamp);
  if (outline) rebuildOutline(pdf, outline);
  stableStructureIds(pdf);
  return pdf.save({ useObjectStreams: true, updateFieldAppearances: false });
}

/** Deletes the outline's objects, so the file does not carry the old bookmarks as dead weight. */
function removeOutline(pdf: PDFDocument): void {
  const visit = (ref: unknown) => {
    for (let current = ref; current instanceof PDFRef; ) {
      const item = pdf.context.lookupMaybe(current, PDFDict);
      pdf.context.delete(current);
      visit(item?.get(PDFName.of('First')));
      current = item?.get(PDFName.of('Next'));
    }
  };
  const root = pdf.catalog.get(PDFName.of('Outlines'));
  if (root instanceof PDFRef) {
    visit(pdf.context.lookupMaybe(root, PDFDict)?.get(PDFName.of('First')));
    pdf.context.delete(root);
  }
}

interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** Writes a linked list of outline items under `parent` and returns its first and last references. */
function writeBookmarks(
  pdf: PDFDocument,
  parent: PDFRef,
  bookmarks: Bookmark[],
): { first: PDFRef; last: PDFRef; count: number } {
  const pages = pdf.getPages();
  const refs = bookmarks.map(() => pdf.context.nextRef());
  let count = 0;
  bookmarks.forEach((bookmark, index) => {
    const item = pdf.context.obj({
      Title: PDFHexString.fromText(bookmark.title),
      Parent: parent,
      Dest: [pages[bookmark.page]!.ref, PDFName.of('Fit')],
    });
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < refs.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
    if (bookmark.children.length > 0) {
      const children = writeBookmarks(pdf, refs[index]!, bookmark.children);
      item.set(PDFName.of('First'), children.first);
      item.set(PDFName.of('Last'), children.last);
      item.set(PDFName.of('Count'), PDFNumber.of(-children.count)); // closed until opened
    }
    pdf.context.assign(refs[index]!, item);
    count += 1;
  });
  return { first: refs[0]!, last: refs.at(-1)!, count };
}

/**
 * Replaces the browser's outline with one bookmark per section of the brief,
 * named by its heading, and beneath a section that spans several slides, one per slide.
 */
function rebuildOutline(pdf: PDFDocument, { sections, headings }: PrintedOutline): void {
  const pageCount = pdf.getPageCount();
  if (sections.length !== pageCount) return; // not the deck the plan describes; keep the browser's outline
  const title = (page: number) => `${page + 1}. ${headings[page] ?? `Slide ${page + 1}`}`;
  const bookmarks: Bookmark[] = [];
  sections.forEach((section, page) => {
    const previous = bookmarks.at(-1);
    if (previous && sections[page - 1] === section) {
      if (previous.children.length === 0) previous.children.push({ ...previous, children: [] });
      previous.children.push({ title: title(page), page, children: [] });
      previous.title = `${previous.page + 1}. ${(headings[previous.page] ?? section).replace(/\s*\((?:\d+ of \d+|cont\.)\)$/, '')}`;
    } else {
      bookmarks.push({ title: title(page), page, children: [] });
    }
  });
  removeOutline(pdf);
  const root = pdf.context.nextRef();
  const list = writeBookmarks(pdf, root, bookmarks);
  pdf.context.assign(
    root,
    pdf.context.obj({ Type: 'Outlines', First: list.first, Last: list.last, Count: PDFNumber.of(list.count) }),
  );
  pdf.catalog.set(PDFName.of('Outlines'), root);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Chromium names tagged table cells by its own node counter (`/ID (node00000067)`, the `/Headers`
 * that point at them, the structure tree's ID tree), which runs on across the pages a build prints
 * at once. Renumbered from 1 in the same order, they keep a rebuild's bytes the same.
 */
function stableStructureIds(pdf: PDFDocument): void {
  const NODE = /^node(\d+)$/;
  const textOf = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  const objects = pdf.context
    .enumerateIndirectObjects()
    .sort(([a], [b]) => a.objectNumber - b.objectNumber)
    .map(([, object]) => object)
    .filter((object): object is PDFDict => object instanceof PDFDict);
  const isElement = (dict: PDFDict) => dict.get(PDFName.of('Type')) === PDFName.of('StructElem');
  const ids = new Set<string>();
  for (const dict of objects.filter(isElement)) {
    const id = textOf(dict.get(PDFName.of('ID')));
    if (id && NODE.test(id)) ids.add(id);
  }
  if (ids.size === 0) return;
  const ordered = [...ids].sort((a, b) => Number(NODE.exec(a)![1]) - Number(NODE.exec(b)![1]));
  const renamed = new Map(ordered.map((id, index) => [id, `node${String(index + 1).padStart(8, '0')}`]));
  const rename = (value: PDFObject): PDFObject => {
    const id = textOf(value);
    return id !== undefined && renamed.has(id) ? PDFString.of(renamed.get(id)!) : value;
  };
  const renameIn = (value: PDFObject | undefined): void => {
    if (!(value instanceof PDFArray)) return;
    value.asArray().forEach((item, index) => {
      value.set(index, rename(item));
    });
  };
  for (const dict of objects) {
    if (isElement(dict)) {
      const id = dict.get(PDFName.of('ID'));
      if (id) dict.set(PDFName.of('ID'), rename(id));
      // A header cell's attributes name the cells it heads.
      const attributes = dict.get(PDFName.of('A'));
      const sets = attributes instanceof PDFArray ? attributes.asArray() : [attributes];
      for (const set of sets) if (set instanceof PDFDict) renameIn(set.get(PDFName.of('Headers')));
    } else {
      // The structure tree's ID tree: its names and the limits of each of its nodes.
      renameIn(dict.get(PDFName.of('Names')));
      renameIn(dict.get(PDFName.of('Limits')));
    }
  }
}
