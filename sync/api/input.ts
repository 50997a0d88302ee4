import { invalid } from './errors.js';
import { setMember } from '../model/members.js';

/** Ids go into URL paths and Zuora custom fields, so they stay plain. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

/**
 * Reads a JSON body field by field. A reader never throws: it records each problem with the path
 * it was found at and hands back a placeholder, so one pass reports everything wrong; `check()`
 * then throws a 400 listing them, before anything is used.
 */
export class Problems {
  readonly list: string[] = [];

  add(path: string, message: string): void {
    this.list.push(path ? `${path} ${message}` : message);
  }

  /** Throws a 400 with every recorded problem, if there was any. */
  check(code = 'INVALID_REQUEST'): void {
    if (this.list.length > 0) throw invalid(code, this.list);
  }
}

export class Field {
  constructor(
    readonly value: unknown,
    readonly path: string,
    readonly problems: Problems,
  ) {}

  /** The whole request body. */
  static body(value: unknown, problems: Problems): Field {
    return new Field(value, '', problems);
  }

  get present(): boolean {
    return this.value !== undefined && this.value !== null;
  }

  /** This field, or undefined when it was left out (or null). */
  optional(): Field | undefined {
    return this.present ? this : undefined;
  }

  at(key: string): Field {
    const record = isPlainObject(this.value) ? this.value : {};
    return new Field(record[key], this.path ? `${this.path}.${key}` : key, this.problems);
  }

  /** Reads this field with a reader of its own (`field.optional()?.map(readAddress)`). */
  map<T>(read: (field: Field) => T): T {
    return read(this);
  }

  /** The item at this index of an array field. */
  item(index: number): Field {
    return new Field(Array.isArray(this.value) ? this.value[index] : undefined, `${this.path}[${index}]`, this.problems);
  }

  fail(message: string): void {
    this.problems.add(`'${this.path || 'body'}'`, message);
  }

  /** A JSON object holding none but these keys; false (with the problems recorded) when not. */
  object(keys: readonly string[]): boolean {
    if (!isPlainObject(this.value)) {
      this.fail(this.present ? 'must be an object' : 'is required (an object)');
      return false;
    }
    const unknown = Object.keys(this.value).filter((key) => !keys.includes(key));
    for (const key of unknown) this.at(key).fail(`is not a known field (known: ${keys.join(', ')})`);
    return unknown.length === 0;
  }

  string(): string {
    if (typeof this.value === 'string' && this.value.trim() !== '') return this.value;
    this.fail(this.present ? 'must be a non-empty string' : 'is required');
    return '';
  }

  id(): string {
    const value = this.string();
    if (value && !ID_PATTERN.test(value)) this.fail('must be 1-128 letters, digits, or _ . : - and start with a letter or digit');
    return value;
  }

  /** An ISO-8601 date or date-time, answered as given. */
  date(): string {
    const value = this.string();
    if (value && (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value)))) this.fail('must be an ISO-8601 date');
    return value;
  }

  number(rules: { min?: number; max?: number; above?: number; integer?: boolean } = {}): number {
    const { value } = this;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(this.present ? 'must be a number' : 'is required (a number)');
      return 0;
    }
    if (rules.integer && !Number.isInteger(value)) this.fail('must be a whole number');
    if (rules.min !== undefined && value < rules.min) this.fail(`must be at least ${rules.min}`);
    if (rules.max !== undefined && value > rules.max) this.fail(`must be at most ${rules.max}`);
    if (rules.above !== undefined && value <= rules.above) this.fail(`must be more than ${rules.above}`);
    return value;
  }

  boolean(): boolean {
    if (typeof this.value === 'boolean') return this.value;
    this.fail(this.present ? 'must be true or false' : 'is required (true or false)');
    return false;
  }

  oneOf<T extends string>(values: readonly T[]): T {
    if (values.includes(this.value as T)) return this.value as T;
    this.fail(`${this.present ? 'must be' : 'is required: one of'} ${values.join(' | ')}`);
    return values[0] as T;
  }

  /** The items of a JSON array, each a field of its own. */
  array(): Field[] {
    if (Array.isArray(this.value)) return this.value.map((_, index) => this.item(index));
    this.fail(this.present ? 'must be an array' : 'is required (an array)');
    return [];
  }

  /** The entries of a JSON object used as a map (`{featureId: quantity}`). */
  entries(): Array<[string, Field]> {
    if (isPlainObject(this.value)) return Object.keys(this.value).map((key) => [key, this.at(key)]);
    this.fail('must be an object');
    return [];
  }

  /** `{key: "text"}` with string values, e.g. metadata. */
  stringMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const [key, field] of this.entries()) {
      if (typeof field.value === 'string') setMember(map, key, field.value);
      else field.fail('must be a string');
    }
    return map;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The same id twice in one list is a mistake worth naming. */
export function reportDuplicates(fields: Array<{ field: Field; id: string }>, what: string): void {
  const seen = new Set<string>();
  for (const { field, id } of fields) {
    if (id && seen.has(id)) field.fail(`repeats the ${what} id '${id}'`);
    seen.add(id);
  }
}

/** `{key: value}` when the value was given, `{}` when not: keeps absent fields absent in stored records. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
