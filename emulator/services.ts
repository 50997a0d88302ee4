import type { Clock } from './clock/clock.js';
import type { JobRegistry } from './clock/jobs.js';
import type { TickReceiver } from './clock/ticks.js';
import type { Dispatcher } from './events/dispatcher.js';
import type { CalloutReceiver } from './events/send.js';
import type { AdminAccess } from './http/adminAuth.js';
import type { RequestJournal } from './http/requestJournal.js';
import type { InspectorSessions } from './inspector/sessions.js';
import type { Store } from './state/store.js';

/** What request handlers and the admin API may reach: one bundle per running emulator. */
export interface Services {
  store: Store;
  clock: Clock;
  jobs: JobRegistry;
  /** Turns committed changes into callouts and delivers them. */
  dispatcher: Dispatcher;
  requests: RequestJournal;
  /** Wall time, for things outside billing (token expiry, tenant creation stamps). */
  wallNow: () => Date;
  /** Wall time the emulator started, for the uptime health reports. */
  startedAt: Date;
  /** Signed-in inspector pages (their session cookies count as admin auth). */
  sessions: InspectorSessions;
  /** Client id of the tenant created at start. */
  defaultTenant: string;
  /** Who may use the admin API (see http/adminAuth.ts). */
  admin: AdminAccess;
}

/** A platform running in this very process (the bundled sync engine): where its clock steps and callouts would be posted, and what answers them. */
export interface InProcessReceiver {
  tickUrl: string;
  tick: TickReceiver;
  webhookUrl: string;
  answerCallout: CalloutReceiver;
}

/**
 * From now on the emulator calls the receiver's clock tick and hands it the callouts to its webhook
 * directly rather than over HTTP (the same attempts, answers and records); the returned function
 * ends that, and they go over HTTP again.
 */
export function receiveInProcess(services: Pick<Services, 'clock' | 'dispatcher'>, receiver: InProcessReceiver): () => void {
  const stopTicks = services.clock.receiveTicksInProcess(receiver.tickUrl, receiver.tick);
  const stopCallouts = services.dispatcher.receiveCalloutsInProcess(receiver.webhookUrl, receiver.answerCallout);
  return () => {
    stopTicks();
    stopCallouts();
  };
}
