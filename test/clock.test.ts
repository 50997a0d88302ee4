import { describe, expect, it } from 'vitest';
import { scheduleJob } from '../emulator/clock/jobs.js';
import { accountBody, adminClient, useEmulator } from './helpers/emulator.js';
import { useReceiver } from './helpers/receiver.js';

const START = '2026-01-31T09:00:00.000Z';
const env = useEmulator({ now: START });
const receiver = useReceiver();

interface Note {
  id: string;
  label: string;
  ranAt: string;
}

describe('virtual clock', () => {
  it('starts where the tenant was told to and stands still between calls', async () => {
    const first = await env.admin.get('/clock');
    await env.zuora.post('/v2/accounts', accountBody());
    const second = await env.admin.get('/clock');
    expect(first.body.now).toBe(START);
    expect(second.body.now).toBe(START);
  });

  it('advances by calendar months, clamping to the end of a shorter month', async () => {
    await env.admin.post('/reset', { now: START });
    // 31 January + 1 month = 28 February 2026 (not a leap year).
    expect((await env.admin.post('/clock/advance', { by: 'P1M' })).body).toEqual({ now: '2026-02-28T09:00:00.000Z', jobsRun: 0, ran: [] });
    expect((await env.admin.post('/clock/advance', { by: 'P1DT2H30M' })).body.now).toBe('2026-03-01T11:30:00.000Z');
    expect((await env.admin.post('/clock/advance', { to: '2026-06-01T00:00:00Z' })).body.now).toBe('2026-06-01T00:00:00.000Z');
    expect((await env.admin.get('/clock')).body.now).toBe('2026-06-01T00:00:00.000Z');
  });

  it('stamps what is written after an advance with the new time', async () => {
    await env.admin.post('/reset', { now: START });
    await env.admin.post('/clock/advance', { by: 'P10D' });
    const { body } = await env.zuora.post('/v2/accounts', accountBody());
    expect(body.created_time).toBe('2026-02-10T09:00:00.000Z');
  });

  it('refuses to go back in time, and bad durations, without moving', async () => {
    await env.admin.post('/reset', { now: START });
    const back = await env.admin.post('/clock/advance', { to: '2025-01-01T00:00:00Z' });
    expect(back.status).toBe(400);
    expect(back.body.error.message).toContain('back');
    for (const body of [{ by: '1 month' }, { by: 'P' }, {}, { by: 'P1D', to: '2027-01-01T00:00:00Z' }, { to: 'tomorrow' }]) {
      const response = await env.admin.post('/clock/advance', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await env.admin.get('/clock')).body.now).toBe(START);
  });

  it('runs due jobs in time order, each at its own due time, and leaves later ones pending', async () => {
    const { services } = env.emulator;
    const tenant = services.defaultTenant;
    services.jobs.register('test.note', (tx, payload) => {
      tx.insert<Note>('Note', { id: tx.newId(), label: String(payload), ranAt: tx.now().toISOString() });
    });
    await env.admin.post('/reset', { now: START });
    await services.store.transact(tenant, (tx) => {
      scheduleJob(tx, 'test.note', new Date('2026-03-15T00:00:00Z'), 'third');
      scheduleJob(tx, 'test.note', new Date('2026-02-01T00:00:00Z'), 'first');
      scheduleJob(tx, 'test.note', new Date('2026-02-01T00:00:00Z'), 'second (same instant, scheduled later)');
      scheduleJob(tx, 'test.note', new Date('2027-01-01T00:00:00Z'), 'next year');
    });

    const advanced = await env.admin.post('/clock/advance', { to: '2026-04-01T00:00:00Z' });
    expect(advanced.body).toMatchObject({ now: '2026-04-01T00:00:00.000Z', jobsRun: 3 });
    // The answer names the jobs that ran, in the order they ran.
    expect(advanced.body.ran.map(({ payload, dueAt, outcome }: { payload: string; dueAt: string; outcome: string }) => [payload, dueAt, outcome])).toEqual([
      ['first', '2026-02-01T00:00:00.000Z', 'done'],
      ['second (same instant, scheduled later)', '2026-02-01T00:00:00.000Z', 'done'],
      ['third', '2026-03-15T00:00:00.000Z', 'done'],
    ]);
    const notes = services.store.view(tenant).all<Note>('Note');
    expect(notes.map(({ label, ranAt }) => [label, ranAt])).toEqual([
      ['first', '2026-02-01T00:00:00.000Z'],
      ['second (same instant, scheduled later)', '2026-02-01T00:00:00.000Z'],
      ['third', '2026-03-15T00:00:00.000Z'],
    ]);
    const pending = (await env.admin.get('/jobs')).body.data;
    expect(pending).toEqual([expect.objectContaining({ kind: 'test.note', dueAt: '2027-01-01T00:00:00.000Z', payload: 'next year' })]);
  });

  it('marks a job whose handler fails and still runs the jobs after it', async () => {
    const { services } = env.emulator;
    const tenant = services.defaultTenant;
    services.jobs.register('test.explode', () => {
      throw new Error('boom');
    });
    await env.admin.post('/reset', { now: START });
    await services.store.transact(tenant, (tx) => {
      scheduleJob(tx, 'test.explode', new Date('2026-02-02T00:00:00Z'), null);
      scheduleJob(tx, 'test.note', new Date('2026-02-03T00:00:00Z'), 'after the failure');
    });
    const advanced = await env.admin.post('/clock/advance', { by: 'P1M' });
    expect(advanced.body.jobsRun).toBe(2);
    expect(services.store.view(tenant).all<Note>('Note').map((note) => note.label)).toEqual(['after the failure']);
    const failed = services.store.view(tenant).all<{ kind: string; status: string; error?: string }>('_jobs');
    expect(failed).toEqual([expect.objectContaining({ kind: 'test.explode', status: 'failed', error: 'boom' })]);
    // A failed job is not pending any more, so it does not run again.
    expect((await env.admin.post('/clock/advance', { by: 'P1M' })).body.jobsRun).toBe(0);
  });

  it('keeps each tenant on its own clock', async () => {
    await env.admin.post('/reset', { now: START });
    await env.admin.post('/tenants', { clientId: 'clock-tenant', clientSecret: 's', now: '2030-01-01T00:00:00Z' });
    const other = adminClient(env.url, 'clock-tenant');
    await other.post('/clock/advance', { by: 'P1Y' });
    expect((await other.get('/clock')).body.now).toBe('2031-01-01T00:00:00.000Z');
    expect((await env.admin.get('/clock')).body.now).toBe(START);
  });
});

