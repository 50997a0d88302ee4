import { ApiError, call, list } from './api.js';
import { accountsView } from './accountsView.js';
import { calloutsView } from './calloutsView.js';
import { clockView, rememberRun } from './clockView.js';
import { html, time } from './components.js';
import { ordersView } from './ordersView.js';
import { requestsView } from './requestsView.js';
import { subscriptionsView } from './subscriptionsView.js';
import { syncView } from './syncView.js';
import { href, parsePlace } from './view.js';
import { usageView } from './usageView.js';
import { signIn, signedIn, signOut } from './session.js';
// The inspector page: sign-in first, then one tenant at a time in tabs, redrawn whenever the
// admin change feed says the tenant moved, so it stays live while tests run against the emulator.
const TABS = [
    { view: 'accounts', label: 'Accounts', draw: accountsView },
    { view: 'subscriptions', label: 'Subscriptions', draw: subscriptionsView },
    { view: 'orders', label: 'Orders', draw: ordersView },
    { view: 'callouts', label: 'Callouts', draw: calloutsView },
    { view: 'requests', label: 'Requests', draw: requestsView },
    { view: 'usage', label: 'Usage', draw: usageView },
    { view: 'clock', label: 'Clock and jobs', draw: clockView },
    { view: 'sync', label: 'Sync engine', draw: syncView },
];
const BILL_RUN_JOB = 'billing.billRun';
/** Changes arriving this close together are drawn once. */
const REDRAW_DELAY_MS = 120;
const root = document.getElementById('root');
let tenants = [];
let place = { tenant: '', view: 'accounts' };
let feed;
/** Open or closed, as the reader left each keyed <details>. */
const toggled = new Map();
const $ = (id) => document.getElementById(id);
function showLogin(message) {
    feed?.close();
    feed = undefined;
    root.innerHTML = html `<div class="login card">
    <h1>zuora-emulator inspector</h1>
    <p class="muted">Sign in with the emulator's admin token (printed at start as <code>admin token: ...</code>).</p>
    ${message ? html `<p class="error" role="alert">${message}</p>` : ''}
    <form id="login"><input id="token" type="password" name="token" autocomplete="current-password" placeholder="admin token" required autofocus>
    <button class="primary" type="submit">Sign in</button></form></div>`.text;
    $('login').addEventListener('submit', (event) => {
        event.preventDefault();
        const token = $('token').value;
        void signIn(token).then((ok) => (ok ? start() : showLogin('That is not the admin token of this emulator. Try again.')));
    });
}
function frame() {
    root.innerHTML = html `<header class="top">
    <h1>zuora-emulator</h1>
    <label class="muted">tenant <select id="tenant" aria-label="tenant"></select></label>
    <div class="clock">
      <span class="now" id="now"></span>
      <button data-action="advance" data-by="PT1H">+1 hour</button>
      <button data-action="advance" data-by="P1D">+1 day</button>
      <button data-action="next-bill-run" id="next-bill-run">Next bill run</button>
      <input id="advance-to" type="datetime-local" step="1" aria-label="advance to (UTC)">
      <button data-action="advance-to">Advance to</button>
    </div>
    <span class="spacer"></span>
    <span class="live off" id="live">connecting</span>
    <button data-action="sign-out">Sign out</button>
  </header>
  <nav class="tabs" id="tabs"></nav>
  <main><div id="flash"></div><div id="view"></div></main>`.text;
    $('tenant').addEventListener('change', (event) => {
        location.hash = href(event.target.value, place.view);
    });
}
function flash(message, bad = false) {
    $('flash').innerHTML = html `<div class="flash${bad ? ' bad' : ''}" role="status">${message}</div>`.text;
}
function drawTenantPicker() {
    $('tenant').innerHTML = tenants.map((tenant) => html `<option value="${tenant.clientId}"${tenant.clientId === place.tenant ? html ` selected` : ''}>${tenant.name && tenant.name !== tenant.clientId ? `${tenant.name} (${tenant.clientId})` : tenant.clientId}</option>`).join('');
    $('tabs').innerHTML = TABS.map((tab) => html `<a href="${href(place.tenant, tab.view)}"${tab.view === place.view ? html ` class="on"` : ''}>${tab.label}</a>`).join('');
}
/** The clock bar: the tenant's time, and the next bill run the button would advance to. */
async function drawClock() {
    const [clock, jobs] = await Promise.all([call('GET', '/clock', place.tenant), list('/jobs', place.tenant)]);
    $('now').textContent = time(clock.now);
    const billRun = jobs.find((job) => job.kind === BILL_RUN_JOB);
    const button = $('next-bill-run');
    button.disabled = !billRun;
    button.dataset.to = billRun?.dueAt ?? '';
    button.title = billRun ? `Advance to ${time(billRun.dueAt)}` : 'No bill run is due';
    if (!$('advance-to').value)
        $('advance-to').value = clock.now.slice(0, 19);
}
let drawing;
let again = false;
let timer;
/** Draws the clock and the current tab; `arrived` means the reader just came here, so bring its focus into sight. */
async function draw(arrived = false) {
    if (drawing) {
        again = true;
        return drawing;
    }
    drawing = (async () => {
        try {
            const tab = TABS.find((candidate) => candidate.view === place.view) ?? TABS[0];
            const [content] = await Promise.all([tab?.draw(place) ?? html ``, drawClock()]);
            const view = $('view');
            view.innerHTML = content.text;
            for (const element of view.querySelectorAll('details[data-key]')) {
                const open = toggled.get(element.dataset.key ?? '');
                if (open !== undefined)
                    element.open = open;
            }
            if (arrived && place.focus)
                bringIntoSight(place.focus);
        }
        catch (error) {
            if (error instanceof ApiError && error.status === 401)
                return showLogin('Your session has ended. Sign in again.');
            $('view').innerHTML = html `<p class="flash bad">${error instanceof Error ? error.message : String(error)}</p>`.text;
        }
        finally {
            drawing = undefined;
        }
        if (again) {
            again = false;
            await draw();
        }
    })();
    return drawing;
}
function bringIntoSight(id) {
    const target = document.getElementById(`version-${id}`) ?? document.querySelector(`[data-copy="${CSS.escape(id)}"]`);
    target?.classList.add('focus');
    target?.scrollIntoView({ block: 'center' });
}
function redrawSoon() {
    if (timer !== undefined)
        return;
    timer = window.setTimeout(() => {
        timer = undefined;
        void draw();
    }, REDRAW_DELAY_MS);
}
async function loadTenants() {
    tenants = await list('/tenants', '');
}
function follow() {
    feed?.close();
    feed = new EventSource('/__emulator/changes');
    const live = $('live');
    feed.addEventListener('open', () => {
        live.className = 'live on';
        live.textContent = 'live';
    });
    feed.addEventListener('error', () => {
        live.className = 'live off';
        live.textContent = 'reconnecting';
        // A feed that fails because the session ended sends the reader back to the sign-in.
        void signedIn().then((ok) => {
            if (!ok)
                showLogin('Your session has ended. Sign in again.');
        });
    });
    feed.addEventListener('activity', (event) => {
        const { tenant } = JSON.parse(event.data);
        if (tenant === place.tenant)
            redrawSoon();
        else if (!tenants.some((known) => known.clientId === tenant))
            void loadTenants().then(drawTenantPicker);
    });
}
async function navigate() {
    const wanted = parsePlace(location.hash);
    const tenant = tenants.some((known) => known.clientId === wanted.tenant) ? wanted.tenant : (tenants[0]?.clientId ?? '');
    const view = TABS.some((tab) => tab.view === wanted.view) ? wanted.view : 'accounts';
    const changedTenant = tenant !== place.tenant;
    place = { tenant, view, ...(wanted.key ? { key: wanted.key } : {}), ...(wanted.focus ? { focus: wanted.focus } : {}) };
    if (changedTenant)
        $('advance-to').value = '';
    drawTenantPicker();
    $('flash').innerHTML = '';
    await draw(true);
}
async function advance(body) {
    const before = $('now').textContent ?? '';
    const result = await call('POST', '/clock/advance', place.tenant, body);
    rememberRun(before, result.now, result.ran);
    const kinds = [...new Set(result.ran.map((job) => job.kind))].join(', ');
    flash(html `Advanced to <code>${time(result.now)}</code>: ${result.jobsRun} jobs ran${kinds ? ` (${kinds})` : ''}. <a href="${href(place.tenant, 'clock')}">See them</a>`);
    await draw();
}
async function act(target) {
    const { action } = target.dataset;
    switch (action) {
        case 'advance':
            return advance({ by: target.dataset.by ?? 'PT1H' });
        case 'next-bill-run':
            return target.dataset.to ? advance({ to: target.dataset.to }) : undefined;
        case 'advance-to': {
            const value = $('advance-to').value;
            if (!value)
                return flash('Pick a date and time to advance to.', true);
            return advance({ to: `${value.length === 16 ? `${value}:00` : value}Z` });
        }
        case 'cancel-order': {
            const order = target.dataset.order ?? '';
            await call('POST', `/orders/${encodeURIComponent(order)}/cancel`, place.tenant);
            flash(`Order ${order} is cancelled.`);
            return draw();
        }
        case 'redeliver': {
            const delivery = await call('POST', `/callouts/${encodeURIComponent(target.dataset.callout ?? '')}/redeliver`, place.tenant);
            const attempt = delivery.attempts.at(-1);
            flash(html `Redelivered as #${delivery.seq}: ${attempt ? html `attempt ${attempt.attempt} answered ${attempt.status ?? attempt.error ?? 'nothing'}, request id <code class="id" data-copy="${attempt.requestId}">${attempt.requestId}</code>` : delivery.status}`);
            return draw();
        }
        case 'sign-out':
            await signOut();
            return showLogin('Signed out.');
        default:
            return undefined;
    }
}
function listen() {
    document.addEventListener('click', (event) => {
        const target = event.target;
        const copy = target.closest('[data-copy]');
        if (copy?.dataset.copy) {
            navigator.clipboard?.writeText(copy.dataset.copy).then(() => flash(html `Copied <code>${copy.dataset.copy ?? ''}</code>`), () => undefined);
            return;
        }
        const button = target.closest('[data-action]');
        if (!button)
            return;
        event.preventDefault();
        if (button instanceof HTMLButtonElement)
            button.disabled = true;
        act(button)
            .catch((error) => {
            if (error instanceof ApiError && error.status === 401)
                return showLogin('Your session has ended. Sign in again.');
            flash(error instanceof Error ? error.message : String(error), true);
        })
            .finally(() => {
            if (button instanceof HTMLButtonElement && button.isConnected)
                button.disabled = false;
        });
    });
    document.addEventListener('toggle', (event) => {
        const element = event.target;
        if (element instanceof HTMLDetailsElement && element.dataset.key)
            toggled.set(element.dataset.key, element.open);
    }, true);
    window.addEventListener('hashchange', () => void navigate());
}
async function start() {
    await loadTenants();
    frame();
    follow();
    await navigate();
}
listen();
void signedIn().then((ok) => (ok ? start() : showLogin()));
