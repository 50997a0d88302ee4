// The fidelity ledger's facts: which official schemas the V1 answers are modelled on, over which
// minor versions, and which fields of real Zuora answers the emulator still answers differently.
// contracts/fidelity/write.ts renders them into contracts/FIDELITY.md.

export interface KnownMismatch {
  /** The compared object, as named in the wire references (account, subscription, ...). */
  object: string;
  path: string;
  reason: string;
}

export const KNOWN_MISMATCHES: readonly KnownMismatch[] = [];
