import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseLayouts, readPptxTemplate } from '../scripts/export/pptx/template.ts';
import { renderPptxOnTemplate } from '../scripts/export/pptx/on-template.ts';
import { renderPptx } from '../scripts/export/pptx/presentation.ts';
import { ROOT } from './helpers/briefs.ts';
import { makeHouseTemplate } from './fixtures/house-template/make.ts';
import { layout, text } from './helpers/layouts.ts';
import { packageProblems, validatorErrorsOf } from './helpers/ooxml.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { convertLibreOfficeTemplates, libreOfficeAvailable, SOFFICE } from './helpers/libreoffice.ts';

// Office templates briefdeck did not write: LibreOffice's own presentation templates, converted to
// .potx by LibreOffice (where it is installed, as in CI), and a PowerPoint file briefdeck wrote,
// used as a template; and the broken ones an office might hand over.
const folder = mkdtempSync(join(tmpdir(), 'briefdeck-templates-'));
let converted: string[] = [];

beforeAll(() => {
  if (!libreOfficeAvailable()) return;
  converted = convertLibreOfficeTemplates(3, folder);
}, 180_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ownDeck = () =>
  renderPptx({
    layouts: [],
    notes: [],
    titleSlides: new Set(),
    info: { title: 'T', subject: 'S', lang: 'en', timestamp: new Date('2026-01-01T00:00:00Z') },
  });

describe('PowerPoint templates', () => {
  it.runIf(SOFFICE !== undefined)(
    'reads LibreOffice templates converted to .potx, choosing layouts by what they hold',
    () => {
      expect(converted.length).toBeGreaterThanOrEqual(3);
      for (const file of converted) {
        const template = readPptxTemplate(file, readFileSync(file));
        const layouts = template.masters.flatMap((master) => master.layouts);
        expect(layouts.length, file).toBeGreaterThan(3);
        const { byKind } = chooseLayouts(template);
        const title = byKind.get('title')!;
        const list = byKind.get('pillar')!;
        const comparison = byKind.get('pros-cons')!;
        expect(
          title.placeholders.some((ph) => ph.type === 'ctrTitle' || ph.type === 'subTitle'),
          file,
        ).toBe(true);
        expect(
          list.placeholders.filter((ph) => ph.type === 'obj' || ph.type === 'body'),
          file,
        ).toHaveLength(1);
        expect(
          comparison.placeholders.filter((ph) => ph.type === 'obj' || ph.type === 'body'),
          file,
        ).toHaveLength(2);
        expect(template.fonts.heading, file).toBeTruthy();
      }
    },
  );

  it('reads a .pptx as a template, and a layout named in the profile wins', () => {
    const file = join(folder, 'own.pptx');
    writeFileSync(file, ownDeck());
    const template = readPptxTemplate(file, readFileSync(file));
    expect(template.masters.flatMap((master) => master.layouts).map((layout) => layout.name)).toEqual([
      'Title Slide',
      'Title and Content',
      'Title Only',
    ]);
    const { byKind } = chooseLayouts(template, { 'bottom-line': 'Title Only' });
    expect(byKind.get('title')!.name).toBe('Title Slide');
    expect(byKind.get('pillar')!.name).toBe('Title and Content');
    // No two-content layout: the comparison goes on the list layout.
    expect(byKind.get('pros-cons')!.name).toBe('Title and Content');
    expect(byKind.get('bottom-line')!.name).toBe('Title Only');
    expect(() => chooseLayouts(template, { pillar: 'Vergleich' })).toThrow(
      /pptx\.layouts\.pillar: .* has no layout named "Vergleich"/,
    );
  });

  it('refuses a file that is not a PowerPoint package, an encrypted one and one with macros', () => {
    const refusal = (bytes: Uint8Array) => {
      try {
        readPptxTemplate('house.potx', bytes);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal(strToU8('just text'))).toBe('the template is not a PowerPoint file');
    expect(refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toMatch(/encrypted/);
    const files = unzipSync(ownDeck());
    const macros = zipSync({ ...files, 'ppt/vbaProject.bin': new Uint8Array([1, 2, 3]) });
    expect(refusal(macros)).toBe('the template holds macros');
    const { 'ppt/slideMasters/_rels/slideMaster1.xml.rels': _rels, ...withoutLayouts } = files;
    expect(refusal(zipSync(withoutLayouts))).toBe('the template has no slide layouts');
  });

  it('describes a template with briefdeck template check, and refuses a broken one with a located message', async () => {
    const file = join(folder, 'own.pptx');
    writeFileSync(file, ownDeck());
    const described = await runBriefdeck(['template', 'check', file]);
    expect(described.code).toBe(0);
    expect(described.stdout).toContain('master 1 (ppt/slideMasters/slideMaster1.xml): 3 layouts');
    expect(described.stdout).toMatch(/title → Title Slide/);
    expect(described.stdout).toContain('missing: no layout with a title and two content placeholders');
    const broken = join(folder, 'broken.potx');
    writeFileSync(broken, 'not a template');
    const refused = await runBriefdeck(['template', 'check', broken]);
    expect(refused.code).toBe(1);
    expect(refused.lines.join('\n')).toBe(
      `${broken}: the template is not a PowerPoint file\n  hint: name a .potx (or a .pptx whose slides are ignored) saved by PowerPoint`,
    );
  });
});

describe('a deck on a template without a notes master', () => {
  it("gives the template briefdeck's notes master, so presenter notes are kept, and stays valid", async () => {
    const files = unzipSync(ownDeck());
    const {
      'ppt/notesMasters/notesMaster1.xml': _master,
      'ppt/notesMasters/_rels/notesMaster1.xml.rels': _rels,
      'ppt/theme/theme2.xml': _theme,
      ...kept
    } = files;
    kept['ppt/presentation.xml'] = strToU8(
      new TextDecoder()
        .decode(files['ppt/presentation.xml'])
        .replace(/<p:notesMasterIdLst>.*?<\/p:notesMasterIdLst>/, ''),
    );
    kept['ppt/_rels/presentation.xml.rels'] = strToU8(
      new TextDecoder()
        .decode(files['ppt/_rels/presentation.xml.rels'])
        .replace(/<Relationship [^>]*notesMaster"[^>]*\/>/, ''),
    );
    const template = zipSync(kept);
    const bytes = renderPptxOnTemplate(
      {
        layouts: [layout([text('title', 76, 60, 72, 1136, 'Pillar one'), text('body', 160, 60, 72, 1136, 'A point')])],
        notes: [['Say this.']],
        titleSlides: new Set(),
        info: { title: 'T', subject: 'S', lang: 'en', timestamp: new Date('2026-01-01T00:00:00Z') },
      },
      { template: readPptxTemplate('house.potx', template) },
      ['pillar'],
    );
    expect(await validatorErrorsOf(bytes)).toEqual([]);
    expect(packageProblems(bytes)).toEqual([]);
    const out = unzipSync(bytes);
    expect(new TextDecoder().decode(out['ppt/notesSlides/notesSlide1.xml'])).toContain('Say this.');
    expect(new TextDecoder().decode(out['ppt/presentation.xml'])).toMatch(
      /<\/p:sldMasterIdLst><p:notesMasterIdLst>.*<\/p:notesMasterIdLst><p:sldIdLst>/,
    );
  }, 60_000);
});

describe("the built-in house audience's template", () => {
  const committed = new Uint8Array(readFileSync(join(ROOT, 'templates', 'house', 'house.potx')));

  it('is exactly what tests/fixtures/house-template/make.ts makes, so it can be made again', () => {
    expect(Buffer.from(makeHouseTemplate()).equals(Buffer.from(committed))).toBe(true);
  });

  it('is a valid PowerPoint template with a title, a list and a two-content layout, and a seal', async () => {
    expect(await validatorErrorsOf(committed, 'potx')).toEqual([]);
    const template = readPptxTemplate('house.potx', committed);
    const { byRole } = chooseLayouts(template);
    expect([byRole.get('title')!.name, byRole.get('list')!.name, byRole.get('comparison')!.name]).toEqual([
      'Title Slide',
      'Title and Content',
      'Two Content',
    ]);
    const seal = unzipSync(committed)['ppt/media/seal.png']!;
    expect(Buffer.from(seal.subarray(1, 4)).toString()).toBe('PNG');
    expect(template.fonts).toEqual({ heading: 'Arial', body: 'Arial' });
  });

  it("holds the slide-number field in every slide-number placeholder, so renderers draw the number, not '‹#›'", () => {
    const parts = unzipSync(committed);
    const shapes = Object.keys(parts)
      .filter((part) => /^ppt\/(slideMasters|slideLayouts)\/[^/]+\.xml$/.test(part))
      .flatMap(
        (part) =>
          new TextDecoder().decode(parts[part]).match(/<p:sp>(?:(?!<\/p:sp>)[\s\S])*type="sldNum"[\s\S]*?<\/p:sp>/g) ??
          [],
      );
    expect(shapes.length).toBe(6);
    for (const shape of shapes) expect(shape).toMatch(/<a:fld id="[^"]+" type="slidenum">/);
  });
});
