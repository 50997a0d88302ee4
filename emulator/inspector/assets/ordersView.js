import { list } from './api.js';
import { badge, card, html, idText, link, table, time } from './components.js';
import { links } from './view.js';
/** The orders tab: every order, Scheduled ones with their date and a cancel button. */
export async function ordersView(place) {
    const orders = await list('/inspect/orders', place.tenant);
    return card({ title: 'Orders', meta: 'oldest first' }, table([
        { label: 'number', cell: (order) => html `<b>${order.orderNumber}</b>` },
        { label: 'status', cell: (order) => html `${badge(order.status)}${order.errorMessage ? html `<div class="muted">${order.errorMessage}</div>` : ''}` },
        { label: 'order date', cell: (order) => order.orderDate },
        { label: 'scheduled for', cell: (order) => order.scheduledDate ?? '' },
        { label: 'actions', cell: (order) => order.actions.join(', ') },
        { label: 'account', cell: (order) => link(links.account(place.tenant, order.accountId), order.accountNumber) },
        { label: 'subscriptions', cell: (order) => order.subscriptions.map((sub) => html `<div>${link(links.subscription(place.tenant, sub.subscriptionNumber, sub.subscriptionId), sub.subscriptionNumber)}</div>`) },
        { label: 'placed', cell: (order) => html `<code>${time(order.createdDate)}</code>` },
        { label: 'id', cell: (order) => idText(order.id) },
        {
            label: '',
            cell: (order) => order.status === 'Scheduled' || order.status === 'Draft' || order.status === 'Pending'
                ? html `<button class="danger" data-action="cancel-order" data-order="${order.orderNumber}">Cancel</button>`
                : '',
        },
    ], orders, { empty: 'No order yet.', rowClass: (order) => (order.status === 'Failed' ? 'bad' : '') }));
}
