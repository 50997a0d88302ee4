import { call, list } from './api.js';
import { badge, card, facts, html, idText, link, money, table, timeline } from './components.js';
import { links } from './view.js';
const customFields = (fields) => {
    const pairs = Object.entries(fields);
    return pairs.length === 0 ? html `<span class="muted">none</span>` : facts(pairs.map(([name, value]) => [name, value === null ? null : String(value)]));
};
const methodText = (method) => html `${method.brand ?? method.type} ${method.last4 ? html `&middot;&middot;&middot;&middot; ${method.last4}` : ''} ${method.expires ? html `<span class="muted">exp ${method.expires}</span>` : ''}`;
function paymentMethods(account) {
    return table([
        { label: 'method', cell: (method) => html `${methodText(method)}${method.id === account.defaultPaymentMethodId ? html ` ${badge('default')}` : ''}` },
        { label: 'status', cell: (method) => badge(method.status) },
        { label: 'gateway answers', cell: (method) => badge(method.gatewayOutcome) },
        { label: 'last transaction', cell: (method) => html `${method.lastTransactionStatus ?? ''} ${method.numConsecutiveFailures ? html `<span class="muted">(${method.numConsecutiveFailures} failures in a row)</span>` : ''}` },
        { label: 'id', cell: (method) => idText(method.id) },
    ], account.paymentMethods, { empty: 'No payment method.' });
}
function invoiceItem(tenant, entry) {
    return {
        at: entry.at,
        kind: 'invoice',
        title: html `Invoice <b>${entry.number}</b> ${money(entry.amount)} ${badge(entry.status)} <span class="muted">balance</span> ${money(entry.balance)} <span class="muted">dated ${entry.date}, due ${entry.dueDate}</span> ${idText(entry.id)}`,
        body: table([
            { label: 'subscription version', cell: (item) => link(links.subscription(tenant, item.subscriptionNumber, item.subscriptionId), item.subscriptionNumber) },
            { label: 'charge', cell: (item) => `${item.chargeName} (${item.chargeNumber})` },
            { label: 'service', cell: (item) => `${item.serviceStartDate} to ${item.serviceEndDate}` },
            { label: 'qty', kind: 'num', cell: (item) => item.quantity },
            { label: 'amount', kind: 'num', cell: (item) => money(item.amount) },
        ], entry.items, { empty: 'No items.' }),
    };
}
/** The invoices a payment or credit memo went to, each linked to its place in the timeline. */
const invoicesPaid = (tenant, accountId, parts) => parts.map((part) => html `${link(links.account(tenant, accountId, part.invoiceId), part.invoiceNumber ?? part.invoiceId)} ${money(part.amount)} `);
function creditMemoItem(tenant, accountId, entry) {
    const applied = invoicesPaid(tenant, accountId, entry.invoices);
    return {
        at: entry.at,
        kind: 'credit',
        title: html `${entry.writeOff ? 'Write-off' : 'Credit memo'} <b>${entry.number}</b> ${money(entry.amount)} ${badge(entry.status)} <span class="muted">unapplied</span> ${money(entry.unappliedAmount)} <span class="muted">dated ${entry.date}</span> ${idText(entry.id)}`,
        body: html `<div><span class="muted">${entry.reason}, from</span> ${entry.source}</div>${applied.length ? html `<div><span class="muted">applied to</span> ${applied}</div>` : ''}`,
    };
}
function paymentItem(tenant, accountId, entry) {
    const paid = invoicesPaid(tenant, accountId, entry.invoices);
    const gateway = entry.gatewayResponseCode || entry.gatewayResponse ? html `<span class="muted">gateway:</span> <code>${entry.gatewayResponseCode ?? ''}</code> ${entry.gatewayResponse ?? ''}` : '';
    return {
        at: entry.at,
        kind: `payment${entry.status === 'Processed' ? '' : ' bad'}`,
        title: html `Payment <b>${entry.number}</b> ${money(entry.amount)} ${badge(entry.status)} <span class="muted">${entry.type}, ${entry.gatewayState}</span> ${idText(entry.id)}`,
        body: html `${gateway}${paid.length ? html `<div><span class="muted">for</span> ${paid}</div>` : ''}`,
    };
}
async function accountDetail(place, id) {
    const account = await call('GET', `/inspect/accounts/${encodeURIComponent(id)}`, place.tenant);
    const items = account.timeline.map((entry) => entry.kind === 'invoice' ? invoiceItem(place.tenant, entry) : entry.kind === 'creditMemo' ? creditMemoItem(place.tenant, account.id, entry) : paymentItem(place.tenant, account.id, entry));
    return html `${card({ title: html `${account.name} <span class="muted">${account.accountNumber}</span>`, actions: badge(account.status), meta: idText(account.id) }, html `<div class="grid">${facts([
        ['balance', money(account.balance, account.currency)],
        ['credit balance', money(account.creditBalance, account.currency)],
        ['auto-pay', account.autoPay ? 'yes' : 'no'],
        ['bill cycle day', account.billCycleDay || 'set by the first charge'],
        ['bill to', account.billTo ? `${account.billTo.name}${account.billTo.email ? ` <${account.billTo.email}>` : ''}` : null],
    ])}<div><h4>Custom fields</h4>${customFields(account.customFields)}</div></div>`)}
  ${card({ title: 'Payment methods' }, paymentMethods(account))}
  ${card({ title: 'Subscriptions' }, table([
        { label: 'number', cell: (sub) => link(links.subscription(place.tenant, sub.subscriptionNumber), sub.subscriptionNumber) },
        { label: 'version', kind: 'num', cell: (sub) => sub.version },
        { label: 'status', cell: (sub) => badge(sub.status) },
        { label: 'latest version id', cell: (sub) => idText(sub.id) },
    ], account.subscriptions, { empty: 'No subscription.' }))}
  ${card({ title: 'Invoices and payments', meta: 'oldest first; each invoice line links to the subscription version it billed' }, timeline(items, 'No invoice or payment yet.'))}`;
}
/** The accounts tab: every account, or one account with its timeline. */
export async function accountsView(place) {
    if (place.key)
        return accountDetail(place, place.key);
    const accounts = await list('/inspect/accounts', place.tenant);
    return card({ title: 'Accounts', meta: `${accounts.length} in this tenant` }, table([
        { label: 'number', cell: (account) => link(links.account(place.tenant, account.id), account.accountNumber) },
        { label: 'name', cell: (account) => account.name },
        { label: 'status', cell: (account) => badge(account.status) },
        { label: 'balance', kind: 'num', cell: (account) => money(account.balance, account.currency) },
        { label: 'payment methods', cell: (account) => account.paymentMethods.map((method) => html `<div>${methodText(method)} ${badge(method.status)}</div>`) },
        { label: 'custom fields', cell: (account) => customFields(account.customFields) },
        { label: 'id', cell: (account) => idText(account.id) },
    ], accounts, { empty: 'No account yet.' }));
}
