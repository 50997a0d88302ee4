import { zuoraGlobalSetup } from '../../testing/vitest.js';

// The run's shared emulator, through the same helper users import from 'zuora-emulator/vitest':
// files that need only a tenant of their own fork one from the `catalog` snapshot made here.
export default zuoraGlobalSetup({
  now: '2026-01-01T00:00:00Z',
  prepare: async ({ admin, url, credentials }) => {
    const token = await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'client_credentials' }),
      })
    ).json();
    const created = await fetch(`${url}/v2/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(token as { access_token: string }).access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Shared plan', sku: 'SHARED-1', start_date: '2026-01-01' }),
    });
    if (!created.ok) throw new Error(`catalog set-up failed: ${created.status} ${await created.text()}`);
    await admin.snapshot('catalog');
  },
});
