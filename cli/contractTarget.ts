import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { TargetClient } from '../contracts/http/client.js';

export interface TargetFlags {
  target?: string;
  'client-id'?: string;
  'client-secret'?: string;
  'admin-token'?: string;
}

export const TARGET_OPTIONS = {
  target: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'admin-token': { type: 'string' },
} as const;

/**
 * The target named by --target (with its credentials), or an in-process emulator on a free port
 * when none is named; `close` stops that emulator again.
 */
export async function openTarget(flags: TargetFlags, timeoutMs?: number): Promise<{ client: TargetClient; close: () => Promise<void> } | string> {
  if (flags.target) {
    if (!flags['client-id'] || !flags['client-secret']) return '--target needs --client-id and --client-secret';
    // An emulator target's admin API (state checks, clock moves) needs its admin token.
    const adminToken = flags['admin-token'] ?? process.env.ZUORA_EMULATOR_ADMIN_TOKEN;
    const client = new TargetClient({
      baseUrl: flags.target,
      clientId: flags['client-id'],
      clientSecret: flags['client-secret'],
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(adminToken ? { adminToken } : {}),
    });
    return { client, close: async () => {} };
  }
  const emulator: RunningEmulator = await startEmulator({ inMemory: true, port: 0 });
  const client = new TargetClient({ baseUrl: emulator.url, ...emulator.credentials, adminToken: emulator.adminToken, ...(timeoutMs ? { timeoutMs } : {}) });
  return { client, close: () => emulator.close() };
}
