import matter from 'gray-matter';
import { BriefError } from '../errors.ts';
import { parseYamlText, type Locate } from './yaml-text.ts';

/** A brief file as read from disk, before anything is parsed. */
export interface BriefSource {
  file: string;
  bytes: Uint8Array;
}

/** The parsed front-matter and body of a brief, with a way back to source positions. */
export interface LoadedBrief {
  file: string;
  data: Record<string, unknown>;
  body: string;
  bodyLine: number;
  locate: Locate;
}

const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

function refuseEngine(name: string) {
  return () => {
    throw new Error(`front-matter language "${name}" is refused`);
  };
}

// gray-matter evaluates JavaScript front-matter by default; every engine but ours is replaced.
const SAFE_ENGINES = {
  yaml: { parse: () => ({}) },
  javascript: refuseEngine('javascript'),
  js: refuseEngine('js'),
  coffee: refuseEngine('coffee'),
  json: refuseEngine('json'),
  toml: refuseEngine('toml'),
};

function decodeText(source: BriefSource): string {
  const where = { file: source.file };
  if (source.bytes.includes(0)) {
    throw new BriefError(
      'binary',
      'this is a binary file, not a Markdown brief',
      where,
      'a brief is a UTF-8 text file ending in .md',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(source.bytes);
  } catch (cause) {
    throw new BriefError('binary', 'the file is not valid UTF-8 text', where, 'save the brief as UTF-8', { cause });
  }
}

/** The language named after the opening `---` (as in `---js`), which gray-matter would otherwise honour. */
function frontMatterLanguage(text: string): string {
  const firstLine = text.slice(3, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return firstLine.trim().toLowerCase();
}

function lineCount(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

/** Parses a brief's bytes into front-matter data and body, refusing anything but plain YAML. */
export function loadBrief(source: BriefSource): LoadedBrief {
  const { file } = source;
  const decoded = decodeText(source).replace(/^\uFEFF/, '');
  // Most briefs hold no carriage return: one search is cheaper than a replacement over the whole text.
  const text = decoded.includes('\r') ? decoded.replace(/\r\n?/g, '\n') : decoded;
  if (text.trim() === '') {
    throw new BriefError(
      'empty',
      'the file is empty',
      { file },
      'start the brief with front-matter: ---, title: …, ---',
    );
  }
  if (!text.startsWith('---')) {
    throw new BriefError(
      'front-matter',
      'no front-matter found',
      { file, line: 1, column: 1 },
      'a brief starts with a line "---", then its YAML sections, then another "---"',
    );
  }
  const language = frontMatterLanguage(text);
  if (!YAML_LANGUAGES.has(language)) {
    throw new BriefError(
      'front-matter',
      `front-matter language "${language}" is not allowed`,
      { file, line: 1, column: 4 },
      'briefdeck reads YAML front-matter only: make the first line exactly "---"',
    );
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    throw new BriefError(
      'front-matter',
      'the front-matter is never closed',
      { file, line: 1, column: 1 },
      'end the YAML sections with a line "---"',
    );
  }

  const parsed = matter(text, { language: 'yaml', engines: SAFE_ENGINES });
  const { data, locate } = parseYamlText(file, parsed.matter);
  if (data === undefined || data === null || typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data)
      ? 'a list'
      : data === undefined || data === null
        ? 'empty'
        : `a single ${typeof data} value`;
    throw new BriefError(
      'front-matter',
      `the front-matter is ${kind}, not a set of fields`,
      { file, line: 2, column: 1 },
      'write the sections as "field: value" lines, such as "title: …"',
    );
  }

  const bodyLine = lineCount(text.slice(0, text.length - parsed.content.length)) + 1;
  return {
    file,
    data: data as Record<string, unknown>,
    body: parsed.content,
    bodyLine,
    locate,
  };
}
