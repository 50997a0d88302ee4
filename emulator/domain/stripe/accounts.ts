import { randomBytes } from 'node:crypto';
import type { Store } from '../../state/store.js';
import { createTenant } from '../../state/tenants.js';

export interface NewStripeAccount {
  id?: string;
  secretKey?: string;
  /** A platform account this one is connected to: the platform's key reaches it with `Stripe-Account`. */
  connectedTo?: string;
  /** Start of the account's clock (ISO). */
  now?: string;
}

export interface StripeAccount {
  id: string;
  secretKey: string;
  connectedTo: string | null;
}

const randomText = (bytes: number): string => randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');

/**
 * A Stripe account is a tenant: its id is the tenant key and its secret key the tenant's secret,
 * so it has its own objects, clock, jobs and webhook journal.
 */
export async function createStripeAccount(store: Store, input: NewStripeAccount, wallNow: Date): Promise<StripeAccount> {
  const id = input.id ?? `acct_1${randomText(12).slice(0, 15)}`;
  const secretKey = input.secretKey ?? `sk_test_${randomText(36).slice(0, 48)}`;
  await createTenant(store, { clientId: id, clientSecret: secretKey, name: id, stripe: { connectedTo: input.connectedTo ?? null }, ...(input.now ? { now: input.now } : {}) }, wallNow);
  return { id, secretKey, connectedTo: input.connectedTo ?? null };
}

export function isStripeAccount(store: Store, id: string): boolean {
  return !!store.tenant(id)?.meta.stripe;
}

/** The account a secret key belongs to. */
export function accountOfKey(store: Store, secretKey: string): string | undefined {
  return store.tenantKeys().find((key) => {
    const meta = store.tenant(key)?.meta;
    return meta?.stripe && meta.clientSecret === secretKey;
  });
}

/** Whether `account` is connected to the platform `platform`. */
export const isConnectedTo = (store: Store, account: string, platform: string): boolean => store.tenant(account)?.meta.stripe?.connectedTo === platform;
