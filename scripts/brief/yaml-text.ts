import { CORE_SCHEMA, load } from 'js-yaml';
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import { BriefError, BriefErrors } from '../errors.ts';

/** Line and column (1-based) of the field at `path`, or of its nearest existing parent. */
export type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

export interface ParsedYaml {
  data: unknown;
  locate: Locate;
}

// The strict parser is read only when a brief or profile needs it (an error's position, YAML
// beyond the plain kind): a check of plain briefs never loads it.
let strictParser: typeof import('yaml') | undefined;
const yaml = () => {
  strictParser ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return strictParser;
};

// Aliases have no use in a brief or profile; a handful are tolerated, a "billion laughs" fails at once.
const MAX_ALIAS_COUNT = 20;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function offsetOf(doc: Document, path: readonly (string | number)[]): number {
  const { isMap, isScalar, isSeq } = yaml();
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function forbiddenKeyOffsets(doc: Document): [string, number][] {
  const { isMap, isScalar, isSeq } = yaml();
  const found: [string, number][] = [];
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (FORBIDDEN_KEYS.has(key)) found.push([key, (pair.key as Node).range?.[0] ?? 0]);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      node.items.forEach(visit);
    }
  };
  visit(doc.contents);
  return found;
}

// What only the strict parser handles: tags, anchors and aliases, directives, document markers,
// merge keys and the reserved keys. Text holding any of them, or what looks like them, takes the
// strict parser; so does anything the quick parser refuses. The screen runs on every brief a
// check reads, so it is a few quick searches rather than one pattern of many alternatives.
const STRICT_WORDS = ['<<', '__proto__', 'constructor', 'prototype'];
// Directives and document markers, at a line's start.
const DOCUMENT_LINE = /^(?:%|(?:---|\.\.\.)(?:\s|$))/m;
// js-yaml also keeps YAML 1.1's numbers with `_` and `0b`, and reads -0 as 0.
const YAML11_NUMBER = /[0-9]_|_[0-9]|\b0b[01_]|0x_|[-+]0\b/;
const NODE_PROPERTY_MARK = /[!&*]/g;
// A tag, anchor or alias opens a node: at a line's start or after an indicator (`: `, `- `, `[`, …).
const OPENS_A_NODE = ':-?,[{\n\r\u2028\u2029';

function hasNodeProperty(text: string): boolean {
  NODE_PROPERTY_MARK.lastIndex = 0;
  for (let mark = NODE_PROPERTY_MARK.exec(text); mark; mark = NODE_PROPERTY_MARK.exec(text)) {
    let before = mark.index - 1;
    while (before >= 0 && (text[before] === ' ' || text[before] === '\t')) before -= 1;
    if (before < 0 || OPENS_A_NODE.includes(text[before]!)) return true;
  }
  return false;
}

const needsStrictParser = (text: string) =>
  STRICT_WORDS.some((word) => text.includes(word)) ||
  hasNodeProperty(text) ||
  DOCUMENT_LINE.test(text) ||
  YAML11_NUMBER.test(text);

/**
 * Parses YAML strictly and safely: YAML 1.2 core schema (dates stay text), no custom tags,
 * duplicate keys refused, aliases bounded, prototype keys refused. `text` must keep the
 * file's line numbering (for front-matter, gray-matter keeps the newline after `---`).
 *
 * Plain YAML, which is what briefs and profiles are, is read by js-yaml's YAML 1.2 core schema,
 * several times faster and value for value the same; positions are worked out, by the strict
 * parser, only when an error asks for one.
 */
export function parseYamlText(file: string, text: string): ParsedYaml {
  if (!needsStrictParser(text)) {
    let data: unknown;
    try {
      data = load(text, { schema: CORE_SCHEMA });
    } catch {
      return parseStrictly(file, text);
    }
    let strict: ParsedYaml | undefined;
    const locate: Locate = (path) => {
      strict ??= parseStrictly(file, text);
      return strict.locate(path);
    };
    return { data, locate };
  }
  return parseStrictly(file, text);
}

function parseStrictly(file: string, text: string): ParsedYaml {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const problems: BriefError[] = [];
  for (const issue of [...doc.errors, ...doc.warnings]) {
    const duplicate = issue.code === 'DUPLICATE_KEY';
    const message = duplicate
      ? 'duplicate key: this field is already set above'
      : issue.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const hint =
      issue.code === 'TAG_RESOLVE_FAILED'
        ? 'YAML tags (!!js/…, !custom) are not allowed; write plain text'
        : duplicate
          ? 'keep one of the two, or merge them'
          : 'check indentation and quoting on this line';
    problems.push(new BriefError('yaml', message, { file, ...position(issue.pos[0]) }, hint));
  }
  for (const [key, offset] of forbiddenKeyOffsets(doc)) {
    problems.push(
      new BriefError(
        'yaml',
        `the key "${key}" is not allowed`,
        { file, ...position(offset) },
        'rename the field; this name is reserved',
      ),
    );
  }
  if (problems.length > 0) throw new BriefErrors(problems);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    throw new BriefError(
      'yaml',
      'too many YAML aliases',
      { file, ...position(0) },
      'write the values out instead of repeating them with * aliases',
      { cause },
    );
  }
  return { data, locate: (path) => position(offsetOf(doc, path)) };
}
