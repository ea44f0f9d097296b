// An office's Word template (.dotx) for its memos: its styles.xml becomes the memo's, so the memo
// takes the office's fonts, colours and spacing. It must define the styles the memo uses.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { BriefError } from '../errors.ts';

/** The styles every memo paragraph names: Word's own ids for them. */
export const MEMO_STYLE_IDS = ['Title', 'Heading1', 'Heading2', 'ListBullet', 'ListNumber'] as const;

export interface WordTemplate {
  file: string;
  /** The template's word/styles.xml. */
  styles: string;
  /** The ids of the paragraph styles it defines. */
  ids: ReadonlySet<string>;
}

/** Reads and checks a .dotx (or .docx) beside a profile, naming any style the memo needs that it lacks. */
export function readWordTemplate(file: string, profileFile: string): WordTemplate {
  let styles: string | undefined;
  try {
    const part = unzipSync(new Uint8Array(readFileSync(file)), { filter: (entry) => entry.name === 'word/styles.xml' })[
      'word/styles.xml'
    ];
    styles = part ? strFromU8(part) : undefined;
  } catch (cause) {
    throw new BriefError(
      'profile',
      `the Word template ${file} cannot be read: ${(cause as Error).message}`,
      { file: profileFile, field: ['memo', 'template'] },
      'save the template from Word as a .dotx beside profile.yaml',
      { cause },
    );
  }
  if (!styles)
    throw new BriefError(
      'profile',
      `${file} is not a Word template: it has no word/styles.xml`,
      { file: profileFile, field: ['memo', 'template'] },
      'save the template from Word as a .dotx beside profile.yaml',
    );
  const ids = new Set(
    [...styles.matchAll(/<w:style\b[^>]*w:type="paragraph"[^>]*w:styleId="([^"]+)"/g)].map((match) => match[1]!),
  );
  for (const match of styles.matchAll(/<w:style\b[^>]*w:styleId="([^"]+)"[^>]*w:type="paragraph"/g)) ids.add(match[1]!);
  const missing = MEMO_STYLE_IDS.filter((id) => !ids.has(id));
  if (missing.length > 0)
    throw new BriefError(
      'profile',
      `the Word template ${file} lacks the paragraph styles ${missing.join(', ')}`,
      { file: profileFile, field: ['memo', 'template'] },
      'in Word, apply each of Title, Heading 1, Heading 2, List Bullet and List Number once in the template and save it, so that they are defined',
    );
  return { file, styles, ids };
}
