import Handlebars from 'handlebars';
import { remembering } from '../remember.ts';
import type { TemplateSource } from './render.ts';

// A check fills no slide it can prove would fill for every brief. A template can only fail on
// a value it looks up that is not there (strict mode), on a partial that does not exist, or by
// writing a `---` line; brief values are escaped and never hold a line break or a bare dash. So
// a template whose every lookup resolves in the data its slide kind always has, whose partials
// exist and whose text cannot make a dash line, fills for any brief. Whatever this cannot follow
// (block parameters, `lookup`, hashes, decorators) is simply not proven, and is filled as before.

/**
 * What a template may look up in a value: the keys an object always has, what every item of a
 * list is, or nothing below it (text, numbers, `undefined`). `absent` is a value known to be
 * `undefined` for every brief (an audience's missing logo): an `{{#if}}` on it never runs.
 */
export type Shape =
  | { kind: 'object'; keys: ReadonlyMap<string, Shape> }
  | { kind: 'list'; item?: Shape }
  | { kind: 'leaf' }
  | { kind: 'absent' };

const LEAF: Shape = { kind: 'leaf' };
const ABSENT: Shape = { kind: 'absent' };

/**
 * The shape of template data as renderSlide builds it. `constant` values are the same for every
 * brief (an audience's labels and logo); any other `undefined` may be text in another brief.
 */
export function shapeOf(value: unknown, constant = false): Shape {
  if (value instanceof Handlebars.SafeString) return LEAF;
  if (Array.isArray(value)) {
    const items = value.map((item) => shapeOf(item, constant));
    return { kind: 'list', item: items.length > 0 ? items.reduce(mergeShapes) : undefined };
  }
  if (value !== null && typeof value === 'object') {
    const keys = new Map<string, Shape>();
    for (const key in value) keys.set(key, shapeOf((value as Record<string, unknown>)[key], constant));
    return { kind: 'object', keys };
  }
  return value === undefined && constant ? ABSENT : LEAF;
}

/** What two values of one place both allow: the keys both have, the items both lists hold. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a.kind === 'object' && b.kind === 'object') {
    const keys = new Map<string, Shape>();
    for (const [key, shape] of a.keys) {
      const other = b.keys.get(key);
      if (other) keys.set(key, mergeShapes(shape, other));
    }
    return { kind: 'object', keys };
  }
  if (a.kind === 'list' && b.kind === 'list') {
    const item = a.item && b.item ? mergeShapes(a.item, b.item) : (a.item ?? b.item);
    return { kind: 'list', item };
  }
  return a.kind === 'absent' && b.kind === 'absent' ? ABSENT : LEAF;
}

/** Whether `value` has at least what `shape` promises: the test that a shape holds for real briefs. */
export function shapeHolds(shape: Shape, value: unknown): boolean {
  if (shape.kind === 'object') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    if (value instanceof Handlebars.SafeString) return false;
    return [...shape.keys].every(([key, inner]) => key in value && shapeHolds(inner, (value as never)[key]));
  }
  if (shape.kind === 'list') {
    if (!Array.isArray(value)) return false;
    return value.every((item) => shape.item !== undefined && shapeHolds(shape.item, item));
  }
  return shape.kind === 'leaf' || value === undefined;
}

/** Where a lookup starts: the context Handlebars is in, the one around it, and whether in an `{{#each}}`. */
interface Frame {
  shape: Shape;
  parent?: Frame;
  inEach: boolean;
}

/** What the proof could not follow: the template is then filled by every check, as before. */
class Unproven extends Error {}

/** A template's syntax tree, read once per source; none for a source that does not parse. */
const parse = remembering((source: string): hbs.AST.Program | undefined => {
  try {
    return Handlebars.parse(source);
  } catch {
    return undefined;
  }
});

/**
 * Template text that could make a `---` line: one of its own, or a line that ends in dashes,
 * which whatever comes next (a value, a loop's next turn, a partial) might continue. Brief values
 * never hold a bare dash, so dashes from two places only meet where the first text ends in one.
 */
function mayMakeDashLine(text: string): boolean {
  const lines = text.split('\n');
  return lines.some((line) => /^\s*---\s*$/.test(line)) || /^\s*-+$/.test(lines.at(-1)!);
}

const EACH_DATA = new Set(['index', 'first', 'last', 'key']);
/** Handlebars' own helpers: `{{log}}` calls one, whatever the data holds. */
const HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'helperMissing', 'blockHelperMissing']);

class Prover {
  private partialDepth = 0;

  constructor(
    private readonly partials: ReadonlyMap<string, TemplateSource>,
    private readonly root: Shape,
  ) {}

  program(program: hbs.AST.Program | undefined, frame: Frame): void {
    for (const statement of program?.body ?? []) this.statement(statement, frame);
  }

