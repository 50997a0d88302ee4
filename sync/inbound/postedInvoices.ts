import type { ZuoraClient } from '../zuora/client.js';
import type { CrudInvoice } from '../zuora/types.js';

// What a posted invoice shows that nothing done to it later can change: when and in what order it
// was issued (its invoice date, creation and number) and the subscriptions its items bill. Once read
// from a Posted invoice it is remembered, per Zuora client, so the callouts that follow about the same
// invoice (paid after posted) and next month's "is this older than the latest invoice" check need not
// read it again. A draft is not remembered: posting its bill run gives it another date.

interface PostedInvoice {
  issueOrder: readonly string[];
  /** The Zuora subscriptions its items bill, by id, with their numbers; once its items were read. */
  billed?: ReadonlyMap<string, string | undefined>;
}

/** Far more invoices than callouts in flight; the oldest remembered are forgotten first. */
const REMEMBERED = 1000;

const byClient = new WeakMap<ZuoraClient, Map<string, PostedInvoice>>();

function rememberedBy(zuora: ZuoraClient): Map<string, PostedInvoice> {
  let known = byClient.get(zuora);
  if (!known) byClient.set(zuora, (known = new Map()));
  return known;
}

const isPosted = (invoice: CrudInvoice): boolean => invoice.Status === 'Posted';

/** Invoices in the order Zuora issued them: by invoice date, then creation, then number. */
export const issueOrderOf = (invoice: CrudInvoice): string[] => [invoice.InvoiceDate, invoice.CreatedDate, invoice.InvoiceNumber].map((value) => String(value ?? ''));

/** Keeps what a Posted invoice, just read, shows for good; anything else is left alone. */
export function rememberIssue(zuora: ZuoraClient, invoice: CrudInvoice): void {
  if (!isPosted(invoice)) return;
  const known = rememberedBy(zuora);
  if (known.has(invoice.Id)) return;
  known.set(invoice.Id, { issueOrder: issueOrderOf(invoice) });
  if (known.size > REMEMBERED) known.delete(known.keys().next().value as string);
}

/** The issue order of an invoice once read Posted, if it is remembered. */
export function rememberedIssueOrder(zuora: ZuoraClient, invoiceId: string): readonly string[] | undefined {
  return byClient.get(zuora)?.get(invoiceId)?.issueOrder;
}

/** The subscriptions a Posted invoice's items bill, if they were read before. */
export function rememberedBilled(zuora: ZuoraClient, invoice: CrudInvoice): ReadonlyMap<string, string | undefined> | undefined {
  return isPosted(invoice) ? byClient.get(zuora)?.get(invoice.Id)?.billed : undefined;
}

/** Keeps the subscriptions a Posted invoice's items bill, read just now. */
export function rememberBilled(zuora: ZuoraClient, invoice: CrudInvoice, billed: ReadonlyMap<string, string | undefined>): void {
  if (!isPosted(invoice)) return;
  rememberIssue(zuora, invoice);
  const entry = rememberedBy(zuora).get(invoice.Id);
  if (entry) entry.billed = billed;
}
