import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { loadFiles, runScenarios, TargetHost, type RunSummary } from '../../scenarios/runner/index.js';
import { emulatorTime } from '../../sync/emulatorTime.js';
import { startSyncEngine, type RunningSyncEngine } from '../../sync/index.js';

/** The library's payment-failure scenario: a declined renewal, then the invoice paid in Zuora. */
export const PAYMENT_FAILURE_SCENARIO = fileURLToPath(new URL('../../scenarios/payment-failure-recovery.yaml', import.meta.url));

export interface InspectorDemo {
  emulator: RunningEmulator;
  engine: RunningSyncEngine;
  /** What the scenario run reported (it should have passed). */
  run: RunSummary;
  close(): Promise<void>;
}

/**
 * What a developer has open when they look at the inspector: an emulator with the sync engine
 * following its default tenant, after the payment-failure scenario ran against both, as
 * `zuora-emulator start` and `scenario run --target` would leave them.
 */
export async function startInspectorDemo(options: { adminToken?: string; port?: number } = {}): Promise<InspectorDemo> {
  const emulator = await startEmulator({
    inMemory: true,
    port: options.port ?? 0,
    now: '2026-01-01T00:00:00.000Z',
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
  });
  const { clientId, clientSecret } = emulator.credentials;
  const { adminToken } = emulator;
  const engine = await startSyncEngine({
    port: 0,
    inMemory: true,
    zuora: { baseUrl: emulator.url, clientId, clientSecret },
    time: emulatorTime(emulator.url, clientId, adminToken),
  });
  await engine.connect();
  await engine.followEmulatorClock(emulator.url, clientId, adminToken);
  const { scenarios } = await loadFiles([PAYMENT_FAILURE_SCENARIO]);
  const run = await runScenarios(scenarios, { host: new TargetHost({ emulatorUrl: emulator.url, syncUrl: engine.url, credentials: { clientId, clientSecret }, adminToken }) });
  return {
    emulator,
    engine,
    run,
    close: async () => {
      await engine.close();
      await emulator.close();
    },
  };
}
