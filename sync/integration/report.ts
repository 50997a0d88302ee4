/** What a connect or remove did in Zuora, by object (`trigger StiggInvoicePaidEvent`, `template Stigg Invoice Paid Callout`...). */
export interface SetupReport {
  created: string[];
  updated: string[];
  deleted: string[];
}

export const emptyReport = (): SetupReport => ({ created: [], updated: [], deleted: [] });
