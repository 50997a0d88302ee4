import { call, list } from './api.js';
import { badge, card, details, facts, html, idText, link, money, table, time, type Html } from './components.js';
import type { ChargeView, SubscriptionDetail, SubscriptionSummary, VersionView } from './types.js';
import { links, type Place } from './view.js';

const chargeColumns = [
  { label: 'charge', cell: (charge: ChargeView) => html`${charge.name} <span class="muted">${charge.chargeNumber}${charge.segment > 1 ? ` segment ${charge.segment}` : ''}</span>` },
  { label: 'type', cell: (charge: ChargeView) => `${charge.chargeType} ${charge.chargeModel}${charge.billingPeriod ? `, ${charge.billingPeriod}` : ''}` },
  { label: 'price', kind: 'num' as const, cell: (charge: ChargeView) => money(charge.price, charge.currency) },
  { label: 'qty', kind: 'num' as const, cell: (charge: ChargeView) => charge.quantity ?? '' },
  { label: 'effective', cell: (charge: ChargeView) => `${charge.effectiveStartDate} to ${charge.effectiveEndDate ?? 'open'}` },
  { label: 'billed through', cell: (charge: ChargeView) => charge.chargedThroughDate },
  { label: 'id', cell: (charge: ChargeView) => idText(charge.id) },
];

function versionCard(place: Place, detail: SubscriptionDetail, version: VersionView): Html {
  const order = version.order;
  const plans = version.ratePlans.map(
    (plan) => html`<h4>${plan.name} ${plan.lastChangeType ? badge(plan.lastChangeType) : ''} <span class="muted">rate plan</span> ${idText(plan.id)}</h4>${table(chargeColumns, plan.charges, { empty: 'No charges.' })}`,
  );
  const invoices = version.invoices.map((invoice) => html`${link(links.account(place.tenant, invoice.accountId, invoice.id), invoice.invoiceNumber)} ${money(invoice.amount)} ${badge(invoice.status)} `);
  const open = place.focus === version.id || (!place.focus && version.isLatestVersion);
  return card(
    {
      title: html`Version ${version.version} ${version.isLatestVersion ? badge('isLatestVersion') : ''}`,
      actions: badge(version.status),
      meta: idText(version.id),
      ...(version.isLatestVersion ? { tone: 'current' } : {}),
      id: `version-${version.id}`,
    },
    html`${facts([
      ['what changed', order.actions.length ? order.actions.join(', ') : null],
      ['by order', html`${link(links.order(place.tenant, order.orderNumber), order.orderNumber)} ${order.status ? badge(order.status) : ''} <span class="muted">${order.orderDate ?? ''}</span>`],
      ['previous version', version.previousSubscriptionId ? link(links.subscription(place.tenant, detail.subscriptionNumber, version.previousSubscriptionId), version.previousSubscriptionId) : null],
      ['term', `${version.termStartDate} to ${version.termEndDate ?? 'evergreen'}`],
      ['cancelled', version.cancelledDate ?? undefined],
      ['written at', time(version.createdDate)],
      ['invoices billing it', invoices.length ? invoices : null],
    ])}${details(html`Rate plans and charges (${version.ratePlans.length})`, plans, { key: `plans-${version.id}`, open })}`,
  );
}

async function subscriptionDetail(place: Place, key: string): Promise<Html> {
  const detail = await call<SubscriptionDetail>('GET', `/inspect/subscriptions/${encodeURIComponent(key)}`, place.tenant);
  const chain = detail.versions.map(
    (version) => html`${version.version > 1 ? html`&rarr;` : ''} <a href="${links.subscription(place.tenant, detail.subscriptionNumber, version.id)}"${place.focus === version.id ? html` class="on"` : ''}>v${version.version}</a>`,
  );
  return html`<h2>Subscription ${detail.subscriptionNumber} <span class="muted">of account</span> ${link(links.account(place.tenant, detail.accountId), detail.accountNumber ?? detail.accountId)}</h2>
  <div class="chain"><span class="muted">versions:</span> ${chain}</div>
  ${[...detail.versions].reverse().map((version) => versionCard(place, detail, version))}`;
}

/** The subscriptions tab: every subscription's latest version, or one subscription's version chain. */
export async function subscriptionsView(place: Place): Promise<Html> {
  if (place.key) return subscriptionDetail(place, place.key);
  const subscriptions = await list<SubscriptionSummary>('/inspect/subscriptions', place.tenant);
  return card(
    { title: 'Subscriptions', meta: 'latest versions; open one for its version chain' },
    table(
      [
        { label: 'number', cell: (sub: SubscriptionSummary) => link(links.subscription(place.tenant, sub.subscriptionNumber), sub.subscriptionNumber) },
        { label: 'account', cell: (sub) => link(links.account(place.tenant, sub.accountId), sub.accountNumber ?? sub.accountId) },
        { label: 'version', kind: 'num', cell: (sub) => sub.version },
        { label: 'status', cell: (sub) => badge(sub.status) },
        { label: 'term', cell: (sub) => `${sub.termStartDate} to ${sub.termEndDate ?? 'evergreen'}` },
        { label: 'latest version id', cell: (sub) => idText(sub.id) },
      ],
      subscriptions,
      { empty: 'No subscription yet.' },
    ),
  );
}
