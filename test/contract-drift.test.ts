import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { driftReport, driftText, loadOfficialFile, type DriftReport } from '../contracts/drift/index.js';
import { SEED_ENDPOINTS } from '../contracts/subset/seeds.js';
import { describeOfficial, officialSpecDir } from './helpers/officialSpec.js';
import { CLI } from './helpers/cli.js';

// `contract drift` compares the subset's seed endpoints with an official spec file. A small
// hand-made V1-like file holds one difference of each kind; the real files, when present, must
// give a section for every seed endpoint of their family.

const dir = mkdtempSync(join(tmpdir(), 'zuora-drift-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const commonResponse = { type: 'object', properties: { success: { type: 'boolean' }, processId: { type: 'string' } } };

/** A V1-like spec: CommonResponse + payload answers, and deliberate differences from the subset. */
const V1_LIKE = {
  openapi: '3.0.0',
  info: { title: 'Hand-made V1 spec', version: 'test' },
  servers: [{ url: 'https://rest.example.invalid' }],
  paths: {
    '/oauth/token': {
      post: {
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['client_id', 'client_secret', 'grant_type'],
                properties: { client_id: { type: 'string' }, client_secret: { type: 'string' }, grant_type: { type: 'string', enum: ['client_credentials'] } },
              },
            },
          },
        },
        responses: {
          '200': json({
            type: 'object',
            properties: ['access_token', 'token_type', 'scope', 'jti'].reduce((all, name) => ({ ...all, [name]: { type: 'string' } }), { expires_in: { type: 'number' } }),
          }),
        },
      },
    },
    '/v1/orders': {
      post: {
        requestBody: json({
          type: 'object',
          // The subset requires orderDate only.
          required: ['orderDate', 'subscriptions'],
          properties: {
            orderDate: { type: 'string', format: 'date' },
            // The subset takes a string; the subset's enum has Cancelled, this one Closed.
            category: { type: 'integer' },
            status: { type: 'string', enum: ['Draft', 'Pending', 'Completed', 'Scheduled', 'Executing', 'Failed', 'Closed'] },
          },
        }),
        responses: {
          '200': json({
            allOf: [{ $ref: '#/components/schemas/CommonResponse' }, { type: 'object', properties: { orderNumber: { type: 'string' }, status: { type: 'string', enum: ['Completed'] } } }],
          }),
        },
      },
    },
    '/v1/accounts/{account-key}': {
      get: {
        parameters: [{ name: 'account-key', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': json({
            allOf: [
              { $ref: '#/components/schemas/CommonResponse' },
              { type: 'object', properties: { billingAndPayment: { type: 'object', properties: { billCycleDay: { type: 'string' } } } } },
            ],
          }),
        },
      },
    },
    // The subset's POST is missing here.
    '/v1/payments': { get: { responses: { '200': json({ type: 'object' }) } } },
  },
  components: { schemas: { CommonResponse: commonResponse } },
};

const QUICKSTART_LIKE = {
  openapi: '3.0.3',
  info: { title: 'Hand-made Quickstart spec', version: 'test' },
  servers: [{ url: 'https://rest.example.invalid/v2' }],
  paths: {
    '/accounts': {
      post: {
        requestBody: json({ type: 'object', required: ['name', 'currency'], properties: { name: { type: 'string' }, currency: { type: 'string' } } }),
        responses: { '201': json({ type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } }) },
      },
    },
  },
};

function write(name: string, doc: object): string {
  const file = join(dir, name);
  writeFileSync(file, stringify(doc));
  return file;
}

const v1File = write('v1-like.yaml', V1_LIKE);
const quickstartFile = write('quickstart-like.yaml', QUICKSTART_LIKE);

const section = (report: DriftReport, method: string, path: string) => report.endpoints.find((endpoint) => endpoint.method === method && endpoint.path === path);

