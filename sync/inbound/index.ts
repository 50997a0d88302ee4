export { handleCallout } from './handleCallout.js';
export type { CalloutBody } from './handler.js';
export type { CalloutResult } from './outcome.js';
