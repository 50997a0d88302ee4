import { describe, expect, it } from 'vitest';
import { authenticate, issueToken, TOKEN_LIFETIME_SECONDS } from '../emulator/http/auth.js';
import { Store } from '../emulator/state/store.js';
import { createTenant } from '../emulator/state/tenants.js';

// Verified tokens are remembered so the signature is checked once; these are the checks that must
// still happen on every request.
describe('a remembered token', () => {
  const issuedAt = new Date('2026-01-01T00:00:00Z');
  const later = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000);

  async function withToken(): Promise<{ store: Store; bearer: string }> {
    const store = await Store.open({ inMemory: true });
    await createTenant(store, { clientId: 'c', clientSecret: 's' }, issuedAt);
    return { store, bearer: `Bearer ${issueToken(store, 'c', 's', issuedAt).access_token}` };
  }

  it('is refused once it has expired, though it was accepted before', async () => {
    const { store, bearer } = await withToken();
    expect(authenticate(store, bearer, later(1))).toBe('c');
    expect(() => authenticate(store, bearer, later(TOKEN_LIFETIME_SECONDS))).toThrow('expired');
  });

  it("is refused once its tenant is gone, though it was accepted before", async () => {
    const { store, bearer } = await withToken();
    expect(authenticate(store, bearer, later(1))).toBe('c');
    await store.commit([{ path: ['tenants', 'c'] }]);
    expect(() => authenticate(store, bearer, later(2))).toThrow('no longer exists');
  });

  it('does not vouch for a token with a changed signature or claims', async () => {
    const { store, bearer } = await withToken();
    expect(authenticate(store, bearer, later(1))).toBe('c');
    const [payload, signature] = bearer.slice('Bearer '.length).split('.') as [string, string];
    expect(() => authenticate(store, `Bearer ${payload}.${signature.slice(1)}x`, later(1))).toThrow('not valid');
    const forged = Buffer.from(JSON.stringify({ t: 'c', e: later(99_999).getTime() })).toString('base64url');
    expect(() => authenticate(store, `Bearer ${forged}.${signature}`, later(1))).toThrow('not valid');
  });
});
