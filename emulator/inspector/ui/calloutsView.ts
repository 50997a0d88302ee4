import { call, list } from './api.js';
import { badge, card, details, eventLabel, facts, html, idText, link, pre, table, time, type Content, type Html } from './components.js';
import type { CalloutAttempt, CalloutDelivery, Faults } from './types.js';
import { links, type Place } from './view.js';

function faultsInForce(faults: Faults): Html {
  const callout = faults.callouts ? html`${badge(faults.callouts.mode)} for the next ${faults.callouts.remaining} deliveries <span class="muted">(seed ${faults.callouts.seed})</span>` : null;
  const payments = faults.payments.map(
    (fault) => html`<div>account ${fault.accountNumber ?? fault.accountId}: next ${fault.remaining} payments decline with <code>${fault.responseCode}</code> ${fault.response}</div>`,
  );
  return facts([
    ['callouts', callout],
    ['payments', payments.length ? payments : null],
  ]);
}

/** Where the change that raised the callout can be seen. */
function raisedBy(place: Place, delivery: CalloutDelivery): Content {
  const label = html`${delivery.object} ${idText(delivery.objectId)}`;
  if (delivery.object === 'Subscription') return link(links.subscription(place.tenant, delivery.subscriptionNumber ?? delivery.objectId, delivery.objectId), label);
  if (delivery.accountId) return link(links.account(place.tenant, delivery.accountId, delivery.objectId), label);
  return label;
}

const attemptColumns = [
  { label: '#', kind: 'num' as const, cell: (attempt: CalloutAttempt) => attempt.attempt },
  { label: 'at', cell: (attempt: CalloutAttempt) => html`<code>${time(attempt.at)}</code>` },
  { label: 'status', cell: (attempt: CalloutAttempt) => badge(attempt.status ?? attempt.error ?? 'no answer') },
  { label: 'request id', cell: (attempt: CalloutAttempt) => idText(attempt.requestId) },
  { label: 'receiver answered', cell: (attempt: CalloutAttempt) => (attempt.responseBody ? pre(attempt.responseBody) : html`<span class="muted">${attempt.error ?? 'nothing'}</span>`) },
];

function deliveryCard(place: Place, delivery: CalloutDelivery): Html {
  return card(
    {
      title: html`#${delivery.seq} <b>${eventLabel(delivery.eventName)}</b>`,
      actions: html`${badge(delivery.status)} <button data-action="redeliver" data-callout="${delivery.id}">Redeliver</button>`,
      meta: html`${time(delivery.createdAt)} &middot; raised by ${raisedBy(place, delivery)} &middot; <code>${delivery.method} ${delivery.url}</code>${delivery.nextAttemptAt ? html` &middot; next attempt ${time(delivery.nextAttemptAt)}` : ''}`,
      ...(delivery.status === 'failed' || delivery.status === 'dropped' ? { tone: 'failed' } : {}),
      id: `callout-${delivery.id}`,
    },
    html`${table(attemptColumns, delivery.attempts, { empty: delivery.status === 'dropped' ? 'Dropped by a fault: never sent.' : 'Not attempted yet.' })}${details('Request body', pre(delivery.body ?? '(none)'), { key: `body-${delivery.id}` })}<div class="muted">delivery ${idText(delivery.id)}</div>`,
  );
}

/** The callouts tab: the fault modes in force and every delivery, newest first, with its attempts. */
export async function calloutsView(place: Place): Promise<Html> {
  const [deliveries, faults] = await Promise.all([list<CalloutDelivery>('/inspect/callouts', place.tenant), call<Faults>('GET', '/faults', place.tenant)]);
  return html`${card({ title: 'Fault modes in force' }, faultsInForce(faults))}
  <h2>Callout journal <span class="muted">${deliveries.length} deliveries, newest first</span></h2>
  ${deliveries.length === 0 ? html`<p class="empty">No callout yet.</p>` : [...deliveries].reverse().map((delivery) => deliveryCard(place, delivery))}`;
}
