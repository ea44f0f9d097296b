// The Open Packaging Conventions around a presentation: parts, their content types and their
// relationships, zipped the same way for the same inputs.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { XML_DECLARATION, escapeXml } from './xml.ts';

export interface Relationship {
  type: string;
  /** A part name (`ppt/slides/slide1.xml`), or an address when external. */
  target: string;
}

export interface Part {
  /** The part's name in the zip, without a leading slash. */
  name: string;
  contentType: string;
  data: string | Uint8Array;
  relationships?: readonly Relationship[];
}

const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
/** Binary parts go by their extension; XML parts each name their own type. */
const BINARY_EXTENSIONS = /\.(png|jpeg|jpg|gif|fntdata|xlsx)$/;

/** `rId1`, `rId2`, … in the order the relationships are listed. */
export const relationshipId = (index: number) => `rId${index + 1}`;

/** A target as seen from the part that refers to it: `../slides/slide1.xml` from `ppt/notesSlides/…`. */
export function relativeTarget(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const toParts = to.split('/');
  let shared = 0;
  while (shared < fromDir.length && shared < toParts.length - 1 && fromDir[shared] === toParts[shared]) shared++;
  return [...fromDir.slice(shared).map(() => '..'), ...toParts.slice(shared)].join('/');
}

/** `ppt/slides/slide1.xml` → `ppt/slides/_rels/slide1.xml.rels`; the package's own → `_rels/.rels`. */
export function relationshipsPartName(owner: string): string {
  const slash = owner.lastIndexOf('/');
  return `${owner.slice(0, slash + 1)}_rels/${owner.slice(slash + 1)}.rels`;
}

function renderRelationships(owner: string, relationships: readonly Relationship[]): string {
  const items = relationships.map(
    (rel, index) =>
      `<Relationship Id="${relationshipId(index)}" Type="${rel.type}" Target="${escapeXml(
        owner === '' ? rel.target : relativeTarget(owner, rel.target),
      )}"/>`,
  );
  return `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function renderContentTypes(parts: readonly Part[]): string {
  const defaults = new Map<string, string>([
    ['rels', RELS_TYPE],
    ['xml', 'application/xml'],
  ]);
  const overrides: string[] = [];
  for (const part of parts) {
    const extension = BINARY_EXTENSIONS.exec(part.name)?.[1];
    if (extension) {
      const known = defaults.get(extension);
      if (known && known !== part.contentType) throw new Error(`two content types for .${extension} parts`);
      defaults.set(extension, part.contentType);
    } else {
      overrides.push(`<Override PartName="/${escapeXml(part.name)}" ContentType="${part.contentType}"/>`);
    }
  }
  const defaultItems = [...defaults].map(
    ([extension, type]) => `<Default Extension="${extension}" ContentType="${type}"/>`,
  );
  return `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${defaultItems.join('')}${overrides.join('')}</Types>`;
}

/** Zip entry times are local DOS times; reading the UTC fields as local keeps them the same in every time zone. */
export function zipTime(timestamp: Date): Date {
  const year = Math.max(1980, timestamp.getUTCFullYear());
  return new Date(
    year,
    timestamp.getUTCMonth(),
    timestamp.getUTCDate(),
    timestamp.getUTCHours(),
    timestamp.getUTCMinutes(),
    timestamp.getUTCSeconds(),
  );
}

/**
 * Zips a package: the content types of exactly the parts given, each part's relationships beside
 * it, every entry stamped with one time and in one order, so equal inputs give equal bytes.
 */
export function zipPackage(
  parts: readonly Part[],
  packageRelationships: readonly Relationship[],
  mtime: Date,
): Uint8Array {
  const files: Zippable = {};
  const time = zipTime(mtime);
  const add = (name: string, data: string | Uint8Array) => {
    // Pictures are compressed already; deflating them again costs time and saves nothing.
    const level = /\.(png|jpe?g|gif)$/.test(name) ? 0 : 6;
    files[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime: time, level }];
  };
  add('[Content_Types].xml', renderContentTypes(parts));
  add('_rels/.rels', renderRelationships('', packageRelationships));
  for (const part of parts) {
    add(part.name, part.data);
    if (part.relationships?.length)
      add(relationshipsPartName(part.name), renderRelationships(part.name, part.relationships));
  }
  return zipSync(files);
}
