import { randomUUID } from 'node:crypto';
import qs from 'qs';
import { request } from '../httpClient.js';
import type { FormParams } from './types.js';

/** A failed Stripe call: the HTTP status and Stripe's error fields. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

/**
 * Stripe over HTTP, as Stripe's own libraries speak it: the secret key as a bearer token,
 * form-encoded bracket parameters, an idempotency key on every POST. The base URL is
 * configuration, so the same code talks to api.stripe.com or to an emulator.
 */
export class StripeClient {
  constructor(
    private readonly apiUrl: string,
    private readonly secretKey: string,
  ) {}

  get<T>(path: string, params: FormParams = {}): Promise<T> {
    return this.call<T>('GET', path, params);
  }

  post<T>(path: string, params: FormParams = {}, idempotencyKey: string = randomUUID()): Promise<T> {
    return this.call<T>('POST', path, params, idempotencyKey);
  }

  delete<T>(path: string, params: FormParams = {}): Promise<T> {
    return this.call<T>('DELETE', path, params);
  }

  private async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, params: FormParams, idempotencyKey?: string): Promise<T> {
    const encoded = qs.stringify(params, { arrayFormat: 'indices', encodeValuesOnly: true });
    const inQuery = method !== 'POST' && encoded;
    const url = `${this.apiUrl.replace(/\/+$/, '')}${path}${inQuery ? `?${encoded}` : ''}`;
    const answer = await request(url, {
      method,
      headers: {
        authorization: `Bearer ${this.secretKey}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      ...(method === 'POST' ? { body: encoded } : {}),
      timeoutMs: TIMEOUT_MS,
    });
    const body = answer.text ? (JSON.parse(answer.text) as unknown) : undefined;
    if (answer.status >= 400) {
      const error = (body as { error?: { type?: string; code?: string; message?: string } } | undefined)?.error;
      throw new StripeApiError(answer.status, error?.type ?? 'api_error', error?.code, error?.message ?? `HTTP ${answer.status}`);
    }
    return body as T;
  }
}
