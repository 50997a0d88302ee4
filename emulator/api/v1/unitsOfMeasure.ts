import type { AnySchema } from 'ajv';
import { createUnitOfMeasure } from '../../domain/catalog/unitsOfMeasure.js';
import type { Reply, RequestContext } from '../../http/routeTable.js';
import { crudFields } from './crud.js';

export const unitOfMeasureProperties = {
  UomName: { type: 'string' },
  DisplayedAs: { type: 'string' },
  DecimalPlaces: { type: 'integer' },
  RoundingMode: { type: 'string' },
  Active: { type: 'boolean' },
} as const;

export const unitOfMeasureCreateSchema: AnySchema = { type: 'object', required: ['UomName'], properties: unitOfMeasureProperties };

export async function postUnitOfMeasure(ctx: RequestContext): Promise<Reply> {
  const { known } = crudFields(ctx.body as Record<string, unknown>, Object.keys(unitOfMeasureProperties), ctx.query, 'UnitOfMeasure');
  const unit = await ctx.services.store.transact(ctx.tenant, (tx) =>
    createUnitOfMeasure(tx, {
      uomName: known.UomName as string,
      displayedAs: known.DisplayedAs as string | undefined,
      decimalPlaces: known.DecimalPlaces as number | undefined,
      roundingMode: known.RoundingMode as string | undefined,
      active: known.Active as boolean | undefined,
    }),
  );
  return { body: { Success: true, Id: unit.id } };
}