  private statement(node: hbs.AST.Statement, frame: Frame): void {
    switch (node.type) {
      case 'ContentStatement':
        if (mayMakeDashLine((node as hbs.AST.ContentStatement).value))
          throw new Unproven('text that could make a --- line');
        return;
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        const path = mustache.path as hbs.AST.PathExpression;
        if (mustache.params.length > 0 || mustache.hash || path.type !== 'PathExpression' || HELPERS.has(path.original))
          throw new Unproven('a helper call or a hash');
        this.resolve(path, frame);
        return;
      }
      case 'BlockStatement':
        this.block(node as hbs.AST.BlockStatement, frame);
        return;
      case 'PartialStatement':
        this.partial(node as hbs.AST.PartialStatement, frame);
        return;
      default:
        throw new Unproven(`${node.type}, which the proof does not follow`);
    }
  }

  private block(block: hbs.AST.BlockStatement, frame: Frame): void {
    const helper = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
    if (block.hash || block.params.length !== 1 || block.program?.blockParams?.length)
      throw new Unproven('a block with block parameters, a hash or several parameters');
    const param = block.params[0]!;
    const shape =
      param.type === 'PathExpression' ? this.resolve(param as hbs.AST.PathExpression, frame) : literal(param);
    if (helper === 'if' || helper === 'unless') {
      // A value no brief sets is never true: the branch that needs it never runs.
      const never = shape.kind === 'absent';
      if (!(never && helper === 'if')) this.program(block.program, frame);
      if (!(never && helper === 'unless')) this.program(block.inverse, frame);
      return;
    }
    if (helper === 'each' && shape.kind === 'list') {
      if (shape.item) this.program(block.program, { shape: shape.item, parent: frame, inEach: true });
      this.program(block.inverse, frame);
      return;
    }
    if (helper === 'with' && shape.kind === 'object') {
      this.program(block.program, { shape, parent: frame, inEach: frame.inEach });
      this.program(block.inverse, frame);
      return;
    }
    if (helper === 'each' && shape.kind === 'absent') {
      this.program(block.inverse, frame);
      return;
    }
    throw new Unproven(`{{#${helper}}} on a value it may not fit`);
  }

  private partial(node: hbs.AST.PartialStatement, frame: Frame): void {
    if (node.params.length > 0 || node.hash || node.name.type !== 'PathExpression')
      throw new Unproven('a partial with parameters or a dynamic name');
    const partial = this.partials.get((node.name as hbs.AST.PathExpression).original);
    const program = partial && parse(partial.source);
    // A partial that includes itself, or one that does not parse, is left to a real fill.
    if (!program || this.partialDepth > 8)
      throw new Unproven('a partial that is missing, does not parse, or includes itself');
    this.partialDepth++;
    this.program(program, frame);
    this.partialDepth--;
  }

  /** The shape a path reaches, as strict mode looks it up; anything strict mode could throw on is unproven. */
  private resolve(path: hbs.AST.PathExpression, frame: Frame): Shape {
    let shape: Shape;
    let parts = path.parts;
    if (path.data) {
      const [name, ...rest] = parts;
      if (name === 'root') {
        shape = this.root;
        parts = rest;
      } else if (frame.inEach && EACH_DATA.has(name!) && rest.length === 0) return LEAF;
      else throw new Unproven(`@${parts[0]} outside the loop that sets it`);
    } else {
      let at: Frame | undefined = frame;
      for (let depth = 0; depth < path.depth; depth++) at = at?.parent;
      if (!at) throw new Unproven('../ above the template');
      shape = at.shape;
    }
    for (const part of parts) {
      const next = shape.kind === 'object' ? shape.keys.get(part) : undefined;
      if (!next) throw new Unproven(`${part}, which the slide may not have`);
      shape = next;
    }
    return shape;
  }
}

/** A literal parameter, `{{#if true}}`: something below which nothing is looked up. */
function literal(param: hbs.AST.Expression): Shape {
  if (['StringLiteral', 'NumberLiteral', 'BooleanLiteral'].includes(param.type)) return LEAF;
  if (param.type === 'UndefinedLiteral' || param.type === 'NullLiteral') return ABSENT;
  throw new Unproven(`a ${param.type} parameter`);
}

/**
 * Whether `template` fills without error for any data of `shape`, with `partials` as its
 * partials: every lookup resolves, every partial exists, no text can form a `---` line.
 */
export function fillsForAnyBrief(
  template: TemplateSource,
  partials: ReadonlyMap<string, TemplateSource>,
  shape: Shape,
): boolean {
  const program = parse(template.source);
  if (!program) return false;
  try {
    new Prover(partials, shape).program(program, { shape, inEach: false });
    return true;
  } catch (error) {
    if (error instanceof Unproven) return false;
    throw error;
  }
}
