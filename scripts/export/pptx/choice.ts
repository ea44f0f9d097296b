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

// Each audience's last good choice, by what it was made from (the template's path and
// modification time, the profile's layouts and theme): the dev server, building again on every
// save, reads a template again only when it or the profile changed.
const made = new Map<string, { key: string; choice: TemplateChoice }>();

function readTemplateChoice(profile: AudienceProfile): TemplateChoice {
  const file = join(dirname(profile.file), profile.pptx!.template);
  let modified: number;
  try {
    modified = statSync(file).mtimeMs;
  } catch (cause) {
    throw missingTemplate(profile, cause);
  }
  const key = JSON.stringify([file, modified, profile.pptx!.layouts ?? {}, usesTemplateTheme(profile)]);
  const earlier = made.get(profile.file);
  if (earlier?.key === key) return earlier.choice;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw missingTemplate(profile, cause);
  }
  const template = readPptxTemplate(file, bytes);
  chooseLayouts(template, profile.pptx!.layouts, { file: profile.file });
  const look = usesTemplateTheme(profile) ? readTemplateLook(template, profile.pptx!.layouts) : undefined;
  const choice = { template, layouts: profile.pptx!.layouts, look };
  made.set(profile.file, { key, choice });
  return choice;
}

const missingTemplate = (profile: AudienceProfile, cause: unknown) =>
  new BriefError(
    'template',
    `pptx.template: no file ${profile.pptx!.template} beside the profile`,
    { file: profile.file, field: ['pptx', 'template'] },
    'put the .potx beside profile.yaml, or correct its name',
    { cause },
  );
