import type { Request } from 'express';
import { DomainError } from '../domain/errors.js';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * The body as the route reads it: JSON only when labelled JSON, form fields only on routes that take
 * them (the token endpoint). Reading any label as JSON would let a web page's plain-text POST, which
 * a browser sends cross-site without asking, act on the emulator. An empty body is undefined.
 */
export function parseBody(req: Request, format: 'json' | 'form'): unknown {
  const raw: unknown = req.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  const type = req.header('content-type') ?? '';
  const text = raw.toString('utf8');
  if (format === 'form') {
    if (!FORM_TYPE.test(type)) throw unsupported(type, 'application/x-www-form-urlencoded');
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (!JSON_TYPE.test(type)) throw unsupported(type, 'application/json');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError('Malformed', 'Malformed JSON in the request body', undefined, 'body');
  }
}

function unsupported(given: string, expected: string): DomainError {
  const label = given ? `Content-Type '${given}'` : 'a body without Content-Type';
  return new DomainError('UnsupportedMediaType', `This endpoint reads ${expected}; it was sent ${label}`, undefined, 'Content-Type');
}
