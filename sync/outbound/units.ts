import type { SyncContext } from '../context.js';
import { ZuoraError } from '../zuora/errors.js';

/** Zuora refuses a second unit of the same name; that unit is the one wanted, so the refusal is success. */
const alreadyExists = (error: unknown): boolean =>
  error instanceof ZuoraError && error.status < 500 && /already exists|duplicate/i.test(error.message);

/**
 * Creates units of measure on first use within one catalog pass. Zuora has no read for units in
 * the endpoints the platform calls, so an existing one is recognised by the create being refused.
 */
export function unitsOfMeasure(ctx: SyncContext): (name: string) => Promise<void> {
  const ensured = new Set<string>();
  return async (name) => {
    if (ensured.has(name)) return;
    try {
      await ctx.zuora.createUnitOfMeasure({ UomName: name, DisplayedAs: name });
    } catch (error) {
      if (!alreadyExists(error)) throw error;
    }
    ensured.add(name);
  };
}
