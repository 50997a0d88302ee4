import { outbox } from '../domain/invoices/invoiceUpdates.js';
import type { Reply, RequestContext } from '../http/routeTable.js';

/** The invoice emails the tenant has sent, oldest first (nothing leaves the emulator). */
export function listOutbox(ctx: RequestContext): Reply {
  const emails = outbox(ctx.services.store.view(ctx.tenant)).map(({ to, subject, invoiceNumber, sentAt }) => ({ to, subject, invoiceNumber, sentAt }));
  return { body: { emails } };
}
