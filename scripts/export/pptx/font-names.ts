// Google's cut of some Noto fonts names itself "Noto Sans SC Thin" whatever its weight. PowerPoint
// knows an embedded font by the family its name table gives, so a run asking for "Noto Sans SC"
// would not find it: the name table is rewritten with the family PowerPoint is asked for.

const NAME_IDS_REPLACED = new Set([1, 2, 3, 4, 6, 16, 17]);

const utf16be = (text: string) => {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    bytes[index * 2] = text.charCodeAt(index) >> 8;
    bytes[index * 2 + 1] = text.charCodeAt(index) & 0xff;
  }
  return bytes;
};

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let at = 0; at < data.length; at += 4)
    sum =
      (sum +
        (((data[at] ?? 0) << 24) | ((data[at + 1] ?? 0) << 16) | ((data[at + 2] ?? 0) << 8) | (data[at + 3] ?? 0))) >>>
      0;
  return sum;
}

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  nameId: number;
  text: Uint8Array;
}

function readNames(table: Uint8Array): NameRecord[] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  return Array.from({ length: count }, (_, index) => {
    const record = 6 + index * 12;
    const [platform, encoding, language, nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((at) =>
      view.getUint16(record + at),
    ) as [number, number, number, number, number, number];
    return { platform, encoding, language, nameId, text: table.slice(strings + offset, strings + offset + length) };
  });
}

function writeNames(records: readonly NameRecord[]): Uint8Array {
  const sorted = [...records].sort(
    (a, b) => a.platform - b.platform || a.encoding - b.encoding || a.language - b.language || a.nameId - b.nameId,
  );
  const stringsAt = 6 + sorted.length * 12;
  const table = new Uint8Array(stringsAt + sorted.reduce((total, record) => total + record.text.length, 0));
  const view = new DataView(table.buffer);
  view.setUint16(2, sorted.length);
  view.setUint16(4, stringsAt);
  let offset = 0;
  for (const [index, record] of sorted.entries()) {
    const at = 6 + index * 12;
    for (const [field, value] of [
      record.platform,
      record.encoding,
      record.language,
      record.nameId,
      record.text.length,
      offset,
    ].entries())
      view.setUint16(at + field * 2, value);
    table.set(record.text, stringsAt + offset);
    offset += record.text.length;
  }
  return table;
}

/**
 * The TrueType font with its family called `family` (style Regular or Bold) in its name table,
 * its copyright and licence records kept, and its checksums made right again.
 */
export function withFamilyName(font: Uint8Array, family: string, bold: boolean): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const count = view.getUint16(4);
  const tables: { tag: string; data: Uint8Array }[] = Array.from({ length: count }, (_, index) => {
    const record = 12 + index * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = view.getUint32(record + 8);
    return { tag, data: font.slice(offset, offset + view.getUint32(record + 12)) };
  });
  const name = tables.find((table) => table.tag === 'name');
  if (!name) return font;
  const style = bold ? 'Bold' : 'Regular';
  const postScript = `${family.replace(/\s+/g, '')}-${style}`;
  const windows = (nameId: number, text: string): NameRecord => ({
    platform: 3,
    encoding: 1,
    language: 0x409,
    nameId,
    text: utf16be(text),
  });
  name.data = writeNames([
    ...readNames(name.data).filter((record) => !NAME_IDS_REPLACED.has(record.nameId)),
    windows(1, family),
    windows(2, style),
    windows(3, postScript),
    windows(4, bold ? `${family} Bold` : family),
    windows(6, postScript),
  ]);
  const head = tables.find((table) => table.tag === 'head');
  if (head) new DataView(head.data.buffer, head.data.byteOffset).setUint32(8, 0);
  const padded = (length: number) => (length + 3) & ~3;
  const size = 12 + count * 16 + tables.reduce((total, table) => total + padded(table.data.length), 0);
  const out = new Uint8Array(size);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let offset = 12 + count * 16;
  for (const [index, table] of tables.entries()) {
    const record = 12 + index * 16;
    out.set(font.subarray(record, record + 4), record);
    outView.setUint32(record + 4, checksum(table.data));
    outView.setUint32(record + 8, offset);
    outView.setUint32(record + 12, table.data.length);
    out.set(table.data, offset);
    offset += padded(table.data.length);
  }
  if (head) {
    const headAt = outView.getUint32(12 + tables.indexOf(head) * 16 + 8);
    outView.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  }
  return out;
}
