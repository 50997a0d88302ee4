import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspectorCss } from '../../emulator/inspector/assets.js';
import { badge, card, eventLabel, facts, html, pre, timeline, type TimelineItem } from '../../emulator/inspector/ui/components.js';
import type { ScenarioHttp } from './http.js';
import type { CalloutDeliveryView, EventQuery, Journals, RequestEntry } from './journals.js';
import type { ScenarioResult, TimelineCall, TimelineCallout, TimelineEntry, TimelineEvent } from './types.js';

// What happened at each step, read after the step (journals.ts): the Zuora calls the emulator saw
// (GET /__emulator/requests), the callout attempts it made (GET /__emulator/callouts) and the events
// the platform logged (GET /api/events). Rendered as Markdown or HTML.

// Shared with the inspector, which names callout events the same way.
export { eventLabel, STANDARD_EVENT_NAMES } from '../../emulator/inspector/ui/components.js';

export type { CalloutDeliveryView } from './journals.js';

export interface Delta {
  zuoraCalls: TimelineCall[];
  callouts: TimelineCallout[];
  events: TimelineEvent[];
}

/** A delivery in one of these states gets no further attempts unless someone redelivers it through the admin API. */
const SETTLED = new Set(['delivered', 'failed', 'dropped']);

/** Remembers what it has shown, so each read yields only what is new since the last one. */
export class TimelineRecorder {
  private lastRequestId: string | undefined;
  private requestsSeen = 0;
  private readonly attemptsSeen = new Map<string, number>();
  private readonly eventsSeen = new Set<string>();
  /** The last platform event read: the next read asks only for those after it. */
  private lastEventId: string | undefined;
  /**
   * On the scenario's own tenant, the deliveries up to this sequence number are settled and shown in
   * full, so a step's read starts after them (nobody but the scenario's steps, which never
   * redeliver, could give them another attempt).
   */
  private settledThrough = 0;
  /** Deliveries at or below this sequence number belong to someone else (a shared target's earlier runs). */
  calloutFloor = 0;
  private eventFloor = new Set<string>();

  /** `http.writes` and `http.emulatorApiCalls` as they stood at the last read. */
  private writesSeen = -1;
  private apiCallsSeen = -1;

  constructor(
    private readonly http: ScenarioHttp,
    private readonly journals: Journals,
    /** Only these customers' events count, when set (a shared engine). */
    private readonly customers?: ReadonlySet<string>,
    /**
     * The tenant and engine are the scenario's own, quiet after each step: then a step that only read
     * added no callouts or events, and one that also left Zuora's and Stripe's APIs alone no calls.
     */
    private readonly ownTenant = false,
  ) {}

  /**
   * Takes what is already there as seen: a shared target's history is not this scenario's. A tenant
   * and engine of the scenario's own, fresh, have none: nothing to read.
   */
  async baseline(): Promise<void> {
    this.writesSeen = this.http.writes;
    this.apiCallsSeen = this.http.emulatorApiCalls;
    if (this.ownTenant) return;
    const [requests, callouts, events] = await Promise.all([this.journals.requests(), this.deliveries(), this.events()]);
    this.lastRequestId = requests.at(-1)?.requestId;
    this.requestsSeen = requests.length;
    this.calloutFloor = callouts.reduce((max, delivery) => Math.max(max, delivery.seq), 0);
    this.settledThrough = this.calloutFloor;
    for (const delivery of callouts) this.attemptsSeen.set(delivery.id, delivery.attempts.length + (delivery.status === 'dropped' ? 1 : 0));
    this.eventFloor = new Set(events.map((event) => event.id));
    for (const event of events) this.eventsSeen.add(event.id);
    this.lastEventId = events.at(-1)?.id;
  }

  async delta(): Promise<Delta> {
    const wrote = !this.ownTenant || this.http.writes !== this.writesSeen;
    const calledApis = wrote || this.http.emulatorApiCalls !== this.apiCallsSeen;
    this.writesSeen = this.http.writes;
    this.apiCallsSeen = this.http.emulatorApiCalls;
    const [fresh, callouts, events] = await Promise.all([
      calledApis ? this.freshRequests() : [],
      wrote ? this.freshDeliveries() : [],
      wrote ? this.freshEvents() : [],
    ]);
    const calloutLines: TimelineCallout[] = [];
    for (const delivery of callouts) {
      const seen = this.attemptsSeen.get(delivery.id) ?? 0;
      const attempts = delivery.attempts.slice(seen);
      for (const attempt of attempts) {
        calloutLines.push({
          id: delivery.id,
          event: delivery.eventName,
          attempt: attempt.attempt,
          status: attempt.status ?? attempt.error ?? 'no answer',
          at: attempt.at,
          outcome: delivery.status,
        });
      }
      let shown = seen + attempts.length;
      if (delivery.status === 'dropped' && shown === delivery.attempts.length) {
        calloutLines.push({ id: delivery.id, event: delivery.eventName, attempt: 0, status: 'dropped', at: delivery.createdAt, outcome: 'dropped' });
        shown += 1;
      }
      this.attemptsSeen.set(delivery.id, shown);
    }
    const newEvents = events.filter((event) => !this.eventsSeen.has(event.id));
    for (const event of newEvents) this.eventsSeen.add(event.id);
    return {
      zuoraCalls: fresh.map(({ method, path: p, status }) => ({ surface: 'zuora', method, path: p, status })),
      callouts: calloutLines.sort((a, b) => a.at.localeCompare(b.at)),
      events: newEvents,
    };
  }

