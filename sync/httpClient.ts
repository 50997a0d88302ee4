// undici, the engine's HTTP client towards Zuora and Stripe, loaded on the first call rather than
// when the engine starts (most of the engine's start was loading it).
let client: Promise<typeof import('undici')> | undefined;

export function httpClient(): Promise<typeof import('undici')> {
  client ??= import('undici');
  return client;
}
