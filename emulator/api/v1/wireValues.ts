import { addDays } from '../../domain/billing/dates.js';

/** Zuora prints a service period's last day; the billing model keeps the day after. */
export const lastDay = (exclusiveEnd: string): string => addDays(exclusiveEnd, -1);

/** Several V1 reads show money as a decimal string with two places. */
export const decimal = (value: number): string => value.toFixed(2);
