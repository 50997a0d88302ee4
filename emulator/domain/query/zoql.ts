import { DomainError, unknownField } from '../errors.js';
import type { Condition, Literal, Operator } from './conditions.js';
import { queryableByName, type QueryableObject } from './objects.js';
import { canonicalField } from './rows.js';

// ZOQL, the query language of Zuora's `query` action: `select f1, f2 from Object where c1 and c2 or c3`.
// Keywords in any case; AND binds tighter than OR; no parentheses, no `*`, no joins, no sorting,
// at most 200 conditions. Syntax errors are MALFORMED_QUERY, unknown fields INVALID_FIELD.

export const MAX_CONDITIONS = 200;

export interface ZoqlQuery {
  object: string;
  fields: string[];
  where: Condition | null;
}

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'number'; value: number; at: number }
  | { type: 'symbol'; text: string; at: number };

const malformed = (message: string): DomainError => new DomainError('Malformed', message, 'ZOQL', 'queryString');

const SYMBOLS = ['<=', '>=', '!=', '<>', '=', '<', '>', ',', '*', '(', ')', '.'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest[0] === "'") {
      let value = '';
      let index = 1;
      for (; index < rest.length && rest[index] !== "'"; index += 1) {
        if (rest[index] === '\\' && index + 1 < rest.length) index += 1;
        value += rest[index];
      }
      if (index >= rest.length) throw malformed(`unterminated string starting at position ${at}`);
      tokens.push({ type: 'string', value, at });
      at += index + 1;
      continue;
    }
    const number = /^-?\d+(?:\.\d+)?(?![\w.])/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      tokens.push({ type: 'word', text: word[0], at });
      at += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw malformed(`unexpected character '${rest[0]}' at position ${at}`);
    tokens.push({ type: 'symbol', text: symbol, at });
    at += symbol.length;
  }
  return tokens;
}

const COMPARISONS: Record<string, Operator> = { '=': 'EQ', '!=': 'NE', '<>': 'NE', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' };

class Parser {
  private index = 0;
  private conditions = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): ZoqlQuery {
    this.keyword('select');
    const fields = this.fieldList();
    this.keyword('from');
    const object = this.name('an object name');
    if (this.isSymbol(',') || this.isWord('join')) throw malformed('ZOQL queries one object: joins are not supported');
    const where = this.isWord('where') ? (this.next(), this.orExpression()) : null;
    const left = this.peek();
    if (left) {
      if (left.type === 'word' && /^(order|group|limit)$/i.test(left.text)) throw malformed(`'${left.text}' is not supported by ZOQL`);
      throw malformed(`unexpected '${describe(left)}' at position ${left.at}`);
    }
    return { object, fields, where };
  }

  private fieldList(): string[] {
    const fields: string[] = [];
    do {
      if (this.isSymbol('*')) throw malformed("ZOQL has no '*': name the fields to select");
      fields.push(this.name('a field name'));
    } while (this.isSymbol(',') && this.next());
    return fields;
  }

  private orExpression(): Condition {
    const operands = [this.andExpression()];
    while (this.isWord('or')) {
      this.next();
      operands.push(this.andExpression());
    }
    return operands.length === 1 ? (operands[0] as Condition) : { kind: 'or', operands };
  }

  private andExpression(): Condition {
    const operands = [this.comparison()];
    while (this.isWord('and')) {
      this.next();
      operands.push(this.comparison());
    }
    return operands.length === 1 ? (operands[0] as Condition) : { kind: 'and', operands };
  }

  private comparison(): Condition {
    if (this.isSymbol('(')) throw malformed('ZOQL does not support parentheses');
    this.conditions += 1;
    if (this.conditions > MAX_CONDITIONS) throw malformed(`a ZOQL query can have at most ${MAX_CONDITIONS} conditions`);
    const field = this.name('a field name');
    const token = this.next();
    if (token?.type === 'word' && /^is$/i.test(token.text)) {
      const negated = this.isWord('not') && !!this.next();
      this.keyword('null');
      return { kind: 'compare', field, op: negated ? 'NE' : 'EQ', value: null };
    }
    if (token?.type === 'word' && /^like$/i.test(token.text)) return { kind: 'compare', field, op: 'LIKE', value: this.literal() };
    const op = token?.type === 'symbol' ? COMPARISONS[token.text] : undefined;
    if (!op) throw malformed(token ? `expected a comparison operator at position ${token.at}, found '${describe(token)}'` : 'the query ends inside a condition');
    return { kind: 'compare', field, op, value: this.literal() };
  }

  private literal(): Literal {
    const token = this.next();
    if (token?.type === 'string' || token?.type === 'number') return token.value;
    if (token?.type === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true' || word === 'false') return word === 'true';
      if (word === 'null') return null;
    }
    if (token?.type === 'word') throw malformed(`comparing two fields is not supported ('${token.text}' at position ${token.at})`);
    throw malformed(token ? `expected a value at position ${token.at}, found '${describe(token)}'` : 'the query ends before a value');
  }

  /** A bare name: a dotted name would reach into another object, which ZOQL cannot. */
  private name(what: string): string {
    const token = this.next();
    if (token?.type !== 'word') throw malformed(token ? `expected ${what} at position ${token.at}, found '${describe(token)}'` : `expected ${what}`);
    if (this.isSymbol('.')) throw malformed(`'${token.text}.' refers to another object: ZOQL does not support joins`);
    return token.text;
  }

  private keyword(word: string): void {
    const token = this.next();
    if (token?.type !== 'word' || token.text.toLowerCase() !== word) {
      throw malformed(token ? `expected '${word}' at position ${token.at}, found '${describe(token)}'` : `expected '${word}'`);
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text.toLowerCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token?.type === 'symbol' && token.text === symbol;
  }
}

function describe(token: Token): string {
  return token.type === 'string' ? `'${token.value}'` : token.type === 'number' ? String(token.value) : token.text;
}

/** Parses a query string; field and object names are left as written. */
export function parseZoql(text: string): ZoqlQuery {
  if (text.trim() === '') throw malformed('the query is empty');
  return new Parser(tokenize(text)).query();
}

/** The query's object, and its fields in their canonical spelling, against the fields the object has. */
export function resolveZoql(query: ZoqlQuery, fieldsOf: (object: QueryableObject) => readonly string[]): ZoqlQuery & { target: QueryableObject } {
  const target = queryableByName(query.object);
  if (!target) throw malformed(`'${query.object}' is not an object ZOQL can query`);
  const known = fieldsOf(target);
  const canonical = (name: string): string => {
    const found = canonicalField(known, name);
    if (!found) throw unknownField(target.name, name);
    return found;
  };
  const resolve = (condition: Condition): Condition =>
    condition.kind === 'compare' ? { ...condition, field: canonical(condition.field) } : { ...condition, operands: condition.operands.map(resolve) };
  return { object: target.name, target, fields: query.fields.map(canonical), where: query.where && resolve(query.where) };
}

/** ZOQL writes field names with a capital first letter (`AccountNumber`); custom fields keep their own. */
export const zoqlName = (field: string): string => (field.endsWith('__c') ? field : field.charAt(0).toUpperCase() + field.slice(1));
