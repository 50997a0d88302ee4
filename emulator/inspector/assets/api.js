// The admin API as the page calls it: same origin, the session cookie for auth, the tenant in the
// header the admin API reads it from.
export class ApiError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}
const ADMIN = '/__emulator';
export async function call(method, path, tenant, body) {
    const headers = {};
    if (tenant)
        headers['X-Emulator-Tenant'] = tenant;
    if (body !== undefined)
        headers['content-type'] = 'application/json';
    const response = await fetch(`${ADMIN}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
        const message = parsed?.error?.message ?? `HTTP ${response.status}`;
        throw new ApiError(response.status, message);
    }
    return parsed;
}
/** The `data` list of a list answer. */
export async function list(path, tenant) {
    return (await call('GET', path, tenant)).data;
}
