export { connect, type CalloutCredentials } from './connect.js';
export { remove } from './remove.js';
export type { SetupReport } from './report.js';
export { PLATFORM_EVENTS, type PlatformEvent } from './events.js';