describe('clock subscribers', () => {
  it('are told each step of the clock, at each job time and at the end, before anything else runs', async () => {
    const { services } = env.emulator;
    await env.admin.post('/reset', { now: START });
    receiver.reset();
    await services.store.transact(services.defaultTenant, (tx) => {
      scheduleJob(tx, 'test.note', new Date('2026-02-01T00:00:00Z'), 'a job');
    });
    expect((await env.admin.post('/clock/subscribers', { url: `${receiver.url}/tick` })).status).toBe(201);
    await env.admin.post('/clock/advance', { to: '2026-02-10T00:00:00Z' });
    expect(receiver.at('/tick').map((tick) => tick.body)).toEqual([
      { tenant: services.defaultTenant, now: '2026-02-01T00:00:00.000Z' },
      { tenant: services.defaultTenant, now: '2026-02-10T00:00:00.000Z' },
    ]);
    const removed = await env.admin.delete('/clock/subscribers', { url: `${receiver.url}/tick` });
    expect(removed.status).toBe(204);
    await env.admin.post('/clock/advance', { by: 'P1D' });
    expect(receiver.at('/tick')).toHaveLength(2);
  });

  it('in this process, are called directly with each step instead of being posted to, until they stop', async () => {
    const { services } = env.emulator;
    await env.admin.post('/reset', { now: START });
    receiver.reset();
    await env.admin.post('/clock/subscribers', { url: `${receiver.url}/tick` });
    const steps: string[] = [];
    const stop = services.clock.receiveTicksInProcess(`${receiver.url}/tick`, async (now) => {
      steps.push(now);
    });
    await env.admin.post('/clock/advance', { by: 'P1D' });
    expect(steps).toEqual(['2026-02-01T09:00:00.000Z']);
    expect(receiver.at('/tick')).toHaveLength(0);
    stop();
    await env.admin.post('/clock/advance', { by: 'P1D' });
    expect(steps).toHaveLength(1);
    expect(receiver.at('/tick').map((tick) => tick.body)).toEqual([{ tenant: services.defaultTenant, now: '2026-02-02T09:00:00.000Z' }]);
    await env.admin.delete('/clock/subscribers', { url: `${receiver.url}/tick` });
  });
});
