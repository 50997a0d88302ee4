import { Ajv, type AnySchema, type ValidateFunction } from 'ajv';
// ajv-formats ships CommonJS with a default export that ESM sees one level down (as in emulator/http/validation.ts).
import addFormatsModule from 'ajv-formats';
import { createGenerator, type JsonSchema } from 'json-schema-faker';
import { formFields } from '../http/client.js';
import type { Vars } from '../suites/types.js';
import { FUZZ_TARGETS, type FuzzEndpoint } from './endpoints.js';
import { MUTATIONS, mutate, type Mutation } from './mutate.js';
import { deriveSeed, mulberry32, pick, type Random } from './random.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export type InputKind = 'valid' | Mutation;

export interface FuzzInput {
  index: number;
  endpoint: FuzzEndpoint;
  kind: InputKind;
  /** What the mutation did. */
  note?: string;
  body: unknown;
  /**
   * Whether the route's own schema accepts the body: the oracle for what the target must do. A
   * mutation that happens to stay valid (an extra field where extras are allowed) counts as valid.
   */
  valid: boolean;
}

/** Share of inputs left valid; the rest are split evenly over the mutations. */
const VALID_SHARE = 0.4;

// The same ajv settings as the emulator's request validation, so "valid" means what it means there.
const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false });
addFormats(ajv);
const validators = new Map<AnySchema, ValidateFunction>();

function validatorFor(schema: AnySchema): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/**
 * Field names whose values the fuzzer sometimes takes from the fixtures instead of inventing them,
 * so that valid bodies get past "not found" and reach the business rules, where crashes hide.
 */
const HINTS: Record<string, (fixtures: Vars) => unknown> = {
  account_id: (f) => (f.account as Vars | undefined)?.id,
  accountId: (f) => (f.account as Vars | undefined)?.id,
  existingAccountId: (f) => (f.account as Vars | undefined)?.id,
  account_number: (f) => (f.account as Vars | undefined)?.account_number,
  accountNumber: (f) => (f.account as Vars | undefined)?.account_number,
  existingAccountNumber: (f) => (f.account as Vars | undefined)?.account_number,
  subscription_number: (f) => f.subscriptionNumber,
  subscriptionNumber: (f) => f.subscriptionNumber,
  product_id: (f) => (f.product as Vars | undefined)?.id,
  ProductRatePlanId: (f) => (f.plan as Vars | undefined)?.id,
  productRatePlanId: (f) => (f.plan as Vars | undefined)?.id,
  productRatePlanChargeId: (f) => (f.seats as Vars | undefined)?.Id,
  ratePlanId: (f) => f.ratePlanId,
  chargeNumber: (f) => f.seatsChargeNumber,
  pageId: (f) => f.pageId,
  invoiceId: (f) => f.invoiceId,
  eventTypeName: (f) => f.eventName,
  currency: () => 'USD',
  Currency: () => 'USD',
  unit_of_measure: (f) => `${String(f.uomPrefix)}-call`,
  UOM: (f) => `${String(f.uomPrefix)}-seat`,
  orderDate: (f) => f.today,
  effectiveDate: (f) => f.today,
  triggerDate: (f) => f.today,
  client_id: (f) => f.clientId,
  client_secret: (f) => f.clientSecret,
};
const HINT_SHARE = 0.7;

function applyHints(value: unknown, fixtures: Vars, random: Random): unknown {
  if (Array.isArray(value)) return value.map((item) => applyHints(item, fixtures, random));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const hint = HINTS[key]?.(fixtures);
      if (hint !== undefined && (typeof item === 'string' || typeof item === 'number') && random() < HINT_SHARE) return [key, hint];
      return [key, applyHints(item, fixtures, random)];
    }),
  );
}

/**
 * Input `index` of a run seeded `seed`: a pure function of the two (and the fixtures), so any one
 * input can be replayed alone. Endpoints take turns, so every endpoint gets count / endpoints inputs.
 */
export async function fuzzInput(seed: number, index: number, fixtures: Vars, targets: readonly FuzzEndpoint[] = FUZZ_TARGETS): Promise<FuzzInput> {
  const endpoint = targets[index % targets.length] as FuzzEndpoint;
  const inputSeed = deriveSeed(seed, index);
  const random = mulberry32(inputSeed);
  const kind: InputKind = random() < VALID_SHARE ? 'valid' : (pick(random, MUTATIONS) as Mutation);
  // One generator per input, seeded from (seed, index): plain `generate` would repeat itself.
  const generator = createGenerator({ seed: inputSeed, minDateTime: '2020-01-01T00:00:00Z', maxDateTime: '2030-12-31T00:00:00Z', maxDepth: 4 });
  const generated = applyHints(await generator.generate(endpoint.schema as JsonSchema), fixtures, random);
  const schema = endpoint.schema as Record<string, unknown>;
  const mutated = kind === 'valid' ? { body: generated, note: undefined } : mutate(kind, schema, generated, random);
  // The token endpoint takes form fields: what the target receives, and so what is judged, is text.
  const body = endpoint.form ? formFields(mutated.body) : mutated.body;
  const valid = validatorFor(endpoint.schema)(body) === true;
  return { index, endpoint, kind, ...(mutated.note ? { note: mutated.note } : {}), body, valid };
}
