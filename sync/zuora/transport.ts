import { request } from '../httpClient.js';
import { networkError } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Outgoing {
  method: HttpMethod;
  /** Path with query, appended to the base URL. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Zuora's answer as it came: failures are judged by the caller, who knows the dialect. */
export interface Answer {
  status: number;
  body: unknown;
}

/** JSON when it parses, the raw text otherwise (HTML from a proxy, say), undefined when empty (204). */
function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One HTTP request. Throws only when no answer arrived; every status, 4xx and 5xx included, is an Answer. */
export async function send(baseUrl: string, outgoing: Outgoing, timeoutMs: number): Promise<Answer> {
  try {
    const answer = await request(baseUrl + outgoing.path, {
      method: outgoing.method,
      headers: { accept: 'application/json', ...outgoing.headers },
      ...(outgoing.body !== undefined ? { body: outgoing.body } : {}),
      timeoutMs,
    });
    return { status: answer.status, body: parse(answer.text) };
  } catch (error) {
    throw networkError(`${outgoing.method} ${outgoing.path}`, error);
  }
}
