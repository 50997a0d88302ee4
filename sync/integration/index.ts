export { connect, type CalloutCredentials } from './connect.js';
export { remove } from './remove.js';
export { configureStandardNotifications } from './standardNotifications.js';
export type { SetupReport } from './report.js';
export { PLATFORM_EVENTS, STANDARD_EVENTS, type PlatformEvent } from './events.js';
