import type { Clock } from './clock/clock.js';
import type { JobRegistry } from './clock/jobs.js';
import type { Dispatcher } from './events/dispatcher.js';
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
