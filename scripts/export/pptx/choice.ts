import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type AudienceProfile, usesTemplateTheme } from '../../deck/profile.ts';
import { BriefError, type BriefErrors, isBriefError, listBriefErrors } from '../../errors.ts';
import type { TemplateChoice } from './on-template.ts';
import { readTemplateLook } from './look.ts';
import { chooseLayouts, readPptxTemplate } from './template.ts';

// Each audience's PowerPoint template, read and checked once per build, before any brief: a
// template that is not a PowerPoint file, is encrypted, holds macros or has no usable layout
// fails its audience alone.

/** The templates of the audiences that have one, and the problems of those that cannot be used. */
export interface AudienceTemplates {
  choices: Map<string, TemplateChoice>;
  refused: { profile: AudienceProfile; errors: BriefError[] }[];
}

export function readAudienceTemplates(profiles: readonly AudienceProfile[]): AudienceTemplates {
  const choices = new Map<string, TemplateChoice>();
  const refused: AudienceTemplates['refused'] = [];
  for (const profile of profiles) {
    if (!profile.pptx) continue;
    try {
      choices.set(profile.name, readTemplateChoice(profile));
    } catch (error) {
      if (!isBriefError(error)) throw error;
      refused.push({ profile, errors: listBriefErrors(error as BriefError | BriefErrors) });
    }
  }
  return { choices, refused };
}

// Kept by path and modification time, so the dev server sees a template saved again.
const read = new Map<string, Uint8Array>();

function readTemplateChoice(profile: AudienceProfile): TemplateChoice {
  const file = join(dirname(profile.file), profile.pptx!.template);
  let bytes: Uint8Array | undefined;
  try {
    const key = `${file}\0${statSync(file).mtimeMs}`;
    bytes = read.get(key);
    if (!bytes) {
      bytes = readFileSync(file);
      read.set(key, bytes);
    }
  } catch (cause) {
    throw new BriefError(
      'template',
      `pptx.template: no file ${profile.pptx!.template} beside the profile`,
      { file: profile.file, field: ['pptx', 'template'] },
      'put the .potx beside profile.yaml, or correct its name',
      { cause },
    );
  }
  const template = readPptxTemplate(file, bytes);
  chooseLayouts(template, profile.pptx!.layouts, { file: profile.file });
  const look = usesTemplateTheme(profile) ? readTemplateLook(template, profile.pptx!.layouts) : undefined;
  return { template, layouts: profile.pptx!.layouts, look };
}
