// Places where Zuora's official specs cannot be met as written, and how the harness reads them
// instead. Kept in one list so each exception is visible and argued.

/**
 * The callout template bodies are a `oneOf` of Common, BasicAuthentication and Oauth2Authentication
 * with no discriminator, and Common allows extra properties. So every basic-auth body also fits
 * Common (two branches: "exactly one" fails), and the PUT variants have no required field at all, so
 * every PUT body fits all three. Read as `anyOf`: the oneOf verdict and the other branches' missing
 * markers are dropped; any other problem (a bad URL, a missing name) still counts.
 */
const AMBIGUOUS_ONE_OF = new Set(['POST /notifications/callout-templates', 'PUT /notifications/callout-templates/{id}']);
const ONE_OF_NOISE = new Set([
  '(body) must match exactly one schema in oneOf',
  "(body) must have required property 'requiredAuth'",
  "(body) must have required property 'requiredOauth2'",
]);

/**
 * The 2017 spec's CRUD creates list as required fields Zuora computes itself (an account's balances,
 * a payment's gateway answer and number, a payment method's counters). Zuora does not ask for them
 * on input, and a client that sent them would be setting what it cannot set; they are not required.
 */
const COMPUTED_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  'POST /v1/object/account': ['Balance', 'BcdSettingOption', 'CreditBalance', 'TotalInvoiceBalance'],
  'POST /v1/object/payment-method': ['TotalNumberOfErrorPayments', 'TotalNumberOfProcessedPayments', 'UseDefaultRetryRule'],
  'POST /v1/object/payment': ['AppliedCreditBalanceAmount', 'GatewayResponse', 'GatewayResponseCode', 'GatewayState', 'PaymentNumber'],
};

/** `errors` of a request body for the official `method specPath`, without those the spec's own defects cause. */
export function withoutSpecDefects(method: string, specPath: string, errors: readonly string[]): string[] {
  const operation = `${method.toUpperCase()} ${specPath}`;
  const computed = new Set((COMPUTED_REQUIRED[operation] ?? []).map((field) => `(body) must have required property '${field}'`));
  const kept = errors.filter((error) => !computed.has(error));
  if (!AMBIGUOUS_ONE_OF.has(operation)) return kept;
  return kept.filter((error) => !ONE_OF_NOISE.has(error));
}
