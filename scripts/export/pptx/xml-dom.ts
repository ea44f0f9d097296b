// A template's XML parts as documents, not text: parsed by htmlparser2 in XML mode, read and
// changed element by element, written back by its serializer with the XML declaration put back
// (htmlparser2 keeps a processing instruction without its closing `?`).
import { DomUtils, parseDocument } from 'htmlparser2';
import { XML_DECLARATION } from './xml.ts';

/** An XML element as htmlparser2 gives it. */
export type XmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];
type XmlNode = XmlElement['children'][number];
export const isElement = (node: XmlNode): node is XmlElement => node.type === 'tag';

/** The root element of an XML part. */
export function rootElement(xml: string): XmlElement | undefined {
  return parseDocument(xml, { xmlMode: true }).children.find(isElement);
}

/** The first child element named `name`. */
export const childNamed = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  element?.children.find((node): node is XmlElement => isElement(node) && node.name === name);

/** The first element named `name` anywhere inside `element`. */
export const findNamed = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  (element && DomUtils.findOne((node) => node.name === name, element.children)) ?? undefined;

/** Parses `xml`, lets `edit` change its root element, and writes it back. */
export function editXml(xml: string, edit: (root: XmlElement) => void): string {
  const document = parseDocument(xml.replace(/^\s*<\?xml[^>]*\?>\s*/, ''), { xmlMode: true });
  const root = DomUtils.findOne(() => true, document.children, false);
  if (!root) throw new Error('an XML part without a root element');
  edit(root);
  return `${XML_DECLARATION}${DomUtils.getOuterHTML(document, { xmlMode: true })}`;
}

/** The elements of an XML fragment, to put into a document. */
export function xmlElements(fragment: string): XmlElement[] {
  const document = parseDocument(fragment, { xmlMode: true });
  return document.children.filter(isElement);
}

/** The child elements named `name`. */
export const childrenNamed = (element: XmlElement | undefined, name: string): XmlElement[] =>
  (element?.children ?? []).filter(isElement).filter((node) => node.name === name);

/** Puts `elements` after the last of the root's children named in `after` (in schema order), else first. */
export function insertAfter(root: XmlElement, after: readonly string[], elements: readonly XmlElement[]): void {
  const anchor = root.children
    .filter(isElement)
    .filter((node) => after.includes(node.name))
    .at(-1);
  let previous = anchor;
  for (const element of elements) {
    if (previous) DomUtils.append(previous, element);
    else DomUtils.prependChild(root, element);
    previous = element;
  }
}
