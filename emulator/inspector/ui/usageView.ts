import { list } from './api.js';
import { badge, card, html, idText, link, table, time, type Html } from './components.js';
import type { UsageView } from './types.js';
import { links, type Place } from './view.js';

/** The usage tab: records in the order they were reported, with the invoice that billed each. */
export async function usageView(place: Place): Promise<Html> {
  const records = await list<UsageView>('/inspect/usage', place.tenant);
  return card(
    { title: 'Usage records', meta: `${records.length} reported` },
    table(
      [
        { label: 'from', cell: (record: UsageView) => html`<code>${time(record.startDateTime)}</code>` },
        { label: 'to', cell: (record) => html`<code>${time(record.endDateTime)}</code>` },
        { label: 'quantity', kind: 'num', cell: (record) => `${record.quantity} ${record.unitOfMeasure}` },
        { label: 'subscription', cell: (record) => link(links.subscription(place.tenant, record.subscriptionNumber, record.subscriptionId), record.subscriptionNumber) },
        { label: 'charge', cell: (record) => record.chargeNumber },
        { label: 'status', cell: (record) => badge(record.status) },
        { label: 'invoice', cell: (record) => idText(record.invoiceId) },
        { label: 'id', cell: (record) => idText(record.id) },
      ],
      records,
      { empty: 'No usage reported yet.' },
    ),
  );
}
