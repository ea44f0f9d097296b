import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBriefdeck } from './helpers/cli.ts';
import { AUDIENCES, ROOT, SECOND_BRIEF } from './helpers/briefs.ts';
import { readPdf } from './helpers/outputs.ts';
import { validatorErrors } from './helpers/ooxml.ts';

// 2026-03-01T12:00:00Z: a time no build happens at by chance.
const EPOCH = '1772366400';
const ENV = { SOURCE_DATE_EPOCH: EPOCH };
const SLUG = 'black-sea-grain-corridor';

const folders: string[] = [];

async function build(env: Record<string, string | undefined>, ...extra: string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-repro-'));
  folders.push(out);
  const { code, lines } = await runBriefdeck(
    ['build', relative(ROOT, SECOND_BRIEF), '--out', out, ...extra],
    'bundled',
    env,
  );
  expect(code, lines.join('\n')).toBe(0);
  return join(out, SLUG);
}

function pptxCoreProperties(file: string): string {
  return strFromU8(unzipSync(new Uint8Array(readFileSync(file)))['docProps/core.xml']!);
}

let first: string;
let second: string;

beforeAll(async () => {
  first = await build(ENV);
  second = await build(ENV);
});

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('reproducible builds', () => {
  it('writes byte-identical md, html, pdf, pptx, handouts and memos when built twice with the same SOURCE_DATE_EPOCH', () => {
    const names = readdirSync(first).sort();
    // Seven files for each audience: the memo is Word and PDF.
    expect(names).toHaveLength(7 * AUDIENCES.length);
    expect(readdirSync(second).sort()).toEqual(names);
    const differing = names.filter((name) => !readFileSync(join(first, name)).equals(readFileSync(join(second, name))));
    expect(differing).toEqual([]);
  });

  it('writes PowerPoint files the Open XML SDK validator accepts', async () => {
    const files = readdirSync(first).filter((name) => name.endsWith('.pptx'));
    expect(files).toHaveLength(AUDIENCES.length);
    for (const name of files) expect(await validatorErrors(join(first, name)), name).toEqual([]);
  }, 60_000);

  it('writes memos the Open XML SDK validator accepts, dated from SOURCE_DATE_EPOCH', async () => {
    const files = readdirSync(first).filter((name) => name.endsWith('.docx'));
    expect(files).toHaveLength(AUDIENCES.length);
    for (const name of files) expect(await validatorErrors(join(first, name)), name).toEqual([]);
    const core = strFromU8(
      unzipSync(new Uint8Array(readFileSync(join(first, 'committee-memo.docx'))))['docProps/core.xml']!,
    );
    expect(core).toMatch(/<dcterms:created[^>]*>2026-03-01T12:00:00Z</);
  }, 60_000);

  it('dates the PDF and the PPTX from SOURCE_DATE_EPOCH', async () => {
    const { info } = await readPdf(join(first, 'committee.pdf'));
    expect(info.CreationDate).toBe('D:20260301120000Z');
    expect(info.ModDate).toBe('D:20260301120000Z');
    const core = pptxCoreProperties(join(first, 'committee.pptx'));
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T12:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-01T12:00:00Z</dcterms:modified>');
  });

  it('dates documents from the brief when SOURCE_DATE_EPOCH is unset', async () => {
    const dir = await build({ ...ENV, SOURCE_DATE_EPOCH: undefined }, '--format', 'pdf,pptx', '--audience', 'public');
    const brief = /^date: (\d{4})-(\d{2})-(\d{2})$/m.exec(readFileSync(SECOND_BRIEF, 'utf8'))!;
    const { info } = await readPdf(join(dir, 'public.pdf'));
    expect(info.CreationDate).toBe(`D:${brief[1]}${brief[2]}${brief[3]}000000Z`);
    expect(pptxCoreProperties(join(dir, 'public.pptx'))).toContain(
      `<dcterms:created xsi:type="dcterms:W3CDTF">${brief[1]}-${brief[2]}-${brief[3]}T00:00:00Z</dcterms:created>`,
    );
    expect(await validatorErrors(join(dir, 'public.pptx'))).toEqual([]);
  });

  it('refuses a SOURCE_DATE_EPOCH that is not a number of seconds', async () => {
    const { code, lines } = await runBriefdeck(['build', relative(ROOT, SECOND_BRIEF), '--format', 'html'], 'none', {
      SOURCE_DATE_EPOCH: 'yesterday',
    });
    expect(code).toBe(2);
    expect(lines.join('\n')).toBe(
      'SOURCE_DATE_EPOCH: "yesterday" is not a whole number of seconds since 1970\n  hint: set it to a Unix time such as $(git log -1 --format=%ct), or unset it to use each brief\'s date',
    );
  });
});
