import { calloutJournal } from '../../emulator/events/dispatcher.js';
import type { Services } from '../../emulator/services.js';
import type { EventType } from '../../sync/model/types.js';
import type { SyncContext } from '../../sync/context.js';
import type { ScenarioHttp } from './http.js';
import type { TimelineEvent } from './types.js';

// What the runner reads to record a step and to wait for quiet: the emulator's request journal and
// callout journal, the platform's event log, and a zero clock advance. Over HTTP through their
// public surfaces (any emulator and engine, a shared target's included); or, for an emulator and an
// engine running in this very process, from them directly: the same records, as their HTTP answers
// carry them, without two or three round trips of bookkeeping after every step.

export interface RequestEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
}

export interface CalloutDeliveryView {
  id: string;
  seq: number;
  eventName: string;
  status: string;
  createdAt: string;
  attempts: Array<{ attempt: number; at: string; status: number | null; error?: string }>;
}

export interface EventQuery {
  type?: string;
  customerId?: string;
  subscriptionId?: string;
  /** Only the events logged after this one. */
  after?: string;
}

export interface Journals {
  /** The tenant's Zuora API calls after the one with this request id (everything the journal keeps when absent or rolled away). */
  requests(after?: string): Promise<RequestEntry[]>;
  /** The tenant's callout deliveries raised after this sequence number (0: all). */
  deliveries(after: number): Promise<CalloutDeliveryView[]>;
  /** The platform's event log, oldest first. */
  events(query?: EventQuery): Promise<TimelineEvent[]>;
  /** Runs whatever is due now and waits until the tenant is quiet (a zero clock advance); answers its clock. */
  settle(): Promise<string>;
}

const dataOf = <T>(body: unknown): T[] => (body as { data?: T[] } | undefined)?.data ?? [];

/** Through the admin API and the engine's API. */
export function journalsOverHttp(http: ScenarioHttp): Journals {
  return {
    requests: async (after) => dataOf<RequestEntry>((await http.admin('GET', after === undefined ? '/requests' : `/requests?after=${encodeURIComponent(after)}`, undefined, true)).body),
    deliveries: async (after) => dataOf<CalloutDeliveryView>((await http.admin('GET', after > 0 ? `/callouts?after=${after}` : '/callouts', undefined, true)).body),
    events: async (query = {}) => {
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
      return dataOf<TimelineEvent>((await http.sync('GET', `/api/events${search ? `?${search}` : ''}`, undefined, true)).body);
    },
    settle: async () => (await http.adminOk<{ now: string }>('POST', '/clock/advance', { by: 'PT0S' }, true)).now,
  };
}

/** A value as its JSON answer would carry it (fields that are undefined left out). */
const asAnswered = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** From an emulator and an engine in this process: what `GET /__emulator/requests|callouts`, `GET /api/events` and `POST /__emulator/clock/advance` answer. */
export function journalsInProcess(services: Services, engine: SyncContext, http: ScenarioHttp): Journals {
  const { tenant } = http;
  return {
    requests: async (after) => services.requests.list(tenant, after === undefined ? {} : { after }),
    deliveries: async (after) =>
      asAnswered(
        calloutJournal(services.store.view(tenant))
          .filter((delivery) => delivery.seq > after)
          .map(({ id, seq, eventName, status, createdAt, attempts }) => ({ id, seq, eventName, status, createdAt, attempts })),
      ),
    events: async ({ type, ...rest } = {}) => asAnswered(engine.store.events({ ...rest, ...(type !== undefined ? { type: type as EventType } : {}) })),
    settle: async () => {
      const { now } = await services.clock.advanceTo(tenant, services.clock.now(tenant));
      http.settledAt(now);
      return now;
    },
  };
}
