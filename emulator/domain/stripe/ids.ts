import type { Transaction } from '../../state/transaction.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A Stripe-style id (`cus_`, `sub_`, `in_`...): the prefix and 14 base62 characters drawn from the
 * tenant's deterministic id sequence, so a fresh account replays to the same ids.
 */
export function stripeId(tx: Transaction, prefix: string): string {
  let value = BigInt(`0x${tx.newId()}`);
  let text = '';
  for (let i = 0; i < 14; i += 1) {
    text += ALPHABET[Number(value % 62n)];
    value /= 62n;
  }
  return `${prefix}_${text}`;
}
