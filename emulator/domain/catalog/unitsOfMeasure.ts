import type { ReadView, Transaction } from '../../state/transaction.js';
import { conflict, invalidValue } from '../errors.js';

export const UNITS_OF_MEASURE = 'UnitOfMeasure';

export const ROUNDING_MODES = ['UP', 'DOWN', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN'] as const;

export interface UnitOfMeasure {
  id: string;
  uomName: string;
  displayedAs: string;
  decimalPlaces: number;
  roundingMode: string;
  active: boolean;
  createdDate: string;
  updatedDate: string;
}

export interface UnitOfMeasureInput {
  uomName: string;
  displayedAs?: string;
  decimalPlaces?: number;
  roundingMode?: string;
  active?: boolean;
}

/** Unit names are unique per tenant, as Zuora enforces. */
export function createUnitOfMeasure(tx: Transaction, input: UnitOfMeasureInput): UnitOfMeasure {
  if (input.uomName.trim() === '') throw invalidValue(UNITS_OF_MEASURE, 'UomName', "'UomName' cannot be empty");
  if (findUnitOfMeasure(tx, input.uomName)) {
    throw conflict(UNITS_OF_MEASURE, `A unit of measure named '${input.uomName}' already exists`, 'UomName');
  }
  const decimalPlaces = input.decimalPlaces ?? 0;
  if (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > 9) {
    throw invalidValue(UNITS_OF_MEASURE, 'DecimalPlaces', "'DecimalPlaces' must be an integer from 0 to 9");
  }
  const roundingMode = input.roundingMode ?? 'UP';
  if (!(ROUNDING_MODES as readonly string[]).includes(roundingMode)) {
    throw invalidValue(UNITS_OF_MEASURE, 'RoundingMode', `'RoundingMode' must be one of ${ROUNDING_MODES.join(', ')}`);
  }
  const now = tx.now().toISOString();
  return tx.insert<UnitOfMeasure>(UNITS_OF_MEASURE, {
    id: tx.newId(),
    uomName: input.uomName,
    displayedAs: input.displayedAs ?? input.uomName,
    decimalPlaces,
    roundingMode,
    active: input.active ?? true,
    createdDate: now,
    updatedDate: now,
  });
}

export function findUnitOfMeasure(view: ReadView, name: string): UnitOfMeasure | undefined {
  return view.findBy<UnitOfMeasure>(UNITS_OF_MEASURE, 'uomName', name);
}
