import { invalidParam } from '../../domain/stripe/errors.js';
import {
  CUSTOMERS,
  INVOICE_ITEMS,
  INVOICES,
  PAYMENT_INTENTS,
  PAYMENT_METHODS,
  PRICES,
  PRODUCTS,
  SUBSCRIPTION_ITEMS,
  SUBSCRIPTIONS,
  TEST_CLOCKS,
} from '../../domain/stripe/model.js';
import type { ReadView } from '../../state/transaction.js';
import { shape } from './shapes/index.js';

/** Which collection an id lives in, by its prefix. */
const BY_PREFIX: Readonly<Record<string, string>> = {
  cus: CUSTOMERS,
  sub: SUBSCRIPTIONS,
  si: SUBSCRIPTION_ITEMS,
  in: INVOICES,
  ii: INVOICE_ITEMS,
  pi: PAYMENT_INTENTS,
  pm: PAYMENT_METHODS,
  price: PRICES,
  prod: PRODUCTS,
  clock: TEST_CLOCKS,
};

/** Fields that appear only when asked for; the shapers add them, so there is nothing to replace here. */
const INCLUDABLE: ReadonlySet<string> = new Set(['tiers', 'total_count', 'payments', 'confirmation_secret', 'line_items', 'tax', 'subscriptions']);

/** Stripe refuses expansions nested deeper than four levels. */
const MAX_DEPTH = 4;

function resolve(view: ReadView, id: string): unknown {
  const collection = BY_PREFIX[id.slice(0, id.indexOf('_'))] ?? PRODUCTS;
  const record = view.get<{ id: string }>(collection, id);
  return record ? shape(view, collection, record) : id;
}

function expandAt(view: ReadView, value: unknown, path: readonly string[], full: string): unknown {
  if (Array.isArray(value)) return value.map((entry) => expandAt(view, entry, path, full));
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  if (!(head in object) && INCLUDABLE.has(head)) return value;
  if (!(head in object)) throw invalidParam('expand', `This property cannot be expanded (${full}).`, 'parameter_invalid_string');
  let field = object[head];
  if (typeof field === 'string') field = resolve(view, field);
  return { ...object, [head]: rest.length > 0 ? expandAt(view, field, rest, full) : field };
}

/** Replaces the ids at each `expand[]` path (`a.b`, `data.a` in lists) with the objects they name. */
export function expand(view: ReadView, body: unknown, paths: readonly string[]): unknown {
  let result = body;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) throw invalidParam('expand', `You cannot expand more than ${MAX_DEPTH} levels of a property (${path}).`, 'parameter_invalid_string');
    result = expandAt(view, result, segments, path);
  }
  return result;
}
