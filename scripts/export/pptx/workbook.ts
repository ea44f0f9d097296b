// The workbook a native chart keeps its numbers in, so that PowerPoint's "Edit Data" opens them:
// categories down column A, one series a column, names in row 1. Strings are written inline, so
// the workbook needs no shared-string part.
import { zipPackage } from './package.ts';
import { escapeXml, XML_DECLARATION } from './xml.ts';

const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const SHEET_NAME = 'Sheet1';

export interface ChartTable {
  categories: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
}

/** `A`, `B`, … `Z`, `AA`: a spreadsheet column's name from its index, from 0. */
export function columnName(index: number): string {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

const text = (ref: string, value: string) =>
  `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
const number = (ref: string, value: number) => `<c r="${ref}"><v>${value}</v></c>`;

function renderSheet(table: ChartTable): string {
  const header = [
    text('A1', ''),
    ...table.series.map((series, index) => text(`${columnName(index + 1)}1`, series.name)),
  ];
  const rows = table.categories.map((category, row) => {
    const cells = [
      text(`A${row + 2}`, category),
      ...table.series.flatMap((series, index) => {
        const value = series.values[row];
        return value === null || value === undefined ? [] : [number(`${columnName(index + 1)}${row + 2}`, value)];
      }),
    ];
    return `<row r="${row + 2}">${cells.join('')}</row>`;
  });
  const last = `${columnName(table.series.length)}${table.categories.length + 1}`;
  return (
    `${XML_DECLARATION}<worksheet xmlns="${SML}" xmlns:r="${REL}"><dimension ref="A1:${last}"/>` +
    `<sheetData><row r="1">${header.join('')}</row>${rows.join('')}</sheetData></worksheet>`
  );
}

/** The chart's data as an .xlsx package, the same bytes for the same data. */
export function renderWorkbook(table: ChartTable, mtime: Date): Uint8Array {
  return zipPackage(
    [
      {
        name: 'xl/workbook.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        data: `${XML_DECLARATION}<workbook xmlns="${SML}" xmlns:r="${REL}"><sheets><sheet name="${SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        relationships: [{ type: `${REL}/worksheet`, target: 'xl/worksheets/sheet1.xml' }],
      },
      {
        name: 'xl/worksheets/sheet1.xml',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
        data: renderSheet(table),
      },
    ],
    [{ type: `${REL}/officeDocument`, target: 'xl/workbook.xml' }],
    mtime,
  );
}
