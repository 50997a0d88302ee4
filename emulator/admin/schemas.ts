import type { AnySchema } from 'ajv';
import { settingsSchema } from './settings.js';

const isoDateTime = { type: 'string', format: 'date-time' } as const;

export const advanceRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { by: { type: 'string' }, to: isoDateTime },
};

export const resetRequest: AnySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { now: isoDateTime },
};

export const tenantRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['clientId', 'clientSecret'],
  properties: {
    clientId: { type: 'string', minLength: 1, maxLength: 64 },
    clientSecret: { type: 'string', minLength: 1, maxLength: 64 },
    name: { type: 'string' },
    now: isoDateTime,
    fromSnapshot: { type: 'string', minLength: 1 },
    settings: settingsSchema,
    presetCustomFields: { type: 'boolean' },
  },
};

export const snapshotRequest: AnySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$' } },
};

/** An exported snapshot, as GET /__emulator/snapshots/{name} writes it. */
export const snapshotDocument: AnySchema = {
  type: 'object',
  required: ['meta', 'objects'],
  properties: {
    format: { const: 'zuora-emulator-snapshot/1' },
    meta: {
      type: 'object',
      required: ['now', 'counters'],
      properties: {
        now: isoDateTime,
        counters: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
      },
    },
    objects: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      },
    },
  },
};
