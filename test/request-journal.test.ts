import { describe, expect, it } from 'vitest';
import { RequestJournal, type RecordedRequest } from '../emulator/http/requestJournal.js';

// The request log keeps the last calls of each tenant in a fixed ring; what the admin API lists
// must still be the most recent calls, oldest first, whatever the ring's position.
describe('the request journal', () => {
  const call = (n: number, trackId?: string): RecordedRequest => ({
    requestId: `r${n}`,
    method: 'GET',
    path: `/v1/accounts/A${n}`,
    status: 200,
    atMs: Date.UTC(2026, 0, 1, 0, 0, n),
    durationMs: 1.25,
    ...(trackId ? { trackId } : {}),
  });

  it('lists the last calls oldest first once older ones have been dropped', () => {
    const journal = new RequestJournal(3);
    for (let n = 1; n <= 7; n += 1) journal.record('t', call(n));
    expect(journal.list('t').map((entry) => entry.requestId)).toEqual(['r5', 'r6', 'r7']);
    journal.record('t', call(8));
    expect(journal.list('t').map((entry) => entry.requestId)).toEqual(['r6', 'r7', 'r8']);
  });

  it('lists each call with its wall time as ISO text, its track id only when it had one', () => {
    const journal = new RequestJournal(3);
    journal.record('t', call(1, 'track-1'));
    journal.record('t', call(2));
    expect(journal.list('t')).toEqual([
      { requestId: 'r1', method: 'GET', path: '/v1/accounts/A1', status: 200, at: '2026-01-01T00:00:01.000Z', durationMs: 1.25, trackId: 'track-1' },
      { requestId: 'r2', method: 'GET', path: '/v1/accounts/A2', status: 200, at: '2026-01-01T00:00:02.000Z', durationMs: 1.25 },
    ]);
    expect(Object.keys(journal.list('t')[1] ?? {})).not.toContain('trackId');
  });

  it('lists the calls after a given one, every call it keeps once that one has rolled away', () => {
    const journal = new RequestJournal(3);
    for (let n = 1; n <= 5; n += 1) journal.record('t', call(n));
    expect(journal.list('t', { after: 'r4' }).map((entry) => entry.requestId)).toEqual(['r5']);
    expect(journal.list('t', { after: 'r5' })).toEqual([]);
    expect(journal.list('t', { after: 'r1' }).map((entry) => entry.requestId)).toEqual(['r3', 'r4', 'r5']);
    expect(journal.list('t', { after: 'r3', limit: 1 }).map((entry) => entry.requestId)).toEqual(['r5']);
  });

  it('keeps tenants apart and forgets a cleared one', () => {
    const journal = new RequestJournal(3);
    journal.record('a', call(1));
    journal.record('b', call(2));
    journal.clear('a');
    expect(journal.list('a')).toEqual([]);
    expect(journal.list('b').map((entry) => entry.requestId)).toEqual(['r2']);
  });
});
