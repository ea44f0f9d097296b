import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BROWSER, requireSystemBrowser } from './helpers/browsers.ts';
import { LONG_BRIEF, readBrief, REAL_BRIEF, ROOT, TABLE_BRIEF } from './helpers/briefs.ts';
import { runBriefdeck } from './helpers/cli.ts';
import { convertLibreOfficeTemplates, libreOfficeAvailable, SOFFICE, textProblems } from './helpers/libreoffice.ts';
import { packageProblems, validatorErrors } from './helpers/ooxml.ts';
import { launchBrowser, readPdf, readPdfLayout } from './helpers/outputs.ts';
import { resolveBrowser } from '../scripts/browser/find.ts';
import { pathToFileURL } from 'node:url';

// The seed brief built for audiences whose PowerPoint files go on an office's own template: one
// LibreOffice ships (converted to .potx by LibreOffice, where it is installed, as in CI), and a
// .pptx briefdeck wrote for another audience, used as a template.
const usable = E2E_BROWSER === 'bundled' || (await requireSystemBrowser());
const root = mkdtempSync(join(tmpdir(), 'briefdeck-on-template-'));
const templates = join(root, 'templates');
const out = join(root, 'out');
const audiences: { name: string; template: string; look: 'briefdeck' | 'template' }[] = [];

function addAudience(name: string, template: string, look: 'briefdeck' | 'template' = 'briefdeck') {
  cpSync(join(templates, 'committee'), join(templates, name), { recursive: true });
  cpSync(template, join(templates, name, `house${template.slice(template.lastIndexOf('.'))}`));
  const profile = join(templates, name, 'profile.yaml');
  let text = readFileSync(profile, 'utf8').replace(/^label: .*$/m, `label: ${name}`);
  if (look === 'template') text = text.replace(/^theme: .*$/m, 'theme: template');
  writeFileSync(profile, `${text}pptx:\n  template: house${template.slice(template.lastIndexOf('.'))}\n`);
  audiences.push({ name, template: join(templates, name, `house${template.slice(template.lastIndexOf('.'))}`), look });
}

