import type { SyncContext } from '../context.js';
import type { Outcome } from './outcome.js';

/** A callout's parameters: every value a string, empty when Zuora had nothing to merge in. */
export type CalloutBody = Readonly<Record<string, string>>;

/** A parameter's value, or undefined when it is missing or empty (a merge field Zuora left blank). */
export function param(body: CalloutBody, name: string): string | undefined {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** What the platform does with one kind of callout (one row of seeds/002). */
export interface Handler {
  /**
   * What makes a callout the same event again, whichever attempt delivered it (not Zuora-Request-Id,
   * which is new per attempt). Once a keyed callout is applied, the same key is a replay and changes
   * nothing. Undefined for handlers that compare with stored state instead.
   */
  key?(body: CalloutBody): string;
  handle(ctx: SyncContext, body: CalloutBody): Promise<Outcome>;
}