describe('drift against a hand-made V1-like file', async () => {
  const official = await loadOfficialFile(v1File);
  const report = driftReport(official);

  it('detects the V1 family and compares every V1 seed endpoint', () => {
    expect(official.kind).toBe('v1');
    expect(report.document).toBe('v1');
    const v1Seeds = SEED_ENDPOINTS.filter((seed) => !seed.path.startsWith('/v2/'));
    expect(report.endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path.replace(/\{([^}]+)\}/g, ':$1')}`)).toEqual(
      v1Seeds.map((seed) => `${seed.method} ${seed.path}`),
    );
    expect(report.skipped).toBe(SEED_ENDPOINTS.length - v1Seeds.length);
  });

  it('finds no difference where the file agrees', () => {
    expect(section(report, 'POST', '/oauth/token')).toMatchObject({ official: 'POST /oauth/token', findings: [] });
  });

  it('reports required fields, types and enums that differ', () => {
    expect(section(report, 'POST', '/v1/orders')?.findings).toEqual(
      expect.arrayContaining([
        'request (body) required: only official requires subscriptions',
        'request .category type: subset string, official integer',
        'request .status enum: only in subset: "Cancelled"; only in official: "Closed"',
        expect.stringMatching(/^request \(body\) not in the official schema: .*existingAccountNumber/),
      ]),
    );
    // An answer may use fewer of Zuora's values, so only the subset's extra ones count there.
    expect(section(report, 'POST', '/v1/orders')?.findings).toContain('response .status enum: only in subset: "Draft", "Pending", "Scheduled"');
    expect(section(report, 'GET', '/v1/accounts/{account_key}')?.findings).toContain('response .billingAndPayment.billCycleDay type: subset integer, official string');
  });

  it('reports missing paths and methods, and says when the subset documents its own shape', () => {
    expect(section(report, 'GET', '/v1/hostedpages')?.missing).toBe('the file has no path /v1/hostedpages');
    expect(section(report, 'POST', '/v1/payments')?.missing).toBe('the file has /v1/payments but no POST on it (only GET)');
    expect(section(report, 'GET', '/v1/settings/payment-terms')?.missing).toMatch(/no saved Zuora spec has it, so the subset documents the emulator's own shape/);
  });

  it('renders one section per endpoint', async () => {
    const text = await driftText(v1File);
    expect(text).toContain('Official file: V1, OpenAPI 3, "Hand-made V1 spec" version test');
    expect(text).toContain('POST /oauth/token  (official: POST /oauth/token)\n  no differences\n');
    expect(text).toContain('GET /v1/hostedpages\n  - missing: the file has no path /v1/hostedpages\n');
    for (const endpoint of report.endpoints) expect(text).toContain(`\n${endpoint.method} ${endpoint.path}`);
  });
});

describe('drift against a hand-made Quickstart-like file', () => {
  it('detects the Quickstart family from the /v2 server and compares the Quickstart seed endpoints', async () => {
    const report = driftReport(await loadOfficialFile(quickstartFile));
    expect(report.document).toBe('quickstart');
    expect(section(report, 'POST', '/v2/accounts')).toMatchObject({
      official: 'POST /accounts',
      findings: expect.arrayContaining(['request (body) required: only the subset requires bill_to']),
    });
    expect(section(report, 'GET', '/v2/usage_records')?.missing).toBe('the file has no path /usage_records');
  });
});

describe('zuora-emulator contract drift', () => {
  it('prints the report and exits 0', () => {
    const result = spawnSync(process.execPath, [...CLI, 'contract', 'drift', '--official-spec', quickstartFile], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Official file: Quickstart');
  });

  it('exits 2 (a usage error) without a file', () => {
    const result = spawnSync(process.execPath, [...CLI, 'contract', 'drift'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--official-spec FILE is required');
  });
});

describeOfficial('drift against the official spec files', () => {
  it('gives a section for every V1 seed endpoint of zuora_openapi.yaml, and finds what the subset adds', async () => {
    const report = driftReport(await loadOfficialFile(join(officialSpecDir ?? '', 'zuora_openapi.yaml')));
    expect(report.endpoints).toHaveLength(SEED_ENDPOINTS.filter((seed) => !seed.path.startsWith('/v2/')).length);
    expect(section(report, 'POST', '/v1/object/unit-of-measure')?.missing).toBe('the file has no path /v1/object/unit-of-measure');
    expect(section(report, 'POST', '/v1/events/event-triggers')?.official).toBe('POST /events/event-triggers');
    expect(section(report, 'GET', '/v1/orders')?.findings).toContain('query parameters not in the official operation: subscriptionNumber');
  });

  it('reads swaggerv2API.yaml as the Quickstart family', async () => {
    const report = driftReport(await loadOfficialFile(join(officialSpecDir ?? '', 'swaggerv2API.yaml')));
    expect(report.document).toBe('quickstart');
    expect(report.endpoints.every((endpoint) => endpoint.official !== undefined)).toBe(true);
  });
});
