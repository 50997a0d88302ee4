export const USAGE = 'Usage';

export type UsageStatus = 'Pending' | 'Processed';

/** A usage record: quantity of a unit consumed by a subscription charge over a span of time. */
export type UsageRecord = {
  id: string;
  accountId: string;
  accountNumber: string;
  subscriptionId: string;
  subscriptionNumber: string;
  /** The usage charge (subscription charge number) the record is rated with. */
  chargeNumber: string;
  chargeId: string;
  unitOfMeasure: string;
  quantity: number;
  /** ISO date-times. */
  startDateTime: string;
  endDateTime: string | null;
  description?: string;
  status: UsageStatus;
  /** The invoice that billed it, once Processed. */
  invoiceId: string | null;
  customFields: Readonly<Record<string, string | number | boolean | null>>;
  createdById: string;
  createdDate: string;
  updatedById: string;
  updatedDate: string;
};
