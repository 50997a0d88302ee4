import { createRequire } from 'node:module';
import { invalidValue } from '../domain/errors.js';
import type { Change } from '../state/changeFeed.js';
import { zuoraFields } from './fieldNames.js';
import { EVENT_TRIGGERS } from './model.js';

// Zuora's trigger conditions are Apache Commons JEXL. The jexl package speaks a close cousin: the
// same literals, comparisons, `&&`, `||`, `!` and parentheses. What it lacks is JEXL's `=~` ("in
// the list, or matches the pattern") and `=^` ("starts with", which Zuora's condition builder
// offers), so a private instance adds them; the global instance stays untouched for anyone else.

/** The parts of a jexl parse tree this module reads; jexl ships no type declarations. */
interface AstNode {
  type: string;
  value?: unknown;
  from?: AstNode;
  relative?: boolean;
  operator?: string;
  left?: AstNode;
  right?: AstNode;
  name?: string;
}

/** An operator of jexl's grammar: evaluated on its operands' values, or (`&&`, `||`) on demand. */
interface GrammarElement {
  eval?: (...operands: unknown[]) => unknown;
  evalOnDemand?: unknown;
}

interface JexlExpression {
  compile(): JexlExpression;
  evalSync(context: object): unknown;
  /** The parse tree, set by compile(); jexl offers no public accessor for it. */
  _ast: AstNode | null;
}

interface JexlInstance {
  addBinaryOp(operator: string, precedence: number, evaluate: (left: unknown, right: unknown) => unknown): void;
  createExpression(text: string): JexlExpression;
  /** The operators, Zuora's included; jexl offers no public accessor for them. */
  _grammar: { elements: Readonly<Record<string, GrammarElement>> };
}


/** jexl's precedence of `==` and the other comparisons. */
const COMPARISON_PRECEDENCE = 20;

/** Patterns written in conditions, compiled once; a pattern read from a record is compiled each time it is used. */
const patterns = new Map<string, RegExp>();

/** JEXL matches a pattern against the whole value, as Java's String.matches does. */
const pattern = (source: string): RegExp => patterns.get(source) ?? new RegExp(`^(?:${source})$`);

/** Strings, numbers and booleans can be matched as text; null, lists and records cannot. */
const isScalar = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

let shared: JexlInstance | undefined;

/** The condition language, with Zuora's operators; jexl is loaded on the first condition, not at start. */
function language(): JexlInstance {
  if (shared) return shared;
  const { Jexl } = createRequire(import.meta.url)('jexl') as { Jexl: new () => JexlInstance };
  shared = new Jexl();
  shared.addBinaryOp('=~', COMPARISON_PRECEDENCE, (left, right) => {
    if (Array.isArray(right)) return right.includes(left);
    return typeof right === 'string' && isScalar(left) && pattern(right).test(String(left));
  });
  shared.addBinaryOp('=^', COMPARISON_PRECEDENCE, (left, right) => typeof right === 'string' && isScalar(left) && String(left).startsWith(right));
  return shared;
}

/** Names a condition may use besides object names. jexl has no `null` literal, so it is a name bound to null. */
const KEYWORDS = new Set(['changeType', 'null']);
const CONSTANTS = { null: null };

export interface CompiledCondition {
  readonly text: string;
  /** The objects the condition reads (`Invoice` in `Invoice.Balance == 0`), without `changeType`. */
  readonly objects: readonly string[];
  /** Whether the change described by `context` (see conditionContext) satisfies the condition. */
  matches(context: Record<string, unknown>): boolean;
}

const compiled = new Map<string, CompiledCondition>();

/** Parses a trigger condition once per distinct text; throws InvalidValue naming what is wrong with it. */
export function compileCondition(text: string): CompiledCondition {
  const cached = compiled.get(text);
  if (cached) return cached;
  const expression = parse(text);
  const nodes = [...walk(expression._ast)];
  for (const node of nodes) checkNode(node);
  const objects = new Set<string>();
  for (const node of nodes) {
    if (node.type === 'Identifier' && !node.from && !node.relative && !KEYWORDS.has(String(node.value))) objects.add(String(node.value));
  }
  const tree = expression._ast;
  const evaluate = (tree && direct(tree, language()._grammar.elements)) ?? ((context) => expression.evalSync(context));
  const condition: CompiledCondition = {
    text,
    objects: [...objects],
    matches: (context) => {
      try {
        return evaluate({ ...CONSTANTS, ...context }) === true;
      } catch {
        // A condition that cannot be evaluated on this change (a bad pattern, say) does not fire.
        return false;
      }
    },
  };
  compiled.set(text, condition);
  return condition;
}

type Evaluate = (context: Record<string, unknown>) => unknown;

/**
 * The condition as a function of its context, made once from its parse tree: jexl's evalSync walks
 * the tree through a chain of promise-like objects on every call, some 18 us a condition on every
 * change a trigger sees. Node by node this does what jexl's evaluator does (its handlers for these
 * node types), with jexl's own operators; undefined for a tree holding a node it does not take,
 * which jexl then evaluates itself.
 */
