import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef } from 'pdf-lib';

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
