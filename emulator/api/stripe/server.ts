import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountOfKey, createStripeAccount } from '../../domain/stripe/accounts.js';
import { SUBSCRIPTION_JOBS } from '../../domain/stripe/subscriptions.js';
import type { Services } from '../../services.js';
import { buildStripeApp } from './app.js';
import { stripeRoutes } from './routes.js';
import { stripeWebhooks } from './webhooks.js';

/** The account every emulator with a Stripe port starts with; its key is printed on the ready line. */
export const DEFAULT_STRIPE_ACCOUNT = { id: 'acct_1EmulatorDefault0', secretKey: 'sk_test_emulator_default_account_key' } as const;
export const DEFAULT_STRIPE_PORT = 4030;

export interface RunningStripeApi {
  url: string;
  port: number;
  account: string;
  secretKey: string;
  close(): Promise<void>;
}

/** Stripe's timed work and webhooks run on the shared clock and dispatcher, whether or not the port is open. */
export function registerStripe(services: Services): void {
  for (const [kind, handler] of Object.entries(SUBSCRIPTION_JOBS)) services.jobs.register(kind, handler);
  services.dispatcher.addSource(stripeWebhooks);
}

export async function startStripeApi(services: Services, port: number, host: string, now?: string): Promise<RunningStripeApi> {
  if (!accountOfKey(services.store, DEFAULT_STRIPE_ACCOUNT.secretKey)) {
    await createStripeAccount(services.store, { ...DEFAULT_STRIPE_ACCOUNT, ...(now ? { now } : {}) }, services.wallNow());
  }
  const app = buildStripeApp(services, stripeRoutes);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host);
    listening.once('listening', () => resolve(listening));
    listening.once('error', reject);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    port: actual,
    account: DEFAULT_STRIPE_ACCOUNT.id,
    secretKey: DEFAULT_STRIPE_ACCOUNT.secretKey,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
