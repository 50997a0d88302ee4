export const href = (tenant, view, key, focus) => `#/${[tenant, view, key, focus].filter((part) => part !== undefined).map(encodeURIComponent).join('/')}`;
export function parsePlace(hash) {
    const [tenant, view, key, focus] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    return { ...(tenant ? { tenant } : {}), ...(view ? { view } : {}), ...(key ? { key } : {}), ...(focus ? { focus } : {}) };
}
/** Links from one object to where the inspector shows it. */
export const links = {
    account: (tenant, accountId, focus) => href(tenant, 'accounts', accountId, focus),
    subscription: (tenant, numberOrId, versionId) => href(tenant, 'subscriptions', numberOrId, versionId),
    order: (tenant, orderNumber) => href(tenant, 'orders', undefined, orderNumber),
};
