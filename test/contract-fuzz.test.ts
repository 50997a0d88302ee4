import { beforeAll, describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, FUZZED_ENDPOINTS, fuzzInput, fuzzReport, runFuzz, type FuzzResult } from '../contracts/fuzz/index.js';
import { describeChange, takeFingerprint } from '../contracts/fuzz/state.js';
import { TargetClient } from '../contracts/http/client.js';
import { accountBody, useTenant } from './helpers/emulator.js';

// A modest seeded fuzz of every write endpoint against an in-process emulator: no 5xx, every
// rejection in its dialect's shape, and no state change after a rejected write.
const env = useTenant();
let target: TargetClient;
let result: FuzzResult;

beforeAll(async () => {
  target = new TargetClient({ baseUrl: env.url, ...env.credentials, adminToken: env.adminToken, timeoutMs: 10_000 });
  result = await runFuzz({ target, seed: 1, count: 200 });
});

describe('contract fuzz, seed 1, 200 inputs', () => {
  it('finds no 5xx, no misshapen rejection and no state change after a rejected write', () => {
    expect(result.fixtureProblems).toEqual([]);
    expect(result.stateNote).toBeUndefined();
    expect(result.failures.map((failure) => `#${failure.index} ${failure.endpoint}: ${failure.failures.map((f) => f.message).join('; ')}`)).toEqual([]);
    expect(fuzzReport(result)).toMatch(/^200 inputs, 0 failed \(seed 1, \d+ ms\)$/m);
  });

  it('tries every write endpoint with valid and invalid bodies', () => {
    expect(result.tallies.map((tally) => tally.endpoint)).toEqual(FUZZED_ENDPOINTS.map(({ method, path }) => `${method} ${path}`));
    for (const tally of result.tallies) expect(tally.valid + tally.invalid, tally.endpoint).toBeGreaterThanOrEqual(Math.floor(200 / FUZZ_TARGETS.length));
    const total = (field: 'valid' | 'invalid' | 'accepted' | 'rejected') => result.tallies.reduce((sum, tally) => sum + tally[field], 0);
    expect(total('valid') + total('invalid')).toBe(200);
    // Both kinds are well represented, and some valid bodies get all the way to a stored write.
    expect(total('valid')).toBeGreaterThan(50);
    expect(total('invalid')).toBeGreaterThan(50);
    expect(total('accepted')).toBeGreaterThan(10);
    expect(total('rejected')).toBe(total('invalid'));
  });

  it('leaves the admin API alone', () => {
    expect(FUZZED_ENDPOINTS.some((endpoint) => endpoint.path.startsWith('/__emulator'))).toBe(false);
    expect(FUZZED_ENDPOINTS).toContainEqual({ method: 'POST', path: '/v1/orders' });
    expect(FUZZED_ENDPOINTS).toContainEqual({ method: 'PATCH', path: '/v2/accounts/:account_id' });
  });
});

describe('fuzz inputs', () => {
  const fixtures = { account: { id: 'acc-id', account_number: 'A00000001' }, today: '2026-01-15' };

  it('are a pure function of seed and index, so one can be replayed alone', async () => {
    const first = await fuzzInput(7, 42, fixtures);
    const again = await fuzzInput(7, 42, fixtures);
    expect(again).toEqual(first);
    expect(first.endpoint).toBe(FUZZ_TARGETS[42 % FUZZ_TARGETS.length]);
  });

  it('differ from index to index and from seed to seed', async () => {
    const bodies = await Promise.all(Array.from({ length: 10 }, (_, round) => fuzzInput(1, round * FUZZ_TARGETS.length, fixtures)));
    expect(new Set(bodies.map((input) => JSON.stringify(input.body))).size).toBeGreaterThan(5);
    const [a, b] = await Promise.all([fuzzInput(1, 3, fixtures), fuzzInput(2, 3, fixtures)]);
    expect(JSON.stringify(a.body)).not.toBe(JSON.stringify(b.body));
  });

  it('break the schema when mutated: wrong types, missing fields, unknown fields, out-of-range values', async () => {
    const inputs = await Promise.all(Array.from({ length: 300 }, (_, index) => fuzzInput(5, index, fixtures)));
    const kinds = new Set(inputs.map((input) => input.kind));
    expect([...kinds].sort()).toEqual(['missing-required', 'out-of-range', 'unknown-field', 'valid', 'wrong-type']);
    expect(inputs.filter((input) => input.kind === 'valid').every((input) => input.valid)).toBe(true);
    // A mutation can stay valid (an extra field where extras are allowed); most do not.
    const mutated = inputs.filter((input) => input.kind !== 'valid');
    expect(mutated.filter((input) => !input.valid).length / mutated.length).toBeGreaterThan(0.8);
  });
});

describe('the state fingerprint', () => {
  it('moves when a write is stored and says what changed', async () => {
    const before = await takeFingerprint(target);
    expect((await takeFingerprint(target)).digest).toBe(before.digest);
    const created = await env.zuora.post('/v2/accounts', accountBody());
    const after = await takeFingerprint(target);
    expect(after.digest).not.toBe(before.digest);
    expect(describeChange(before, after)).toContain(`Account/${created.body.id} added`);
  });
});
