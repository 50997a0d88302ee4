// The inspector's building blocks: small functions that turn records into HTML text. They touch no
// DOM, so the same code renders the live page in the browser and the scenario runner's static
// timeline in Node, which is why a failed scenario's timeline looks like the inspector.
/** HTML that is already safe: builders nest without escaping twice. */
export class Html {
    text;
    constructor(text) {
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text) => text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
function render(value) {
    if (value instanceof Html)
        return value.text;
    if (Array.isArray(value))
        return value.map(render).join('');
    if (value === null || value === undefined || value === false)
        return '';
    return escapeHtml(String(value));
}
/** A template tag: interpolated values are escaped unless they are Html already; lists are joined. */
export function html(strings, ...values) {
    let out = strings[0] ?? '';
    values.forEach((value, index) => {
        out += render(value) + (strings[index + 1] ?? '');
    });
    return new Html(out);
}
/** Zuora's standard event categories, by the names their callouts go by in the journal. */
export const STANDARD_EVENT_NAMES = {
    '1110': 'InvoicePosted',
    '1200': 'SubscriptionChanged',
    '1210': 'SubscriptionCreated',
    '1500': 'AccountChanged',
};
export const eventLabel = (name) => (STANDARD_EVENT_NAMES[name] ? `${STANDARD_EVENT_NAMES[name]} (${name})` : name);
/** Virtual times as people read them: `2026-01-01 00:00Z`. */
export const time = (iso) => (iso ? iso.replace('T', ' ').replace(/:00\.000Z$|\.000Z$/, 'Z') : '');
const GOOD = /^(active|completed|processed|delivered|paid|synced|passed|done|posted|approve|ok)$/i;
const BAD = /^(error|failed|failed_to_settle|failedtosettle|dropped|declined|decline|canceled|cancelled|voided|expired|suspended|payment_failed|no answer)$/i;
const WAIT = /^(pending|waiting|scheduled|draft|executing|in_trial|payment_pending|processing|open|not_started|pending activation|no_sync)$/i;
/** The tone a status shows in: good, bad, waiting or plain. */
export function tone(status) {
    const text = String(status ?? '');
    if (/^\d{3}$/.test(text))
        return text.startsWith('2') ? 'good' : 'bad';
    if (GOOD.test(text))
        return 'good';
    if (BAD.test(text))
        return 'bad';
    if (WAIT.test(text))
        return 'wait';
    return 'plain';
}
export const badge = (status) => html `<span class="badge ${tone(status)}">${status === null || status === undefined ? 'none' : String(status)}</span>`;
/** An id shown whole; the page copies it on click. */
export const idText = (id) => (id ? html `<code class="id" data-copy="${id}" title="Click to copy">${id}</code>` : html `<span class="muted">none</span>`);
export const link = (href, content) => html `<a href="${href}">${content}</a>`;
export function money(amount, currency) {
    if (amount === null || amount === undefined)
        return html `<span class="muted">none</span>`;
    return html `<span class="money${amount < 0 ? ' negative' : ''}">${amount.toFixed(2)}${currency ? ` ${currency}` : ''}</span>`;
}
export function table(columns, rows, options = {}) {
    if (rows.length === 0)
        return html `<p class="empty">${options.empty ?? 'Nothing yet.'}</p>`;
    const head = columns.map((column) => html `<th${column.kind ? html ` class="${column.kind}"` : ''}>${column.label}</th>`);
    const body = rows.map((row) => html `<tr${options.rowClass ? html ` class="${options.rowClass(row)}"` : ''}>${columns.map((column) => html `<td${column.kind ? html ` class="${column.kind}"` : ''}>${column.cell(row)}</td>`)}</tr>`);
    return html `<table>${options.caption ? html `<caption>${options.caption}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
/** Label and value pairs; pairs whose value is undefined are left out. */
export function facts(pairs) {
    const shown = pairs.filter(([, value]) => value !== undefined);
    return html `<dl class="facts">${shown.map(([label, value]) => html `<dt>${label}</dt><dd>${value === null || value === '' ? html `<span class="muted">none</span>` : value}</dd>`)}</dl>`;
}
export const card = (options, body) => html `<section class="card${options.tone ? ` ${options.tone}` : ''}"${options.id ? html ` id="${options.id}"` : ''}><header><h3>${options.title}</h3>${options.actions ? html `<div class="actions">${options.actions}</div>` : ''}</header>${options.meta ? html `<div class="meta">${options.meta}</div>` : ''}${body}</section>`;
/** A section that opens on click; `key` lets the page keep it as the reader left it across live refreshes. */
export const details = (summary, body, options = {}) => html `<details${options.key ? html ` data-key="${options.key}"` : ''}${options.open ? html ` open` : ''}><summary>${summary}</summary>${body}</details>`;
/** Things in the order they happened, each with its virtual time. */
export const timeline = (items, empty = 'Nothing has happened yet.') => items.length === 0
    ? html `<p class="empty">${empty}</p>`
    : html `<ol class="timeline">${items.map((item) => html `<li class="${item.kind}"><time>${time(item.at)}</time><div class="what">${item.title}</div>${item.body ? html `<div class="more">${item.body}</div>` : ''}</li>`)}</ol>`;
/** A block of text kept as it is (receiver answers, errors, diffs). */
export const pre = (text, kind = '') => (text ? html `<pre${kind ? html ` class="${kind}"` : ''}>${text}</pre>` : html ``);