beforeAll(async () => {
  if (!usable) return;
  cpSync(join(ROOT, 'templates'), templates, { recursive: true });
  const own = await runBriefdeck(
    ['build', relative(ROOT, REAL_BRIEF), '--audience', 'executive', '--format', 'pptx', '--out', join(root, 'own')],
    E2E_BROWSER,
  );
  expect(own.code, own.lines.join('\n')).toBe(0);
  addAudience('own-template', join(root, 'own', 'ukraine-security-guarantees', 'executive.pptx'));
  if (libreOfficeAvailable()) {
    const converted = convertLibreOfficeTemplates(2, root);
    addAudience('libreoffice-template', converted[0]!);
    // HTML and PDF in the template's look too, on a second template.
    addAudience('libreoffice-look', converted[1] ?? converted[0]!, 'template');
  }
  addAudience('own-look', join(root, 'own', 'ukraine-security-guarantees', 'executive.pptx'), 'template');
  const built = await runBriefdeck(
    [
      'build',
      relative(ROOT, REAL_BRIEF),
      relative(ROOT, LONG_BRIEF),
      relative(ROOT, TABLE_BRIEF),
      '--templates',
      templates,
      '--audience',
      audiences.map((a) => a.name).join(','),
      '--format',
      'html,pdf,pptx',
      '--out',
      out,
    ],
    E2E_BROWSER,
  );
  expect(built.code, built.lines.join('\n')).toBe(0);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const deckOf = (name: string) => join(out, 'ukraine-security-guarantees', `${name}.pptx`);
const zipOf = (file: string) => unzipSync(new Uint8Array(readFileSync(file)));

describe.runIf(usable)('PowerPoint files built on an office template', () => {
  it('passes the Open XML SDK validator and the package rules', async () => {
    expect(audiences.length).toBeGreaterThan(0);
    for (const { name } of audiences) {
      expect(await validatorErrors(deckOf(name)), name).toEqual([]);
      expect(packageProblems(new Uint8Array(readFileSync(deckOf(name)))), name).toEqual([]);
    }
  }, 60_000);

  it("keeps the template's masters, layouts, themes and media byte for byte, and none of its slides", async () => {
    for (const { name, template } of audiences) {
      const built = zipOf(deckOf(name));
      const original = zipOf(template);
      const kept = Object.keys(original).filter((part) => /^ppt\/(slideMasters|slideLayouts|theme|media)\//.test(part));
      expect(kept.length, name).toBeGreaterThan(3);
      for (const part of kept)
        expect(Buffer.from(built[part]!).equals(Buffer.from(original[part]!)), `${name}: ${part}`).toBe(true);
      const pdf = await readPdf(join(out, 'ukraine-security-guarantees', `${name}.pdf`));
      const slides = Object.keys(built).filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part));
      expect(slides.length, name).toBe(pdf.pages.length);
    }
  });

  it("puts every slide on one of the template's layouts, its heading in the title placeholder and its points in a content placeholder", () => {
    const { brief } = readBrief(REAL_BRIEF);
    for (const { name, template } of audiences) {
      const built = zipOf(deckOf(name));
      const layouts = Object.keys(zipOf(template)).filter((part) =>
        /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(part),
      );
      const slides = Object.keys(built)
        .filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part))
        .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
      for (const slide of slides) {
        const rels = strFromU8(built[`${slide.replace('slides/', 'slides/_rels/')}.rels`]!);
        const layout = `ppt/slideLayouts/${/slideLayouts\/(slideLayout\d+\.xml)/.exec(rels)![1]}`;
        expect(layouts, `${name} ${slide}`).toContain(layout);
        expect(strFromU8(built[slide]!), `${name} ${slide}`).toMatch(
          /<p:ph type="(?:title|ctrTitle)"\/>[\s\S]*?<a:t>[^<]+<\/a:t>/,
        );
      }
      // The first pillar's slide: its title in the title placeholder, its points in a content one.
      const pillar = brief.pillars[0]!;
      const isTitle = (shape: string) => /<p:ph type="title"\/>/.test(shape);
      const shapes = slides
        .map((slide) => strFromU8(built[slide]!).match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? [])
        .find((found) => found.some((shape) => isTitle(shape) && shape.includes(`<a:t>${pillar.title}</a:t>`)));
      expect(shapes, `${name}: the pillar's own slide`).toBeTruthy();
      const content = shapes!.find(
        (shape) => /<p:ph\b/.test(shape) && !/<p:ph type="(?:title|ctrTitle|ftr|sldNum|dt)"/.test(shape),
      )!;
      const decoded = content
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(decoded).toContain(typeof pillar.points![0] === 'string' ? pillar.points![0] : pillar.points![0]!.text);
      // The template's own styles draw the text: no sizes, colours or fonts of briefdeck's own.
      expect(content).not.toMatch(/<a:rPr[^>]* sz=|<a:latin /);
    }
  });

  it("gives the HTML and PDF of a `theme: template` audience the template's colours and fonts", async () => {
    const browser = await launchBrowser((await resolveBrowser({ BRIEFDECK_BROWSER: 'bundled' })).path);
    try {
      for (const { name, template } of audiences.filter((audience) => audience.look === 'template')) {
        // The template's theme, read here with a plain pattern: its scheme colours and heading font.
        const files = zipOf(template);
        const themePart = Object.keys(files).find((part) => /^ppt\/theme\/theme\d+\.xml$/.test(part))!;
        const theme = strFromU8(files[themePart]!);
        const scheme = /<a:clrScheme[\s\S]*?<\/a:clrScheme>/.exec(theme)![0];
        const colours = [...scheme.matchAll(/(?:srgbClr val|lastClr)="([0-9A-Fa-f]{6})"/g)].map((match) => {
          const value = Number.parseInt(match[1]!, 16);
          return `rgb(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255})`;
        });
        const headingFont = /<a:majorFont>\s*<a:latin typeface="([^"]+)"/.exec(theme)![1]!;
        const page = await browser.newPage();
        await page.goto(pathToFileURL(join(out, 'ukraine-security-guarantees', `${name}.html`)).href);
        const look = await page.evaluate(() => {
          const section = document.querySelectorAll('section')[1]!;
          const heading = section.querySelector('h2')!;
          return {
            text: getComputedStyle(section).color,
            font: getComputedStyle(heading).fontFamily,
            background: getComputedStyle(section).backgroundImage,
          };
        });
        await page.close();
        expect(colours, `${name}: the slide's text colour is one of the template's`).toContain(look.text);
        expect(look.font.split(',')[0]!.replace(/"/g, '').trim(), name).toBe(headingFont);
        expect(look.background, `${name}: the template's background is drawn`).toMatch(/gradient|url\(/);
        // briefdeck's own heading colour is not the template's.
        expect(look.text, name).not.toBe('rgb(20, 50, 92)');
        const pdf = await readPdf(join(out, 'ukraine-security-guarantees', `${name}.pdf`));
        expect(pdf.pages.length, name).toBeGreaterThan(5);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);

  it.runIf(SOFFICE !== undefined)(
    'renders in LibreOffice Impress with every text line on its slide and none running into another',
    async () => {
      const named = join(root, 'impress-in');
      const rendered = join(root, 'impress-out');
      mkdirSync(named);
      const decks = audiences.flatMap(({ name }) =>
        // A chart, and a table continued over three slides with a source line under its last part.
        ['ukraine-security-guarantees', 'critical-minerals-stockpile', 'strategic-reserve-drawdown'].map((slug) => {
          const copy = join(named, `${slug}--${name}.pptx`);
          cpSync(join(out, slug, `${name}.pptx`), copy);
          return copy;
        }),
      );
      execFileSync(
        SOFFICE!,
        [
          '--headless',
          '--norestore',
          `-env:UserInstallation=file://${join(root, 'impress-profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          rendered,
          ...decks,
        ],
        { stdio: 'ignore', timeout: 240_000 },
      );
      for (const deck of decks) {
        const pages = await readPdfLayout(join(rendered, basename(deck).replace(/\.pptx$/, '.pdf')));
        expect(pages.length, deck).toBeGreaterThan(3);
        expect(textProblems(pages), basename(deck)).toEqual([]);
      }
    },
    300_000,
  );

  it("keeps a brief's chart on the template's slides, as a picture with its description, valid by the validator", async () => {
    for (const { name } of audiences) {
      const file = join(out, 'critical-minerals-stockpile', `${name}.pptx`);
      expect(await validatorErrors(file), name).toEqual([]);
      const built = zipOf(file);
      const pictures = Object.keys(built)
        .filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part))
        .flatMap((part) => strFromU8(built[part]!).match(/<p:pic>[\s\S]*?<\/p:pic>/g) ?? []);
      expect(pictures.some((picture) => picture.includes('descr="Bar chart: one country refines 89'))).toBe(true);
      expect(Object.keys(built).some((part) => part.startsWith('ppt/media/briefdeck-image'))).toBe(true);
    }
  }, 60_000);

  it('refuses a template that is not a PowerPoint file, naming the profile, and writes nothing for that audience while the others build', async () => {
    const broken = join(root, 'broken-templates');
    cpSync(templates, broken, { recursive: true });
    writeFileSync(
      join(broken, audiences[0]!.name, `house${audiences[0]!.template.slice(audiences[0]!.template.lastIndexOf('.'))}`),
      'not a template',
    );
    const target = join(root, 'broken-out');
    const run = await runBriefdeck(
      [
        'build',
        relative(ROOT, REAL_BRIEF),
        '--templates',
        broken,
        '--audience',
        `${audiences[0]!.name},executive`,
        '--format',
        'pptx',
        '--out',
        target,
      ],
      E2E_BROWSER,
    );
    const text = run.lines.join('\n');
    expect(run.code).toBe(1);
    expect(text).toContain('the template is not a PowerPoint file');
    expect(text).toMatch(
      new RegExp(`${audiences[0]!.name}/profile\\.yaml: 1 problem, no decks for the ${audiences[0]!.name} audience`),
    );
    expect(text).toContain('1 of 1 brief built');
    const folder = join(target, 'ukraine-security-guarantees');
    expect(existsSync(join(folder, `${audiences[0]!.name}.pptx`))).toBe(false);
    expect(existsSync(join(folder, `${audiences[0]!.name}.md`))).toBe(false);
    expect(await validatorErrors(join(folder, 'executive.pptx'))).toEqual([]);
  }, 120_000);
});
