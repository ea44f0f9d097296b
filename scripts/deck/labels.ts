import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { BriefError, BriefErrors } from '../errors.ts';
import { schemaIssueErrors } from '../brief/field-names.ts';
import { parseYamlText } from '../brief/yaml-text.ts';
import { primaryLanguage } from './direction.ts';

/** Every word a template may show around a brief's text; `templates/labels/en.yaml` gives them all. */
const LABEL_KEYS = [
  'briefing',
  'audienceBriefing',
  'bottomLine',
  'context',
  'pillarsOverview',
  'pillar',
  'of',
  'continued',
  'cont',
  'prosAndCons',
  'pros',
  'cons',
  'prosInDetail',
  'consInDetail',
  'noneForAudience',
  'takeaways',
  'outlook',
  'actions',
  'sources',
  'figure',
  'barChart',
  'columnChart',
  'stackedBarChart',
  'stackedColumnChart',
  'lineChart',
  'pieChart',
  'dataTable',
  'highest',
  'lowest',
  'inUnit',
  'source',
  'memoTo',
  'memoFrom',
  'memoDate',
  'memoSubject',
  'memoPillars',
  'memoProsCons',
  'memoActions',
  'memoPage',
  'handoutSlide',
  'handoutNotes',
  'handoutPresenterNotes',
] as const;
export type Labels = Record<(typeof LABEL_KEYS)[number], string>;

const labelFile = z.strictObject(
  Object.fromEntries(LABEL_KEYS.map((key) => [key, z.string({ error: 'expected text' }).optional()])) as Record<
    (typeof LABEL_KEYS)[number],
    z.ZodOptional<z.ZodString>
  >,
);

/** The label files one audience can draw on: its own, and one per language. */
export interface LabelFiles {
  audience?: Partial<Labels>;
  byLanguage: Map<string, Partial<Labels>>;
}

const LABELS_FOLDER = 'labels';
const FALLBACK_LANGUAGE = 'en';

function readLabels(file: string): Partial<Labels> {
  const { data, locate } = parseYamlText(file, readFileSync(file, 'utf8'));
  const result = labelFile.safeParse(data ?? {});
  if (result.success)
    return Object.fromEntries(
      Object.entries(result.data).filter(([, value]) => value !== undefined),
    ) as Partial<Labels>;
  throw new BriefErrors(
    schemaIssueErrors(labelFile, result.error.issues, { code: 'labels', file, data, locate, reference: 'the labels' }),
  );
}

/** Reads `templates/labels/<lang>.yaml`, one set of labels per language, shared by every audience. */
export function readLanguageLabels(root: string): Map<string, Partial<Labels>> {
  const folder = join(root, LABELS_FOLDER);
  const byLanguage = new Map<string, Partial<Labels>>();
  for (const name of existsSync(folder)
    ? readdirSync(folder)
        .filter((entry) => entry.endsWith('.yaml'))
        .sort()
    : []) {
    byLanguage.set(name.slice(0, -'.yaml'.length).toLowerCase(), readLabels(join(folder, name)));
  }
  const fallback = byLanguage.get(FALLBACK_LANGUAGE);
  const missing = LABEL_KEYS.filter((key) => fallback?.[key] === undefined);
  if (missing.length > 0) {
    throw new BriefError(
      'labels',
      `the English labels lack ${missing.join(', ')}`,
      { file: join(folder, `${FALLBACK_LANGUAGE}.yaml`) },
      'every other language falls back to these, so each key needs a value here',
    );
  }
  return byLanguage;
}

/** The language labels and the audience's own `templates/<audience>/labels.yaml`. */
export function loadLabelFiles(
  root: string,
  audience: string,
  byLanguage: Map<string, Partial<Labels>> = readLanguageLabels(root),
): LabelFiles {
  const own = join(root, audience, 'labels.yaml');
  return { audience: existsSync(own) ? readLabels(own) : undefined, byLanguage };
}

/**
 * The labels for a brief in `lang`, key by key from the first place that has it: the audience's
 * own labels.yaml, the exact language (`de-ch.yaml`), its primary language (`de.yaml`), English.
 */
export function resolveLabels(files: LabelFiles, lang: string): Labels {
  const tag = lang.toLowerCase();
  let byTag = resolved.get(files);
  if (!byTag) {
    byTag = new Map();
    resolved.set(files, byTag);
  }
  let labels = byTag.get(tag);
  if (!labels) {
    const layers = [
      files.byLanguage.get(FALLBACK_LANGUAGE),
      files.byLanguage.get(primaryLanguage(tag)),
      files.byLanguage.get(tag),
      files.audience,
    ];
    labels = Object.freeze(Object.assign({}, ...layers.filter(Boolean))) as Labels;
    byTag.set(tag, labels);
  }
  return labels;
}

// One object per audience and language, so every deck of a build shares its labels, and the
// renderer escapes them once (deck/render.ts keeps their escaped copy by the object).
const resolved = new WeakMap<LabelFiles, Map<string, Labels>>();
