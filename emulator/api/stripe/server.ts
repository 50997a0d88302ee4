import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountOfKey, createStripeAccount } from '../../domain/stripe/accounts.js';
import { SUBSCRIPTION_JOBS } from '../../domain/stripe/subscriptions.js';
import type { Services } from '../../services.js';
import { stripeErrorBody } from './errors.js';
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
  // The API itself (its routes, parameters and handlers) loads on the port's first request: most
  // runs never call it, and it was a good part of what `zuora-emulator start` loaded.
  let app: Promise<(req: IncomingMessage, res: ServerResponse) => void> | undefined;
  const loadApp = async () => {
    const [{ buildStripeApp }, { stripeRoutes }] = await Promise.all([import('./app.js'), import('./routes.js')]);
    return buildStripeApp(services, stripeRoutes);
  };
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = createServer((req, res) => {
      app ??= loadApp();
      app.then(
        (handle) => handle(req, res),
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(stripeErrorBody('api_error', `the Stripe API could not be loaded: ${error instanceof Error ? error.message : String(error)}`)));
        },
      );
    }).listen(port, host);
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
