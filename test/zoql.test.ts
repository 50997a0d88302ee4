import { beforeAll, describe, expect, it } from 'vitest';
import { accountBody, useTenant } from './helpers/emulator.js';

// ZOQL through the actions API: POST /v1/action/query and /v1/action/queryMore.
const env = useTenant({ now: '2026-03-01T08:00:00.000Z' });

const query = (queryString: string, batchSize?: number) =>
  env.zuora.post('/v1/action/query', { queryString, ...(batchSize ? { conf: { batchSize } } : {}) });

const names: string[] = ['Acme', 'Acorn', 'Birch', "O'Brien"];
const numbers: string[] = [];

beforeAll(async () => {
  for (const [index, name] of names.entries()) {
    const body = accountBody({ name, currency: index === 2 ? 'EUR' : 'USD', bill_cycle_day: index + 1 });
    numbers.push((await env.zuora.post('/v2/accounts', body)).body.account_number);
  }
});

describe('ZOQL', () => {
  it('answers the selected fields with capitalised names, Id always, nulls left out', async () => {
    const { status, body } = await query(`select AccountNumber, Name, BillCycleDay, AutoPay, CrmId from Account where AccountNumber = '${numbers[0]}'`);
    expect(status).toBe(200);
    expect(body).toEqual({
      done: true,
      size: 1,
      records: [{ Id: expect.stringMatching(/^[0-9a-f]{32}$/), AccountNumber: numbers[0], Name: 'Acme', BillCycleDay: 1, AutoPay: false }],
    });
  });

  it('filters with AND before OR, LIKE, comparisons and text in any letter case', async () => {
    const all = numbers.map((number) => `AccountNumber = '${number}'`).join(' or ');
    expect((await query(`select Name from Account where ${all}`)).body.size).toBe(4);
    const usdAc = await query(`select Name from account where Currency = 'usd' and Name like 'Ac%' or Name = 'Birch'`);
    expect(usdAc.body.records.map((record: { Name: string }) => record.Name)).toEqual(['Acme', 'Acorn', 'Birch']);
    const later = await query(`select Name, BillCycleDay from Account where BillCycleDay >= 3 and BillCycleDay < 5 and Currency != 'EUR'`);
    expect(later.body.records).toEqual([expect.objectContaining({ Name: "O'Brien", BillCycleDay: 4 })]);
    const quoted = await query("select Name from Account where Name = 'O\\'Brien'");
    expect(quoted.body.records.map((record: { Name: string }) => record.Name)).toEqual(["O'Brien"]);
    const noCrm = await query(`select Name from Account where CrmId = null and Name = 'Acme'`);
    expect(noCrm.body.size).toBe(1);
  });

  it('pages with batchSize and queryMore until done', async () => {
    const all = numbers.map((number) => `AccountNumber = '${number}'`).join(' or ');
    const first = await query(`select Name from Account where ${all}`, 3);
    expect(first.body).toMatchObject({ done: false, size: 4 });
    expect(first.body.records).toHaveLength(3);
    const more = await env.zuora.post('/v1/action/queryMore', { queryLocator: first.body.queryLocator });
    expect(more.body).toMatchObject({ done: true, size: 4 });
    expect([...first.body.records, ...more.body.records].map((record: { Name: string }) => record.Name)).toEqual(names);
    expect(more.body).not.toHaveProperty('queryLocator');
  });

  it('sees a change made through another API at once', async () => {
    await env.zuora.patch(`/v2/accounts/${numbers[1]}`, { name: 'Acorn Renamed' });
    const { body } = await query(`select Name from Account where AccountNumber = '${numbers[1]}'`);
    expect(body.records[0].Name).toBe('Acorn Renamed');
  });

  it.each([
    ['select * from Account', 'MALFORMED_QUERY'],
    ['select Id from Account, Contact', 'MALFORMED_QUERY'],
    ['select Id from Account where (Name = 1)', 'MALFORMED_QUERY'],
    ['select Id from Nothing', 'MALFORMED_QUERY'],
    ['select Id, NoSuchField from Account', 'INVALID_FIELD'],
    ["select Id from Account where NoSuchField = 'x'", 'INVALID_FIELD'],
  ])('refuses %s with HTTP 400 and %s', async (queryString, code) => {
    const { status, body } = await query(queryString);
    expect(status).toBe(400);
    expect(body).toEqual({ FaultCode: code, FaultMessage: expect.any(String) });
  });

  it('refuses a body without queryString and a locator it did not write', async () => {
    const missing = await env.zuora.post('/v1/action/query', {});
    expect(missing.status).toBe(400);
    expect(missing.body.FaultCode).toBe('MISSING_REQUIRED_VALUE');
    const bad = await env.zuora.post('/v1/action/queryMore', { queryLocator: 'not-a-locator' });
    expect(bad.status).toBe(400);
    expect(bad.body.FaultCode).toBe('INVALID_VALUE');
  });
});
