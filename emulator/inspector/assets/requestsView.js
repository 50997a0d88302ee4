import { list } from './api.js';
import { badge, card, html, idText, table } from './components.js';
/** The requests tab: the tenant's latest Zuora API calls, newest first. */
export async function requestsView(place) {
    const requests = (await list('/requests?limit=200', place.tenant)).reverse();
    return card({ title: 'Request log', meta: 'the last 200 Zuora API calls of this tenant, newest first (wall time)' }, table([
        { label: 'at', cell: (entry) => html `<code>${entry.at.slice(11, 23)}</code>` },
        { label: 'method', cell: (entry) => html `<b>${entry.method}</b>` },
        { label: 'path', cell: (entry) => html `<code>${entry.path}</code>` },
        { label: 'status', cell: (entry) => badge(entry.status) },
        { label: 'ms', kind: 'num', cell: (entry) => entry.durationMs.toFixed(1) },
        { label: 'request id', cell: (entry) => idText(entry.requestId) },
    ], requests, { empty: 'No Zuora API call yet.', rowClass: (entry) => (entry.status >= 400 ? 'bad' : '') }));
}
