import type { Request } from 'express';
import { DomainError } from '../domain/errors.js';

/**
 * JSON whatever the content type says (clients such as curl label JSON as a form by default), except
 * on routes that take form fields (the token endpoint). An empty body is undefined.
 */
export function parseBody(req: Request, format: 'json' | 'form'): unknown {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (format === 'form') return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('Malformed', 'Malformed JSON in the request body', undefined, 'body');
  }
}
