import { int, oneOf, str } from '../schema.js';
import { param } from './parameters.js';
import type { EndpointDoc, EndpointDocs } from './types.js';

// The emulator's control plane. Zuora has nothing like it, so every shape here is the emulator's own.

const OWN = "The emulator's control plane (/__emulator/*); no Zuora spec has it.";

const admin = (summary: string, status: number, schema: string | null, query?: EndpointDoc['query']): EndpointDoc => ({
  summary,
  ownShape: OWN,
  success: { status, schema },
  ...(query ? { query } : {}),
});

export const ADMIN_ENDPOINTS: EndpointDocs = {
  'GET /__emulator/health': admin('Is the emulator ready: its version, how many tenants it holds and seconds since start (no admin token needed)', 200, 'Health'),
  'GET /__emulator/openapi.json': admin('This admin API as an OpenAPI document (no admin token needed)', 200, 'OpenApiDocument'),
  'POST /__emulator/reset': admin("Empty the tenant; `now` restarts its clock there, else at wall time", 200, 'TenantReset'),
  'GET /__emulator/clock': admin("The tenant's virtual time", 200, 'Clock'),
  'POST /__emulator/clock/advance': admin('Advance the virtual clock `by` a duration or `to` a time, running every job due on the way', 200, 'ClockAdvance'),
  'POST /__emulator/clock/subscribers': admin('Tell a URL about every step of the clock, and wait for it', 201, 'ClockSubscriber'),
  'DELETE /__emulator/clock/subscribers': admin('Stop telling a URL about the clock', 204, null),
  'GET /__emulator/jobs': admin('Work the clock will run when it passes each due time', 200, 'Jobs'),
  'GET /__emulator/settings': admin("The calling tenant's settings in force", 200, 'Settings'),
  'PATCH /__emulator/settings': admin("Change some of the calling tenant's settings", 200, 'Settings'),
  'GET /__emulator/tenants': admin('List tenants', 200, 'Tenants'),
  'GET /__emulator/outbox': admin('The invoice emails the tenant has sent, oldest first', 200, 'Outbox'),
  'POST /__emulator/tenants': admin('Create a tenant, optionally forked from a snapshot', 201, 'Tenant'),
  'POST /__emulator/snapshots': admin("Save a named snapshot of the tenant's state", 201, 'SnapshotResult'),
  'GET /__emulator/snapshots/:name': admin('Export a snapshot as a document', 200, 'SnapshotDocument'),
  'PUT /__emulator/snapshots/:name': admin('Import a snapshot document under a name', 200, 'SnapshotResult'),
  'POST /__emulator/snapshots/:name/restore': admin('Restore the tenant to a snapshot', 200, 'SnapshotResult'),
  'GET /__emulator/requests': admin("The tenant's most recent Zuora API calls", 200, 'RequestJournal', [
    param('limit', 'Keep only the last N calls.', { ...int(), minimum: 0 }),
  ]),
  'GET /__emulator/callouts': admin('The callout journal: every delivery with its attempts', 200, 'CalloutJournal', [
    param('event', 'Only deliveries of this event.', str()),
    param('status', 'Only deliveries in this state.', oneOf('pending', 'waiting', 'delivered', 'failed', 'dropped')),
  ]),
  'POST /__emulator/callouts/flush': admin('Make one attempt at every callout owed, waiting retries included, then answer counts by outcome', 200, 'CalloutFlush'),
  'POST /__emulator/callouts/redeliver-failed': admin('Give every failed callout a fresh set of attempts and make the first', 200, 'CalloutRedeliverFailed'),
  'POST /__emulator/callouts/:id/redeliver': admin('Deliver a journaled callout again', 201, 'CalloutDelivery'),
  'POST /__emulator/faults/callouts': admin('Make the next callout deliveries fail in a chosen way', 201, 'CalloutFault'),
  'POST /__emulator/faults/payments': admin("Make an account's next electronic payments decline", 201, 'PaymentFault'),
  'POST /__emulator/stripe/accounts': admin('Create a Stripe account (its secret key is shown only here)', 201, 'StripeAccount'),
  'GET /__emulator/faults': admin('The fault modes in force: the next callout deliveries and each account\'s next payments', 200, 'FaultsInForce'),
  'POST /__emulator/orders/:orderNumber/cancel': admin('Cancel a Draft, Pending or Scheduled order (its scheduled run is withdrawn)', 200, 'OrderCancelled'),
  'PUT /__emulator/sync-engine': admin('Say where the sync engine working against the tenant is, for the inspector', 200, 'SyncEngineLink'),
  'GET /__emulator/changes': admin('The change feed of every tenant as server-sent events (`change` per committed change, `activity` whenever a tenant moved)', 200, null),
  'GET /__emulator/inspect/accounts': admin('Accounts with status, balance, payment methods and custom fields', 200, 'InspectAccounts'),
  'GET /__emulator/inspect/accounts/:id': admin('One account with its subscriptions and its invoice and payment timeline', 200, 'InspectAccount'),
  'GET /__emulator/inspect/subscriptions': admin("Every subscription's latest version", 200, 'InspectSubscriptions'),
  'GET /__emulator/inspect/subscriptions/:key': admin("A subscription's version chain, with each version's order, rate plans, charges and invoices", 200, 'InspectSubscription'),
  'GET /__emulator/inspect/orders': admin('Orders, Scheduled ones with their date', 200, 'InspectOrders'),
  'GET /__emulator/inspect/callouts': admin('The callout journal with where each callout\'s object lives (no credentials)', 200, 'InspectCallouts'),
  'GET /__emulator/inspect/usage': admin('Usage records with the invoice that billed each', 200, 'InspectUsage'),
  'GET /__emulator/inspect/sync-engine': admin("The sync engine's customers, subscriptions and event log, read from its API", 200, 'InspectSyncEngine'),
};