  /** This scenario's platform events, oldest first. */
  async scenarioEvents(query: EventQuery = {}): Promise<TimelineEvent[]> {
    return (await this.events(query)).filter((event) => !this.eventFloor.has(event.id));
  }

  /** The scenario's deliveries, oldest first. */
  deliveries(): Promise<CalloutDeliveryView[]> {
    return this.deliveriesAfter(this.calloutFloor);
  }

  /** The deliveries a step may have raised or attempted again: on the scenario's own tenant, those not yet settled and shown. */
  private async freshDeliveries(): Promise<CalloutDeliveryView[]> {
    if (!this.ownTenant) return this.deliveries();
    const deliveries = await this.deliveriesAfter(this.settledThrough);
    for (const delivery of deliveries) {
      if (!SETTLED.has(delivery.status)) break;
      this.settledThrough = delivery.seq;
    }
    return deliveries;
  }

  private async deliveriesAfter(seq: number): Promise<CalloutDeliveryView[]> {
    return (await this.journals.deliveries(seq)).filter((delivery) => delivery.seq > this.calloutFloor);
  }

  /**
   * The journal's calls after the last one shown (all it keeps, the last 1000, if that one rolled
   * away); before any was shown, those beyond the ones there were at the baseline.
   */
  private async freshRequests(): Promise<RequestEntry[]> {
    const requests = await this.journals.requests(this.lastRequestId);
    const fresh = this.lastRequestId ? requests : requests.slice(this.requestsSeen);
    this.lastRequestId = requests.at(-1)?.requestId ?? this.lastRequestId;
    this.requestsSeen = requests.length;
    return fresh;
  }

  /** The platform events logged since the last read. */
  private async freshEvents(): Promise<TimelineEvent[]> {
    const events = await this.events(this.lastEventId === undefined ? {} : { after: this.lastEventId });
    this.lastEventId = events.at(-1)?.id ?? this.lastEventId;
    return events;
  }

  private async events(query: EventQuery = {}): Promise<TimelineEvent[]> {
    const all = await this.journals.events(query);
    return this.customers ? all.filter((event) => event.customerId !== undefined && this.customers?.has(event.customerId)) : all;
  }
}

// ---- Rendering ----

const time = (iso: string): string => iso.replace('.000Z', 'Z');

/** Query strings as people write them (`filter[]=a.EQ:b`), not percent-encoded. */
function readable(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function eventData(event: TimelineEvent): string {
  const data = Object.entries(event.data ?? {})
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
  return data.length > 240 ? `${data.slice(0, 240)}...` : data;
}

/** At most `limit` items of a kind, then a line saying how many more there were. */
function capped(items: string[], limit: number | undefined, what: string): string[] {
  if (limit === undefined || items.length <= limit) return items;
  return [...items.slice(0, limit), `- ... and ${items.length - limit} more ${what}`];
}

function entryLines(entry: TimelineEntry, limit?: number): string[] {
  const lines: string[] = [];
  const when = entry.startedAt === entry.endedAt ? time(entry.startedAt) : `${time(entry.startedAt)} -> ${time(entry.endedAt)}`;
  const mark = entry.status === 'passed' ? 'ok' : 'FAILED';
  lines.push(`### ${entry.index}. ${entry.step} ${entry.summary ? `\`${entry.summary}\`` : ''}`.trimEnd());
  lines.push('');
  lines.push(`*${when}* · ${mark} · ${entry.durationMs} ms`);
  lines.push('');
  if (entry.error) lines.push('```', entry.error, '```', '');
  lines.push(...capped(entry.calls.map((call) => `- call (${call.surface}): \`${call.method} ${call.path}\` -> ${call.status}`), limit, 'calls'));
  lines.push(...capped(entry.zuoraCalls.map((call) => `- Zuora saw: \`${call.method} ${readable(call.path)}\` -> ${call.status}`), limit, 'Zuora calls'));
  lines.push(
    ...capped(
      entry.callouts.map((callout) => `- callout ${eventLabel(callout.event)}${callout.attempt > 1 ? ` (attempt ${callout.attempt})` : ''} at ${time(callout.at)}: ${callout.status} (${callout.outcome})`),
      limit,
      'callouts',
    ),
  );
  lines.push(
    ...capped(
      entry.events.map((event) => {
        const about = [event.customerId, event.subscriptionId].filter(Boolean).join(' / ');
        return `- event **${event.type}**${about ? ` ${about}` : ''}${eventData(event) ? `: ${eventData(event)}` : ''}`;
      }),
      limit,
      'events',
    ),
  );
  if (lines.at(-1) !== '') lines.push('');
  return lines;
}

