import express, { type Request, type Response, type Router } from 'express';
import Mustache from 'mustache';
import { getPortalSession, replacePaymentMethod } from '../../domain/stripe/billingPortal.js';
import { completeCheckout, getCheckoutSession } from '../../domain/stripe/checkout.js';
import { StripeError } from '../../domain/stripe/errors.js';
import { amountRemaining, totalOf } from '../../domain/stripe/invoices.js';
import { INVOICES, type StripeInvoice } from '../../domain/stripe/model.js';
import { asDomainError } from '../../http/dialects.js';
import type { Services } from '../../services.js';
import { parseForm } from './params.js';

// The pages Stripe hosts for a buyer, served by the emulator on the Stripe port: Checkout (enter a
// test card, get a subscription) and the billing portal (change the card, see invoices). They are
// plain forms, so a browser or a test's HTTP client can drive them.

const money = (amount: number, currency: string): string => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

const CARD_FIELDS = `
  <label>Card number <input name="number" autocomplete="cc-number" required></label>
  <label>Expiry month <input name="exp_month" value="12" required></label>
  <label>Expiry year <input name="exp_year" value="2030" required></label>
  <label>CVC <input name="cvc" value="123"></label>`;

const CHECKOUT_PAGE = `<!doctype html><html><head><title>Checkout</title></head><body>
<h1>Subscribe</h1><p id="total">Total due today: {{total}}</p>
{{#error}}<p id="error" role="alert">{{error}}</p>{{/error}}
{{#open}}<form method="post">
  {{^hasEmail}}<label>Email <input name="email" type="email"></label>{{/hasEmail}}${CARD_FIELDS}
  <button type="submit">Subscribe</button>
</form>{{/open}}{{^open}}<p id="closed">This checkout session is {{status}}.</p>{{/open}}
</body></html>`;

const PORTAL_PAGE = `<!doctype html><html><head><title>Billing</title></head><body>
<h1>Billing</h1>
{{#error}}<p id="error" role="alert">{{error}}</p>{{/error}}
{{#updated}}<p id="updated">Your payment method was updated.</p>{{/updated}}
<table id="invoices"><tr><th>Invoice</th><th>Total</th><th>Due</th><th>Status</th></tr>
{{#invoices}}<tr><td>{{number}}</td><td>{{total}}</td><td>{{due}}</td><td>{{status}}</td></tr>{{/invoices}}</table>
<h2>Payment method</h2><form method="post">${CARD_FIELDS}<button type="submit">Update</button></form>
{{#returnUrl}}<a id="return" href="{{returnUrl}}">Return</a>{{/returnUrl}}
</body></html>`;

interface CardForm {
  number: string;
  exp_month: number;
  exp_year: number;
  email?: string;
}

function cardOf(req: Request): CardForm {
  const form = parseForm(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '') as Record<string, string>;
  return { number: (form.number ?? '').replace(/\s+/g, ''), exp_month: Number(form.exp_month), exp_year: Number(form.exp_year), ...(form.email ? { email: form.email } : {}) };
}

const html = (res: Response, status: number, body: string) => res.status(status).type('html').send(body);

/** A failure a buyer can fix (a declined or wrong card) is shown on the page; anything else is a 404. */
function failure(error: unknown): { status: number; message: string } {
  const domainError = asDomainError(error);
  if (error instanceof StripeError && (error.type === 'card_error' || error.kind === 'InvalidValue' || error.kind === 'MissingField')) return { status: 402, message: error.message };
  if (domainError) return { status: domainError.kind === 'NotFound' ? 404 : 400, message: domainError.message };
  throw error;
}

export function hostedPages(services: Services): Router {
  const router = express.Router();
  const known = (account: string) => services.store.tenant(account)?.meta.stripe !== undefined;

  const checkoutPage = (res: Response, account: string, id: string, status: number, error?: string) => {
    const session = getCheckoutSession(services.store.view(account), id);
    html(res, status, Mustache.render(CHECKOUT_PAGE, { total: money(session.amount_total, session.currency), open: session.status === 'open', status: session.status, hasEmail: !!(session.customer || session.customer_email), error }));
  };

  /** A page read: the account's page, or an error page when the account or the session is unknown. */
  const show = (page: (res: Response, account: string, id: string, status: number) => void) => (req: Request<{ account: string; id: string }>, res: Response) => {
    const { account, id } = req.params;
    try {
      if (!known(account)) throw new StripeError('NotFound', 'No such page', 'invalid_request_error', 'resource_missing');
      page(res, account, id, 200);
    } catch (error) {
      const { status, message } = failure(error);
      html(res, status, Mustache.render('<!doctype html><p id="error">{{message}}</p>', { message }));
    }
  };

  router.get('/pages/:account/checkout/:id', show(checkoutPage));

  router.post('/pages/:account/checkout/:id', async (req, res) => {
    const { account = '', id = '' } = req.params;
    if (!known(account)) return void html(res, 404, '<!doctype html><p id="error">No such page</p>');
    try {
      const session = await services.store.transact(account, (tx) => completeCheckout(tx, id, cardOf(req)));
      res.redirect(303, session.success_url.replace('{CHECKOUT_SESSION_ID}', session.id));
    } catch (error) {
      const { status, message } = failure(error);
      checkoutPage(res, account, id, status, message);
    }
  });

  const portalPage = (res: Response, account: string, id: string, status: number, extra: { error?: string; updated?: boolean } = {}) => {
    const view = services.store.view(account);
    const session = getPortalSession(view, id);
    const invoices = view
      .filterBy<StripeInvoice>(INVOICES, 'customer', session.customer)
      .filter((invoice) => invoice.status !== 'draft')
      .map((invoice) => ({ number: invoice.number, total: money(totalOf(invoice), invoice.currency), due: money(amountRemaining(invoice), invoice.currency), status: invoice.status }));
    html(res, status, Mustache.render(PORTAL_PAGE, { invoices, returnUrl: session.return_url, ...extra }));
  };

  router.get('/pages/:account/billing_portal/:id', show((res, account, id, status) => portalPage(res, account, id, status)));

  router.post('/pages/:account/billing_portal/:id', async (req, res) => {
    const { account = '', id = '' } = req.params;
    if (!known(account)) return void html(res, 404, '<!doctype html><p id="error">No such page</p>');
    try {
      await services.store.transact(account, (tx) => replacePaymentMethod(tx, id, cardOf(req)));
      portalPage(res, account, id, 200, { updated: true });
    } catch (error) {
      const { status, message } = failure(error);
      portalPage(res, account, id, status, { error: message });
    }
  });
  return router;
}
