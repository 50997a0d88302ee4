import type { AnySchema } from 'ajv';
import {
  customFieldApiName,
  definitionFor,
  knownCustomFieldObject,
  upsertCustomFieldDefinition,
  type CustomFieldDefinition,
  type CustomFieldSpec,
} from '../../domain/customFields.js';
import { invalidValue, notFound } from '../../domain/errors.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { apiUserId } from '../../state/ids.js';

/**
 * The platform manages its custom fields with `PUT /objects/definitions/{object_type}`, which no
 * saved Zuora spec has. The emulator's own shape for it:
 *   { "properties": { "<name>": { "type": "string", "maxLength": 255, "label": "..." } }, "filterable": ["<name>"] }
 * Names get Zuora's `__c` suffix. Reads answer in the shape of Zuora's custom object definition.
 */
export const definitionPutSchema: AnySchema = {
  type: 'object',
  required: ['properties'],
  properties: {
    properties: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        properties: {
          type: { enum: ['string', 'number', 'integer', 'boolean', 'date'] },
          maxLength: { type: 'integer', minimum: 1 },
          label: { type: 'string' },
        },
      },
    },
    filterable: { type: 'array', items: { type: 'string' } },
  },
};

/** Zuora shows these ids as UUIDs. */
const asUuid = (hex: string): string =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

function toDefinitionBody(definition: CustomFieldDefinition, user: string): Record<string, unknown> {
  const fields = Object.values(definition.fields);
  return {
    Id: asUuid(definition.id),
    CreatedById: asUuid(user),
    CreatedDate: definition.createdDate,
    UpdatedById: asUuid(user),
    UpdatedDate: definition.updatedDate,
    type: definition.object,
    schema: {
      object: definition.object,
      label: definition.object,
      type: 'object',
      properties: Object.fromEntries(
        fields.map((field) => [
          field.name,
          { type: field.type, label: field.label, ...(field.maxLength ? { maxLength: field.maxLength } : {}) },
        ]),
      ),
      required: [],
      filterable: fields.filter((field) => field.indexed).map((field) => field.name),
      unique: [],
      auditable: [],
    },
  };
}

function objectFrom(param: string | undefined): string {
  const object = knownCustomFieldObject(param ?? '');
  if (!object) throw invalidValue('CustomFieldDefinition', 'object_type', `'${param}' is not an object that takes custom fields`);
  return object;
}

export async function putDefinition(ctx: RequestContext): Promise<Reply> {
  const object = objectFrom(ctx.params.object_type);
  const body = ctx.body as { properties: Record<string, Partial<CustomFieldSpec>>; filterable?: string[] };
  const filterable = new Set((body.filterable ?? []).map(customFieldApiName));
  const fields = Object.entries(body.properties).map(([name, spec]): CustomFieldSpec => {
    const apiName = customFieldApiName(name);
    return {
      name: apiName,
      label: spec.label ?? name.replace(/__c$/, ''),
      type: spec.type ?? 'string',
      ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
      indexed: filterable.has(apiName),
    };
  });
  const definition = await ctx.services.store.transact(ctx.tenant, (tx) => upsertCustomFieldDefinition(tx, { object, fields }));
  return { body: toDefinitionBody(definition, apiUserId(ctx.tenant)) };
}

export function getDefinition(ctx: RequestContext): Reply {
  const object = knownCustomFieldObject(ctx.params.object ?? '');
  const definition = object ? definitionFor(ctx.services.store.view(ctx.tenant), object) : undefined;
  if (!definition) throw notFound('CustomFieldDefinition', ctx.params.object ?? '', 'object');
  return { body: toDefinitionBody(definition, apiUserId(ctx.tenant)) };
}
