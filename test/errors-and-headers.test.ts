import { describe, expect, it } from 'vitest';
import { request, useTenant } from './helpers/emulator.js';

const env = useTenant();

describe('headers on every answer', () => {
  it('sends a fresh Zuora-Request-Id on success, error and unknown routes', async () => {
    const answers = [
      await env.zuora.get('/v2/accounts'),
      await env.zuora.get('/v2/accounts/missing'),
      await env.zuora.get('/v2/no-such-thing'),
      await request(`${env.url}/__emulator/health`, 'GET'),
    ];
    const ids = answers.map((answer) => answer.headers.get('zuora-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('echoes Zuora-Track-Id', async () => {
    const response = await env.zuora.get('/v2/accounts', { 'Zuora-Track-Id': 'trace-123' });
    expect(response.headers.get('zuora-track-id')).toBe('trace-123');
  });
});

describe('requests nobody routes', () => {
  it('answers an unknown Quickstart path with a Quickstart 404', async () => {
    const response = await env.zuora.get('/v2/widgets');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'not_found', retryable: false });
  });

  it('answers an unknown V1 path with a 404 carrying success:false', async () => {
    const response = await env.zuora.get('/v1/widgets');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ success: false, reasons: [{ code: 50000040 }] });
  });
});

describe('malformed bodies in each dialect', () => {
  it('V1 CRUD answers 400 with its errors list', async () => {
    const response = await env.zuora.post('/v1/object/unit-of-measure', '{oops');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, errors: [{ code: 'MALFORMED_QUERY', message: expect.any(String) }] });
  });

  it('the admin API answers 400 with an error object', async () => {
    const response = await env.admin.post('/clock/advance', '{"by":');
    expect(response.status).toBe(400);
    expect(response.body.error.kind).toBe('Malformed');
  });

  it('a wrong JSON type for a V1 CRUD field is an invalid value', async () => {
    const response = await env.zuora.post('/v1/object/unit-of-measure', { UomName: 12 });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ code: 'INVALID_VALUE' });
  });

  it('a missing required CRUD field names the field', async () => {
    const response = await env.zuora.post('/v1/object/unit-of-measure', { DisplayedAs: 'seat' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toEqual({ code: 'MISSING_REQUIRED_VALUE', message: expect.stringContaining('UomName') });
  });
});

describe('payment terms', () => {
  it('lists the terms with their days, under /v1 and the settings path', async () => {
    for (const path of ['/v1/settings/payment-terms', '/settings/payment-terms']) {
      const response = await env.zuora.get(path);
      expect(response.status).toBe(200);
      const terms = response.body as Array<{ name: string; dueDays: number; active: boolean; default: boolean }>;
      expect(terms).toContainEqual(expect.objectContaining({ name: 'Due Upon Receipt', dueDays: 0, default: true }));
      expect(terms).toContainEqual(expect.objectContaining({ name: 'Net 30', dueDays: 30, active: true }));
      expect(terms.filter((term) => term.default)).toHaveLength(1);
    }
  });
});
