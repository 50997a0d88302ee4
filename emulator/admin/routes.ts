import type { RouteTable } from '../http/routeTable.js';
import { health, openApi } from './about.js';
import { addSubscriber, advanceClock, clockSubscriberRequest, getClock, removeSubscriber } from './clock.js';
import { calloutFaultRequest, flushCallouts, listCallouts, postCalloutFault, redeliverCallout, redeliverFailedCallouts } from './callouts.js';
import { paymentFaultRequest, postPaymentFault } from './faults.js';
import { listJobs, listRequests } from './journals.js';
import { listOutbox } from './outbox.js';
import * as schemas from './schemas.js';
import { getAccountView, listAccountViews } from './inspect/accounts.js';
import { listCalloutViews } from './inspect/callouts.js';
import { changeFeed } from './inspect/changes.js';
import { listFaults } from './inspect/faults.js';
import { cancelOrderView, listOrderViews } from './inspect/orders.js';
import { getSubscriptionView, listSubscriptionViews } from './inspect/subscriptions.js';
import { getSyncEngineView, putSyncEngine, syncEngineRequest } from './inspect/syncEngine.js';
import { listUsageViews } from './inspect/usage.js';
import { getSettings, patchSettings, settingsSchema } from './settings.js';
import { postStripeAccount, stripeAccountRequest } from './stripeAccounts.js';
import { exportSnapshot, postSnapshot, putSnapshot, restore } from './snapshots.js';
import { listTenants, postReset, postTenant } from './tenants.js';

/** The emulator's control plane. The tenant comes from `X-Emulator-Tenant` (default tenant when absent). */
export const adminRoutes: RouteTable = {
  dialect: 'admin',
  routes: [
    { method: 'GET', path: '/__emulator/health', auth: 'none', handler: health },
    { method: 'GET', path: '/__emulator/openapi.json', auth: 'none', handler: openApi },
    { method: 'POST', path: '/__emulator/reset', auth: 'admin', body: schemas.resetRequest, handler: postReset },
    { method: 'GET', path: '/__emulator/clock', auth: 'admin', handler: getClock },
    { method: 'POST', path: '/__emulator/clock/advance', auth: 'admin', body: schemas.advanceRequest, handler: advanceClock },
    { method: 'POST', path: '/__emulator/clock/subscribers', auth: 'admin', body: clockSubscriberRequest, handler: addSubscriber },
    { method: 'DELETE', path: '/__emulator/clock/subscribers', auth: 'admin', body: clockSubscriberRequest, handler: removeSubscriber },
    { method: 'GET', path: '/__emulator/jobs', auth: 'admin', handler: listJobs },
    { method: 'GET', path: '/__emulator/settings', auth: 'admin', handler: getSettings },
    { method: 'PATCH', path: '/__emulator/settings', auth: 'admin', body: settingsSchema, handler: patchSettings },
    { method: 'GET', path: '/__emulator/tenants', auth: 'admin', handler: listTenants },
    { method: 'POST', path: '/__emulator/tenants', auth: 'admin', body: schemas.tenantRequest, handler: postTenant },
    { method: 'POST', path: '/__emulator/snapshots', auth: 'admin', body: schemas.snapshotRequest, handler: postSnapshot },
    { method: 'GET', path: '/__emulator/snapshots/:name', auth: 'admin', handler: exportSnapshot },
    { method: 'PUT', path: '/__emulator/snapshots/:name', auth: 'admin', body: schemas.snapshotDocument, handler: putSnapshot },
    { method: 'POST', path: '/__emulator/snapshots/:name/restore', auth: 'admin', handler: restore },
    { method: 'GET', path: '/__emulator/requests', auth: 'admin', handler: listRequests },
    { method: 'GET', path: '/__emulator/callouts', auth: 'admin', handler: listCallouts },
    { method: 'GET', path: '/__emulator/outbox', auth: 'admin', handler: listOutbox },
    { method: 'POST', path: '/__emulator/callouts/flush', auth: 'admin', handler: flushCallouts },
    { method: 'POST', path: '/__emulator/callouts/redeliver-failed', auth: 'admin', handler: redeliverFailedCallouts },
    { method: 'POST', path: '/__emulator/callouts/:id/redeliver', auth: 'admin', handler: redeliverCallout },
    { method: 'POST', path: '/__emulator/faults/callouts', auth: 'admin', body: calloutFaultRequest, handler: postCalloutFault },
    { method: 'POST', path: '/__emulator/stripe/accounts', auth: 'admin', body: stripeAccountRequest, handler: postStripeAccount },
    { method: 'POST', path: '/__emulator/faults/payments', auth: 'admin', body: paymentFaultRequest, handler: postPaymentFault },
    { method: 'GET', path: '/__emulator/faults', auth: 'admin', handler: listFaults },
    { method: 'POST', path: '/__emulator/orders/:orderNumber/cancel', auth: 'admin', handler: cancelOrderView },
    { method: 'PUT', path: '/__emulator/sync-engine', auth: 'admin', body: syncEngineRequest, handler: putSyncEngine },
    { method: 'GET', path: '/__emulator/changes', auth: 'admin', handler: changeFeed },
    // The emulator's own view of a tenant's objects, for the inspector (emulator/inspector/).
    { method: 'GET', path: '/__emulator/inspect/accounts', auth: 'admin', handler: listAccountViews },
    { method: 'GET', path: '/__emulator/inspect/accounts/:id', auth: 'admin', handler: getAccountView },
    { method: 'GET', path: '/__emulator/inspect/subscriptions', auth: 'admin', handler: listSubscriptionViews },
    { method: 'GET', path: '/__emulator/inspect/subscriptions/:key', auth: 'admin', handler: getSubscriptionView },
    { method: 'GET', path: '/__emulator/inspect/orders', auth: 'admin', handler: listOrderViews },
    { method: 'GET', path: '/__emulator/inspect/callouts', auth: 'admin', handler: listCalloutViews },
    { method: 'GET', path: '/__emulator/inspect/usage', auth: 'admin', handler: listUsageViews },
    { method: 'GET', path: '/__emulator/inspect/sync-engine', auth: 'admin', handler: getSyncEngineView },
  ],
};
