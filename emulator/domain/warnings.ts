import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Warnings about a request that succeeded anyway (an undefined custom field on a lenient tenant).
 * Domain code notes them wherever it runs; the HTTP layer collects them around the handler and
 * answers them in a header, so the domain stays free of HTTP.
 */
const current = new AsyncLocalStorage<string[]>();

export function warn(message: string): void {
  const warnings = current.getStore();
  if (warnings && !warnings.includes(message)) warnings.push(message);
}

/** Runs `work` and returns what it produced together with the warnings it noted. */
export async function collectWarnings<T>(work: () => T | Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const value = await current.run(warnings, work);
  return { value, warnings };
}
