import type { ReadView, Transaction } from '../state/transaction.js';

/** Opt-in delivery faults, for testing that a receiver copes with what real networks do. */
export const CALLOUT_FAULT_MODES = ['drop', 'duplicate', 'delay', 'reorder'] as const;
export type CalloutFaultMode = (typeof CALLOUT_FAULT_MODES)[number];

const FAULTS = '_calloutFaults';
const FAULT_ID = 'callouts';

interface CalloutFault {
  id: string;
  mode: CalloutFaultMode;
  remaining: number;
  seed: number;
  /** How many faults were taken: the seeded draw of each one depends on it, so runs repeat exactly. */
  taken: number;
}

export interface TakenFault {
  mode: CalloutFaultMode;
  /** A seeded number in [0, 1) for faults that need one (how long a delay lasts). */
  draw: number;
}

/** mulberry32: a small seeded generator, enough to make fault runs reproducible. */
function seeded(seed: number): number {
  let t = (seed + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function setCalloutFault(tx: Transaction, mode: CalloutFaultMode, count: number, seed: number): void {
  tx.remove(FAULTS, FAULT_ID);
  tx.insert<CalloutFault>(FAULTS, { id: FAULT_ID, mode, remaining: count, seed, taken: 0 });
}

/** Takes the fault for the next delivery, if any are left. */
export function takeCalloutFault(tx: Transaction): TakenFault | undefined {
  const fault = tx.get<CalloutFault>(FAULTS, FAULT_ID);
  if (!fault || fault.remaining <= 0) return undefined;
  if (fault.remaining === 1) tx.remove(FAULTS, FAULT_ID);
  else tx.update<CalloutFault>(FAULTS, FAULT_ID, { remaining: fault.remaining - 1, taken: fault.taken + 1 });
  return { mode: fault.mode, draw: seeded(fault.seed + fault.taken) };
}

/** The fault the next deliveries will suffer, if any: mode and how many are left. */
export function calloutFaultInForce(view: ReadView): { mode: CalloutFaultMode; remaining: number; seed: number } | null {
  const fault = view.get<CalloutFault>(FAULTS, FAULT_ID);
  return fault && fault.remaining > 0 ? { mode: fault.mode, remaining: fault.remaining, seed: fault.seed } : null;
}
