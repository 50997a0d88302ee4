import { call } from './api.js';
import { badge, card, html, idText, link, money, table, timeline, type Content, type Html } from './components.js';
import type { SyncCustomer, SyncEngineView, SyncState, SyncSubscription } from './types.js';
import { links, type Place } from './view.js';

const syncState = (sync: SyncState | undefined): Content =>
  sync ? html`${badge(sync.status)}${sync.reason ? html`<div class="muted">${sync.reason}</div>` : ''}` : html`<span class="muted">not tried</span>`;

/** The sync engine's side: its customers and subscriptions beside the Zuora objects they map to, and its event log. */
export async function syncView(place: Place): Promise<Html> {
  const engine = await call<SyncEngineView>('GET', '/inspect/sync-engine', place.tenant);
  if (!engine.linked) return html`<p class="empty">No sync engine works against this tenant. One started with <code>zuora-emulator start</code> shows here.</p>`;
  if (!engine.reachable) return card({ title: 'Sync engine', meta: html`<code>${engine.url}</code>` }, html`<p class="empty">Not reachable: ${engine.error}</p>`);
  const customers = table(
    [
      { label: 'customer', cell: (customer: SyncCustomer) => html`<b>${customer.id}</b> ${customer.name}${customer.archived ? html` ${badge('archived')}` : ''}` },
      { label: 'sync', cell: (customer) => syncState(customer.sync) },
      { label: 'Zuora account', cell: (customer) => (customer.billingId ? link(links.account(place.tenant, customer.billingId), html`${customer.billingAccountNumber ?? ''} ${idText(customer.billingId)}`) : html`<span class="muted">none</span>`) },
    ],
    engine.customers,
    { empty: 'No customer yet.' },
  );
  const subscriptions = table(
    [
      { label: 'subscription', cell: (sub: SyncSubscription) => html`<b>${sub.id}</b> <span class="muted">${sub.customerId} on ${sub.planId}</span>` },
      { label: 'status', cell: (sub) => badge(sub.status) },
      { label: 'sync', cell: (sub) => syncState(sub.sync) },
      {
        label: 'Zuora subscription version',
        cell: (sub) =>
          sub.billingId
            ? html`${link(links.subscription(place.tenant, sub.billingSubscriptionNumber ?? sub.billingId, sub.billingId), html`${sub.billingSubscriptionNumber ?? ''} ${idText(sub.billingId)}`)}${sub.historicalBillingIds.length ? html`<div class="muted">${sub.historicalBillingIds.length} earlier versions</div>` : ''}`
            : html`<span class="muted">none</span>`,
      },
      { label: 'latest invoice', cell: (sub) => (sub.latestInvoice ? html`${badge(sub.latestInvoice.status)} ${money(sub.latestInvoice.amount)} ${idText(sub.latestInvoice.id)}` : html`<span class="muted">none</span>`) },
    ],
    engine.subscriptions,
    { empty: 'No subscription yet.' },
  );
  const events = [...engine.events].reverse().map((event) => ({
    at: event.at,
    kind: event.type.includes('FAILED') ? 'failed' : 'event',
    title: html`<b>${event.type}</b> ${[event.customerId, event.subscriptionId].filter(Boolean).join(' / ')}`,
    body: html`<span class="muted">${JSON.stringify(event.data)}</span>`,
  }));
  return html`${card({ title: 'Customers', meta: html`sync engine at <code>${engine.url}</code>` }, customers)}
  ${card({ title: 'Subscriptions' }, subscriptions)}
  ${card({ title: 'Event log', meta: `${engine.events.length} events, newest first` }, timeline(events, 'No event yet.'))}`;
}
