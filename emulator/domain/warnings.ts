import { currentWork, runInWork } from '../state/workContext.js';

/**
 * Warnings about a request that succeeded anyway (an undefined custom field on a lenient tenant).
 * Domain code notes them wherever it runs; the HTTP layer collects them around the handler and
 * answers them in a header, so the domain stays free of HTTP. They are gathered in the work's
 * context (state/workContext.ts), the one a request's commit unit already runs in.
 */
export function warn(message: string): void {
  const warnings = currentWork()?.warnings;
  if (warnings && !warnings.includes(message)) warnings.push(message);
}

/**
 * Runs `work` and returns what it produced together with the warnings it noted. Inside a work
 * context (a commit unit) no context of its own is entered: the warnings are those the context
 * gathered while `work` ran.
 */
export async function collectWarnings<T>(work: () => T | Promise<T>): Promise<{ value: T; warnings: string[] }> {
  const context = currentWork();
  if (!context) {
    const warnings: string[] = [];
    const value = await runInWork({ warnings }, work);
    return { value, warnings };
  }
  const before = context.warnings.length;
  const value = await work();
  return { value, warnings: context.warnings.slice(before) };
}