type TimelineResult = Pick<ScenarioResult, 'name' | 'file' | 'status' | 'timeline' | 'tenant' | 'failure' | 'error'>;

/** The timeline as Markdown: one section per step; `limit` caps each kind of item per step (for consoles). */
export function timelineMarkdown(result: TimelineResult, options: { limit?: number } = {}): string {
  const lines = [`# ${result.name}`, '', `- file: \`${result.file}\``, `- result: **${result.status}**`];
  if (result.tenant) lines.push(`- tenant: \`${result.tenant}\``);
  if (result.failure) lines.push(`- failed at step ${result.failure.step.index} (${result.failure.step.name}): ${result.failure.message.split('\n')[0]}`);
  if (result.error) lines.push(`- error: ${result.error.split('\n')[0]}`);
  lines.push('');
  if (result.failure?.diff) lines.push('```diff', result.failure.diff, '```', '');
  for (const entry of result.timeline) lines.push(...entryLines(entry, options.limit));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** What happened during one step, as the inspector's timeline shows it. */
function stepItems(entry: TimelineEntry): TimelineItem[] {
  const at = entry.startedAt;
  return [
    ...entry.calls.map((call) => ({ at, kind: 'call', title: html`<code>${call.surface}: ${call.method} ${call.path}</code> ${badge(call.status)}` })),
    ...entry.zuoraCalls.map((call) => ({ at, kind: 'zuora', title: html`Zuora saw <code>${call.method} ${readable(call.path)}</code> ${badge(call.status)}` })),
    ...entry.callouts.map((callout) => ({
      at: callout.at,
      kind: 'callout',
      title: html`callout <b>${eventLabel(callout.event)}</b> attempt ${callout.attempt}: ${badge(callout.status)} ${badge(callout.outcome)}`,
    })),
    ...entry.events.map((event) => ({
      at: event.at,
      kind: 'event',
      title: html`<b>${event.type}</b> ${[event.customerId, event.subscriptionId].filter(Boolean).join(' / ')}`,
      body: eventData(event) ? html`<span class="muted">${eventData(event)}</span>` : undefined,
    })),
  ];
}

/** The timeline as a standalone HTML page in the inspector's look: one card per step. */
export function timelineHtml(result: TimelineResult): string {
  const steps = result.timeline.map((entry) =>
    card(
      {
        title: html`${entry.index}. <code>${entry.step}</code>`,
        meta: html`${time(entry.startedAt)}${entry.endedAt !== entry.startedAt ? html` &rarr; ${time(entry.endedAt)}` : ''} &middot; ${entry.durationMs} ms ${entry.summary ? html`&middot; ${entry.summary}` : ''}`,
        actions: badge(entry.status),
        ...(entry.status === 'failed' ? { tone: 'failed' } : {}),
      },
      html`${pre(entry.error, 'error')}${timeline(stepItems(entry), 'Nothing else happened.')}`,
    ),
  );
  const summary = facts([
    ['file', html`<code>${result.file}</code>`],
    ['result', badge(result.status)],
    ['tenant', result.tenant ? html`<code>${result.tenant}</code>` : undefined],
    ['failed at', result.failure ? `step ${result.failure.step.index} (${result.failure.step.name}): ${result.failure.message}` : undefined],
    ['error', result.error],
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${html`${result.name}`}</title>
<style>
${inspectorCss()}</style></head><body>
<header class="top"><h1>${html`${result.name}`}</h1><span class="muted">scenario timeline</span></header>
<main>
${card({ title: 'Result', actions: badge(result.status), ...(result.status === 'failed' ? { tone: 'failed' } : {}) }, html`${summary}${pre(result.failure?.diff, 'diff')}`)}
${steps.join('\n')}
</main></body></html>
`;
}

export type TimelineFormat = 'md' | 'html';

const fileSlug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'scenario';

/** Writes the scenario's timeline into `dir`, named after the scenario file; answers the path. */
export async function writeTimeline(dir: string, result: ScenarioResult, format: TimelineFormat): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = fileSlug(path.basename(result.file).replace(/\.ya?ml$/i, '')) || fileSlug(result.name);
  const file = path.join(dir, `${base}.${format === 'html' ? 'html' : 'md'}`);
  await writeFile(file, format === 'html' ? timelineHtml(result) : timelineMarkdown(result));
  return file;
}
