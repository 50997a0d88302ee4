import { list } from './api.js';
import { badge, card, html, idText, table, time, type Html } from './components.js';
import type { Job, JobRun } from './types.js';
import type { Place } from './view.js';

/** What the last advance from this page ran; kept for the clock tab until the next advance. */
let lastRun: { from: string; to: string; ran: JobRun[] } | undefined;

export function rememberRun(from: string, to: string, ran: JobRun[]): void {
  lastRun = { from, to, ran };
}

const payloadText = (payload: unknown): string => (payload && typeof payload === 'object' ? Object.entries(payload).map(([key, value]) => `${key}=${String(value)}`).join(' ') : '');

const jobColumns = [
  { label: 'due', cell: (job: Job) => html`<code>${time(job.dueAt)}</code>` },
  { label: 'job', cell: (job: Job) => html`<b>${job.kind}</b>` },
  { label: 'about', cell: (job: Job) => html`<span class="muted">${payloadText(job.payload)}</span>` },
  { label: 'id', cell: (job: Job) => idText(job.id) },
];

/** The clock tab: jobs waiting for the clock, and what the last advance ran. */
export async function clockView(place: Place): Promise<Html> {
  const jobs = await list<Job>('/jobs', place.tenant);
  const ran = lastRun
    ? card(
        { title: 'Jobs that ran', meta: html`from <code>${time(lastRun.from)}</code> to <code>${time(lastRun.to)}</code>` },
        table([...jobColumns.slice(0, 3), { label: 'outcome', cell: (job: JobRun) => html`${badge(job.outcome)} ${job.error ?? ''}` }], lastRun.ran, { empty: 'No job was due on the way.' }),
      )
    : '';
  return html`${ran}${card({ title: 'Next due jobs', meta: `${jobs.length} waiting for the clock` }, table(jobColumns, jobs, { empty: 'No job is waiting.' }))}`;
}
