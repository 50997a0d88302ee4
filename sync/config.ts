import type { TimeSource } from './time.js';
import type { ZuoraClientOptions } from './zuora/types.js';

export const DEFAULT_SYNC_PORT = 4020;
export const DEFAULT_SYNC_HOST = '127.0.0.1';
/** Where `zuora-emulator sync` keeps state when run alone; beside the emulator it is `<data-dir>/sync`. */
export const DEFAULT_SYNC_DATA_DIR = '.zuora-sync';
export const SYNC_SUBDIR = 'sync';
/** The path Zuora's callouts are posted to, below the engine's public URL. */
export const WEBHOOK_PATH = '/webhooks/zuora';
/** The path Stripe's webhooks are posted to, when the Stripe integration is connected. */
export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
/**
 * How often the engine looks at the platform clock for a new hour. The emulator's clock jumps on
 * advances, so a short poll lets the hourly usage sync follow it; against the wall clock a minute
 * is at most a minute late.
 */
export const HOURLY_POLL_MS = 1_000;

export interface SyncEngineOptions {
  /** 0 (the default here, as for startEmulator) picks a free port; the CLI's default is 4020. */
  port?: number;
  host?: string;
  /** Where the engine's JSON state lives; ignored with `inMemory`. */
  dataDir?: string;
  inMemory?: boolean;
  /** Which Zuora, and as whom: the base URL and an OAuth client (`onCall` sees every request made). */
  zuora: ZuoraClientOptions;
  /** The platform clock; the wall clock unless wired to an emulator tenant. */
  time?: TimeSource;
  /** Base of the `stiggEntityUrl__c` links written to Zuora; default the engine's public URL. */
  entityBaseUrl?: string;
  /** The URL Zuora reaches this engine at (behind a proxy or tunnel); default the listen URL. */
  publicUrl?: string;
  /** Run the usage sync whenever the platform clock enters a new hour; default true. */
  hourlyUsageSync?: boolean;
}
