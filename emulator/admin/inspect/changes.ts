import type { Reply, RequestContext } from '../../http/routeTable.js';

/** How often an idle feed says it is alive, so proxies and browsers keep it open. */
const HEARTBEAT_MS = 15_000;

const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * The change feed as server-sent events, for every tenant (an EventSource cannot send the tenant
 * header; each event names its tenant). `change` carries each committed change to a Zuora object;
 * `activity` says a tenant's state or request log moved at all (jobs, callout attempts and the clock
 * included), which is what a live view refreshes on.
 */
export function changeFeed(ctx: RequestContext): Reply {
  const { store } = ctx.services;
  return {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' },
    stream: {
      open(write) {
        // Reconnect quickly after a restart of the emulator.
        write(`retry: 1000\n${frame('ready', { tenants: store.tenantKeys() })}`);
        const stopChanges = store.feed.subscribe((changes) => {
          for (const change of changes) {
            const record = change.after ?? change.before;
            write(frame('change', { tenant: change.tenant, seq: change.seq, object: change.object, changeType: change.changeType, id: record?.id ?? null, at: change.at }));
          }
        });
        const stopActivity = store.activity.subscribe((tenant, kind) => write(frame('activity', { tenant, kind })));
        const heartbeat = setInterval(() => write(': alive\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        return () => {
          stopChanges();
          stopActivity();
          clearInterval(heartbeat);
        };
      },
    },
  };
}
