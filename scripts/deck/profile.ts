import * as z from 'zod';
import { primaryLanguage } from './direction.ts';
import { BriefError, BriefErrors } from '../errors.ts';
import { schemaIssueErrors } from '../brief/field-names.ts';
import { parseYamlText } from '../brief/yaml-text.ts';

/** The slide kinds a profile can list, each with a template of the same name. */
export const SECTION_KINDS = [
  'title',
  'bottom-line',
  'context',
  'pillars-overview',
  'pillar',
  'pros-cons',
  'pros',
  'cons',
  'takeaways',
  'outlook',
  'actions',
  'sources',
  'figures',
  'appendix',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** The read-ahead memo's sections a profile may choose and order with `memo: { sections: [...] }`. */
export const MEMO_SECTIONS = [
  'bottom-line',
  'context',
  'pillars',
  'pros-cons',
  'takeaways',
  'outlook',
  'actions',
  'sources',
] as const;
export type MemoSectionKind = (typeof MEMO_SECTIONS)[number];

const sectionKind = z.enum(SECTION_KINDS, { error: `expected one of: ${SECTION_KINDS.join(', ')}` });
const sectionEntry = z.strictObject({
  kind: sectionKind,
  /** Items per slide before a list continues on the next slide. */
  perSlide: z.int().min(1).max(50).optional(),
  /** Show each item's detail or summary, not only its title. */
  details: z.boolean().optional(),
});

const profileSchema = z.strictObject({
  label: z.string().min(1),
  /** The label in other languages, by BCP 47 tag (`fr`, `zh-TW`): what a deck in that language shows. */
  labelByLanguage: z.record(z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/), z.string().min(1)).optional(),
  description: z.string().optional(),
  theme: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'a theme name in lower case letters, digits and dashes' }),
  notes: z.boolean().default(true),
  marking: z.string().optional(),
  maxSlides: z.int().min(1).optional(),
  sections: z
    .array(z.preprocess((value) => (typeof value === 'string' ? { kind: value } : value), sectionEntry))
    .min(1, { error: 'list at least one section' }),
  /**
   * The office's logo on the title slide, beside profile.yaml (`logo.png` there is taken without
   * naming it); `alt` describes it where the slide does not name the office in its text.
   */
  logo: z
    .preprocess(
      (value) => (typeof value === 'string' ? { file: value } : value),
      z.strictObject({
        file: z.string().regex(/^[^/\\]+\.(png|jpe?g|gif|webp)$/i, {
          error: 'a PNG, JPEG, GIF or WebP file name, beside profile.yaml',
        }),
        alt: z.string().default(''),
      }),
    )
    .optional(),
  /** The read-ahead memo: who it is to, its paper, its sections and their order, pros and cons as a table or lists. */
  memo: z
    .strictObject({
      to: z.string().min(1).optional(),
      paper: z.enum(['a4', 'letter'], { error: 'expected a4 or letter' }).optional(),
      sections: z
        .array(z.enum(MEMO_SECTIONS, { error: `expected one of: ${MEMO_SECTIONS.join(', ')}` }))
        .min(1, { error: 'list at least one section' })
        .optional(),
      prosCons: z.enum(['table', 'lists'], { error: 'expected table or lists' }).optional(),
      /** The office's Word template, beside profile.yaml, whose styles the Word memo takes. */
      template: z
        .string()
        .regex(/^[^/\\]+\.(dotx|docx)$/i, { error: 'a .dotx or .docx file name, beside profile.yaml' })
        .optional(),
    })
    .optional(),
  /** The office's PowerPoint template the audience's PPTX is built on, beside profile.yaml. */
  pptx: z
    .strictObject({
      template: z.string().regex(/^[^/\\]+\.(potx|pptx|potm|pptm)$/i, {
        error: 'a .potx or .pptx file name, beside profile.yaml',
      }),
      /** Slide kind → layout name, where a kind should go on another layout than the one chosen. */
      layouts: z.partialRecord(sectionKind, z.string().min(1)).optional(),
    })
    .optional(),
});

/** `theme: template` takes the look of the PowerPoint template, so it needs one. */
const TEMPLATE_THEME = 'template';

export type SectionEntry = z.output<typeof sectionEntry>;

/** An audience profile: which sections a deck shows, in which order, with which look. */
export interface AudienceProfile extends z.output<typeof profileSchema> {
  name: string;
  file: string;
}

/** Parses `templates/<name>/profile.yaml`. */
export function parseProfile(name: string, file: string, text: string): AudienceProfile {
  const { data, locate } = parseYamlText(file, text);
  const result = profileSchema.safeParse(data ?? {});
  if (!result.success) {
    throw new BriefErrors(
      schemaIssueErrors(profileSchema, result.error.issues, {
        code: 'profile',
        file,
        data,
        locate,
        reference: 'the audience profiles',
      }),
    );
  }
  if (result.data.theme === TEMPLATE_THEME && !result.data.pptx) {
    throw new BriefError(
      'profile',
      'theme: template takes its look from a PowerPoint template, and the profile names none',
      { file, ...locate(['theme']), field: ['theme'] },
      'add pptx: { template: house.potx } with the template beside profile.yaml, or name a theme',
    );
  }
  return { ...result.data, name, file };
}

/** Whether the audience's HTML and PDF take their look from its PowerPoint template. */
export const usesTemplateTheme = (profile: AudienceProfile) => profile.theme === TEMPLATE_THEME;

/** The audience's label for a deck in `lang`: its exact tag, then its language, then `label`. */
export function audienceLabel(profile: Pick<AudienceProfile, 'label' | 'labelByLanguage'>, lang: string): string {
  const byLanguage = new Map(
    Object.entries(profile.labelByLanguage ?? {}).map(([tag, label]) => [tag.toLowerCase(), label]),
  );
  const tag = lang.toLowerCase();
  return byLanguage.get(tag) ?? byLanguage.get(primaryLanguage(tag)) ?? profile.label;
}
