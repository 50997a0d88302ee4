import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommitUnit } from './commitUnit.js';

/**
 * What one piece of work (an API request, say) carries across its awaits: the commit unit its
 * transactions join, and the warnings the domain notes on the way (see domain/warnings.ts). One
 * context holds both because every AsyncLocalStorage in use adds to every promise the process
 * makes, and a request should enter one context, not one per concern.
 */
export interface WorkContext {
  /** Set inside `Store.unit`; the store checks the unit is one of its own before joining it. */
  unit?: CommitUnit;
  warnings: string[];
}

const current = new AsyncLocalStorage<WorkContext | undefined>();

export function currentWork(): WorkContext | undefined {
  return current.getStore();
}

export function runInWork<T>(context: WorkContext, work: () => T): T {
  return current.run(context, work);
}

/**
 * Runs `work` outside any work context, so what it starts does not join the caller's unit. It runs
 * in an empty context rather than through `exit()`, which switches the process's promise hooks off
 * and on again each time: a measurable part of every commit, which calls this.
 */
export function outsideWork<T>(work: () => T): T {
  return current.run(undefined, work);
}
