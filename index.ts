export { startEmulator, ROUTE_TABLES, UnsafeOptionsError, type EmulatorOptions, type RunningEmulator } from './emulator/index.js';
export { DEFAULT_TENANT } from './emulator/config.js';
export { startSyncEngine, type RunningSyncEngine, type SyncEngineOptions } from './sync/index.js';
export { emulatorTime } from './sync/emulatorTime.js';
