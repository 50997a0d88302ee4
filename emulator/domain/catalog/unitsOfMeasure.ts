import type { ReadView, Transaction } from '../../state/transaction.js';
import { conflict, invalidValue, notFound } from '../errors.js';
import { CHARGES } from './charges.js';

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

/** Unit names are unique per tenant, as Zuora enforces; `self` is the unit being renamed. */
function checkUnit(view: ReadView, input: Partial<UnitOfMeasureInput>, self?: UnitOfMeasure): void {
  if (input.uomName !== undefined) {
    if (input.uomName.trim() === '') throw invalidValue(UNITS_OF_MEASURE, 'UomName', "'UomName' cannot be empty");
    const named = findUnitOfMeasure(view, input.uomName);
    if (named && named.id !== self?.id) throw conflict(UNITS_OF_MEASURE, `A unit of measure named '${input.uomName}' already exists`, 'UomName');
  }
  const decimalPlaces = input.decimalPlaces;
  if (decimalPlaces !== undefined && (!Number.isInteger(decimalPlaces) || decimalPlaces < 0 || decimalPlaces > 9)) {
    throw invalidValue(UNITS_OF_MEASURE, 'DecimalPlaces', "'DecimalPlaces' must be an integer from 0 to 9");
  }
  if (input.roundingMode !== undefined && !(ROUNDING_MODES as readonly string[]).includes(input.roundingMode)) {
    throw invalidValue(UNITS_OF_MEASURE, 'RoundingMode', `'RoundingMode' must be one of ${ROUNDING_MODES.join(', ')}`);
  }
}

export function createUnitOfMeasure(tx: Transaction, input: UnitOfMeasureInput): UnitOfMeasure {
  checkUnit(tx, input);
  const decimalPlaces = input.decimalPlaces ?? 0;
  const roundingMode = input.roundingMode ?? 'UP';
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

export function getUnitOfMeasure(view: ReadView, id: string): UnitOfMeasure {
  const unit = view.get<UnitOfMeasure>(UNITS_OF_MEASURE, id);
  if (!unit) throw notFound(UNITS_OF_MEASURE, id);
  return unit;
}

/** A unit used by catalog charges keeps its name: the charges refer to it by name. */
export function updateUnitOfMeasure(tx: Transaction, id: string, patch: Partial<UnitOfMeasureInput>): UnitOfMeasure {
  const current = getUnitOfMeasure(tx, id);
  checkUnit(tx, patch, current);
  if (patch.uomName !== undefined && patch.uomName !== current.uomName && chargesUsing(tx, current).length > 0) {
    throw conflict(UNITS_OF_MEASURE, `Unit '${current.uomName}' is used by product rate plan charges and cannot be renamed`, 'UomName');
  }
  return tx.update<UnitOfMeasure>(UNITS_OF_MEASURE, current.id, { ...patch, updatedDate: tx.now().toISOString() });
}

export function deleteUnitOfMeasure(tx: Transaction, id: string): UnitOfMeasure {
  const unit = getUnitOfMeasure(tx, id);
  if (chargesUsing(tx, unit).length > 0) throw conflict(UNITS_OF_MEASURE, `Unit '${unit.uomName}' is used by product rate plan charges and cannot be deleted`, 'id');
  tx.remove(UNITS_OF_MEASURE, unit.id);
  return unit;
}

function chargesUsing(view: ReadView, unit: UnitOfMeasure): unknown[] {
  return view.filterBy(CHARGES, 'uom', unit.uomName);
}
