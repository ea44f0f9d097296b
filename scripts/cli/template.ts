import { readFileSync } from 'node:fs';
import { BriefError } from '../errors.ts';
import {
  chooseLayouts,
  FONT_STAND_INS,
  type LayoutRole,
  readPptxTemplate,
  ROLE_OF_KIND,
} from '../export/pptx/template.ts';

const ROLE_WORDS: Record<LayoutRole, string> = {
  title: 'a centred title',
  list: 'a title and one content placeholder',
  comparison: 'a title and two content placeholders',
};

/** `briefdeck template check FILE`: what briefdeck finds in a PowerPoint template and what it will do with it. */
export function runTemplateCheck(args: string[], stdout: (text: string) => void): number {
  const [action, file, ...rest] = args;
  if (action !== 'check' || !file || rest.length > 0) {
    throw new BriefError(
      'usage',
      action === 'check' ? 'name one template to check' : `unknown template action "${action ?? ''}"`,
      { file: 'briefdeck template' },
      'briefdeck template check templates/house/house.potx',
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new BriefError('read', 'no such template', { file }, 'give the path of a .potx or .pptx', { cause });
  }
  const template = readPptxTemplate(file, bytes);
  const lines = [`template: ${file}`];
  const font = (name: string | undefined) =>
    name ? `${name}${FONT_STAND_INS[name] ? ` (where it is missing: ${FONT_STAND_INS[name]})` : ''}` : 'none named';
  lines.push(`fonts: headings ${font(template.fonts.heading)}; body ${font(template.fonts.body)}`);
  template.masters.forEach((master, index) => {
    lines.push(`master ${index + 1} (${master.part}): ${master.layouts.length} layouts`);
    for (const layout of master.layouts) {
      const placeholders = layout.placeholders.map((ph) => (ph.idx ? `${ph.type} ${ph.idx}` : ph.type)).join(', ');
      lines.push(
        `  ${layout.name || '(unnamed)'}${layout.type ? ` [${layout.type}]` : ''}: ${placeholders || 'no placeholders'}`,
      );
    }
  });
  const { byKind, byRole } = chooseLayouts(template);
  lines.push('slide kinds:');
  const kindsByLayout = new Map<string, string[]>();
  for (const [kind, layout] of byKind)
    kindsByLayout.set(layout.name, [...(kindsByLayout.get(layout.name) ?? []), kind]);
  for (const [name, kinds] of kindsByLayout) lines.push(`  ${kinds.join(', ')} → ${name}`);
  const missing = (['title', 'comparison'] as const).filter((role) => byRole.get(role) === byRole.get('list'));
  for (const role of missing) {
    const kinds = Object.entries(ROLE_OF_KIND)
      .filter(([, wanted]) => wanted === role)
      .map(([kind]) => kind);
    lines.push(
      `missing: no layout with ${ROLE_WORDS[role]}; ${kinds.join(', ')} ${kinds.length === 1 ? 'goes' : 'go'} on ${byRole.get('list')!.name}`,
      `  hint: add such a layout in PowerPoint (View › Slide Master), or name one under pptx.layouts in the profile`,
    );
  }
  stdout(lines.join('\n'));
  return 0;
}
