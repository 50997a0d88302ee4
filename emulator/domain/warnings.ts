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
 * Runs `work` with the warnings the domain notes meanwhile gathered into `warnings`, inside the
 * work's commit unit when it has one. The context is entered synchronously: whatever `work` returns
 * (a promise or not) comes back as it is, and asynchronous work goes on noting into `warnings`.
 */
export function noteWarnings<T>(warnings: string[], work: () => T): T {
  return runInWork({ ...currentWork(), warnings }, work);
}
