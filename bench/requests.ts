// Request rows: the emulator beside its ceilings on token issue, a GET by key and a list page, the
// list page at a small and at a large tenant.
import { compare, type Comparison } from './compare.js';
import { load } from './load.js';
import type { Peer } from './prism.js';
import type { BenchServer } from './servers.js';
import type { Session } from './tenant.js';
import { tokenForm } from './tenant.js';

export interface RequestSizes {
  seconds: number;
  connections: number;
  /** Accounts in the tenant for the small and the large list page. */
  smallTenant: number;
  largeTenant: number;
}

const ACCOUNT = JSON.stringify({ name: 'Listed', currency: 'USD', bill_to: { first_name: 'Listed', last_name: 'Account' } });

/** Grows the tenant to `total` accounts over the Quickstart API, ten connections at a time. */
async function growAccounts(api: Session, total: number, have: number): Promise<void> {
  if (total <= have) return;
  const result = await load({
    url: api.server.url,
    connections: 10,
    amount: total - have,
    request: { method: 'POST', path: '/v2/accounts', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` }, body: ACCOUNT },
    verifyBody: (body) => body.includes('"account_number"'),
  });
  if (result.errors > 0) throw new Error(`growing the tenant to ${total} accounts: ${result.errors} failed (${JSON.stringify(result.statusCodes)})`);
}

/** Peers by the spec that holds the request: V1 for the token and the GET, Quickstart for the list. */
export interface PeersBySpec {
  v1: Peer[];
  quickstart: Peer[];
}

export async function benchRequests(emulator: BenchServer, ceilings: readonly BenchServer[], api: Session, sizes: RequestSizes, peers: PeersBySpec, emit: (row: Comparison) => void): Promise<void> {
  const { seconds, connections } = sizes;
  emit(
    await compare('token issue (POST /oauth/token)', emulator, ceilings, {
      request: { method: 'POST', path: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenForm(emulator) },
      verifyBody: (body) => body.includes('"access_token"'),
      connections,
      bound: { duration: seconds },
    }, peers.v1),
  );
  const bearer = { authorization: `Bearer ${api.token}` };
  await growAccounts(api, sizes.smallTenant, 0);
  const account = (await api.json('GET', '/v2/accounts?page_size=1')).data[0] as { account_number: string };
  emit(
    await compare('GET /v1/accounts/{key}', emulator, ceilings, {
      request: { method: 'GET', path: `/v1/accounts/${account.account_number}`, headers: bearer },
      verifyBody: (body) => body.includes('"success":true'),
      connections,
      bound: { duration: seconds },
    }, peers.v1),
  );
  const listPage = (tenant: number) =>
    compare(`list page of 99 at ${tenant.toLocaleString('en')} accounts`, emulator, ceilings, {
      request: { method: 'GET', path: '/v2/accounts?page_size=99', headers: bearer },
      verifyBody: (body) => body.includes('"account_number"'),
      // One connection: the latency of a page, not the queue behind it.
      connections: 1,
      bound: { duration: seconds },
    }, peers.quickstart);
  emit(await listPage(sizes.smallTenant));
  await growAccounts(api, sizes.largeTenant, sizes.smallTenant);
  emit(await listPage(sizes.largeTenant));
}