function direct(node: AstNode, elements: Readonly<Record<string, GrammarElement>>): Evaluate | undefined {
  switch (node.type) {
    case 'Literal': {
      const { value } = node;
      return () => value;
    }
    case 'Identifier': {
      if (node.relative) return undefined;
      const name = String(node.value);
      if (!node.from) return (context) => context[name];
      const from = direct(node.from, elements);
      if (!from) return undefined;
      return (context) => {
        let subject = from(context);
        if (subject === undefined || subject === null) return undefined;
        if (Array.isArray(subject)) subject = subject[0];
        return (subject as Record<string, unknown>)[name];
      };
    }
    case 'UnaryExpression': {
      const operate = elements[node.operator ?? '']?.eval;
      const right = node.right && direct(node.right, elements);
      return operate && right ? (context) => operate(right(context)) : undefined;
    }
    case 'BinaryExpression': {
      const left = node.left && direct(node.left, elements);
      const right = node.right && direct(node.right, elements);
      if (!left || !right) return undefined;
      // jexl's two operators evaluated on demand: the right side only when the left does not decide.
      if (node.operator === '&&') return (context) => left(context) && right(context);
      if (node.operator === '||') return (context) => left(context) || right(context);
      const element = elements[node.operator ?? ''];
      const operate = element?.evalOnDemand ? undefined : element?.eval;
      return operate ? (context) => operate(left(context), right(context)) : undefined;
    }
    case 'ArrayLiteral': {
      const items = (node.value as AstNode[]).map((item) => direct(item, elements));
      if (items.some((item) => !item)) return undefined;
      return (context) => items.map((item) => (item as Evaluate)(context));
    }
    default:
      return undefined;
  }
}

function parse(text: string): JexlExpression {
  if (text.trim() === '') throw invalidValue(EVENT_TRIGGERS, 'condition', 'The condition cannot be empty');
  let expression: JexlExpression;
  try {
    expression = language().createExpression(text).compile();
  } catch (error) {
    throw invalidValue(EVENT_TRIGGERS, 'condition', `The condition is not a valid expression: ${(error as Error).message}`);
  }
  if (unclosedParentheses(text)) throw invalidValue(EVENT_TRIGGERS, 'condition', 'The condition is not a valid expression: a parenthesis is never closed');
  return expression;
}

/** jexl quietly closes a parenthesis left open at the end; JEXL, and so Zuora, refuses it. */
function unclosedParentheses(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === '\\') i += 1;
      else if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
  }
  return depth > 0;
}

/** Rejects at creation what could only fail later, on every change the trigger sees. */
function checkNode(node: AstNode): void {
  if (node.type === 'FunctionCall') {
    throw invalidValue(EVENT_TRIGGERS, 'condition', `The condition calls '${node.name}', but conditions have no functions or transforms`);
  }
  const right = node.right;
  if (node.type === 'BinaryExpression' && node.operator === '=~' && right?.type === 'Literal' && typeof right.value === 'string') {
    try {
      patterns.set(right.value, pattern(right.value));
    } catch {
      throw invalidValue(EVENT_TRIGGERS, 'condition', `The condition's pattern '${right.value}' is not a valid regular expression`);
    }
  }
}

/** Every node of a parse tree, whatever its kind: children sit in fields, arrays and object literals. */
function* walk(tree: unknown): Generator<AstNode> {
  if (Array.isArray(tree)) {
    for (const item of tree) yield* walk(item);
    return;
  }
  if (!tree || typeof tree !== 'object') return;
  if (typeof (tree as AstNode).type === 'string') yield tree as AstNode;
  for (const child of Object.values(tree)) yield* walk(child);
}

/**
 * What a condition sees of one change: `changeType`, and the record under its object name with
 * Zuora's field names, each field also as `<Field>_old` (its value before the change). A deleted
 * record's current values are its last ones; an inserted record has no old values, so they are null.
 * The fields are looked up as the condition reads them (one or two), not all copied out for every
 * change a trigger sees: every field of the record or of the one before it answers its value or null,
 * and `<Field>_old` the one before, or null; any other name is undefined.
 */
export function conditionContext(change: Pick<Change, 'object' | 'changeType' | 'before' | 'after'>): Record<string, unknown> {
  // Each record's fields are worked out at the first field a condition reads of it: many conditions
  // stop at the changeType (`changeType =~ ['UPDATE'] && ...` on an insert) and read no field, and
  // most read only current values, which the record before the change is needed for only when the
  // current one lacks the field.
  let current: Record<string, unknown> | undefined;
  let old: Record<string, unknown> | undefined;
  const currentFields = () => (current ??= zuoraFields(change.changeType === 'DELETE' ? change.before : change.after));
  const oldFields = () => (old ??= zuoraFields(change.changeType === 'INSERT' ? null : change.before));
  const known = (name: string): boolean => Object.hasOwn(currentFields(), name) || Object.hasOwn(oldFields(), name);
  const field = (name: string | symbol): unknown => {
    if (typeof name !== 'string') return undefined;
    if (known(name)) return currentFields()[name] ?? null;
    const base = name.endsWith(OLD) ? name.slice(0, -OLD.length) : undefined;
    return base !== undefined && known(base) ? (oldFields()[base] ?? null) : undefined;
  };
  // An empty target of its own, so the traps answer every name (a target's fixed properties would
  // bind them). Listed, the fields show as a plain object of them would, each with its _old twin.
  const fields = new Proxy(
    {},
    {
      get: (_target, name) => field(name),
      has: (_target, name) => field(name) !== undefined,
      ownKeys: () => [...new Set([...Object.keys(currentFields()), ...Object.keys(oldFields())].flatMap((name) => [name, `${name}${OLD}`]))],
      getOwnPropertyDescriptor: (_target, name) => {
        const value = field(name);
        return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
      },
    },
  );
  return { changeType: change.changeType, [change.object]: fields };
}

const OLD = '_old';
