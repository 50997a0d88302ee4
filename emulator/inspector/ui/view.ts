import type { Html } from './components.js';

/** Where a view is: `#/<tenant>/<view>/<key>/<focus>`, e.g. `#/t1/subscriptions/A-S00000001/<version id>`. */
export interface Place {
  tenant: string;
  view: string;
  /** The object the view is about (an account id, a subscription number). */
  key?: string;
  /** Something within it to bring into sight (a version, an invoice). */
  focus?: string;
}

export const href = (tenant: string, view: string, key?: string, focus?: string): string =>
  `#/${[tenant, view, key, focus].filter((part): part is string => part !== undefined).map(encodeURIComponent).join('/')}`;

export function parsePlace(hash: string): Partial<Place> {
  const [tenant, view, key, focus] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return { ...(tenant ? { tenant } : {}), ...(view ? { view } : {}), ...(key ? { key } : {}), ...(focus ? { focus } : {}) };
}

/** A view draws one tab of the page from the admin API. */
export type View = (place: Place) => Promise<Html>;

/** Links from one object to where the inspector shows it. */
export const links = {
  account: (tenant: string, accountId: string, focus?: string) => href(tenant, 'accounts', accountId, focus),
  subscription: (tenant: string, numberOrId: string, versionId?: string) => href(tenant, 'subscriptions', numberOrId, versionId),
  order: (tenant: string, orderNumber: string) => href(tenant, 'orders', undefined, orderNumber),
};
