import type { TestEmulator } from './emulator.js';

/**
 * Everything the default tenant holds, as one string, so a test can show a refused request changed
 * nothing. Callout deliveries are left out: they move on their own as earlier changes are delivered.
 */
export async function stateFingerprint(env: Pick<TestEmulator, 'admin'>, snapshot = 'state-fingerprint'): Promise<string> {
  await env.admin.post('/snapshots', { name: snapshot });
  const { objects } = (await env.admin.get(`/snapshots/${snapshot}?includeSecrets=true`)).body as { objects: Record<string, unknown> };
  const { _callouts: _ignored, ...rest } = objects;
  return JSON.stringify(rest);
}
