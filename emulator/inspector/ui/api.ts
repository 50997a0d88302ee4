// The admin API as the page calls it: same origin, the session cookie for auth, the tenant in the
// header the admin API reads it from.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ADMIN = '/__emulator';

export async function call<T>(method: string, path: string, tenant?: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (tenant) headers['X-Emulator-Tenant'] = tenant;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${ADMIN}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const message = (parsed as { error?: { message?: string } } | undefined)?.error?.message ?? `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return parsed as T;
}

/** The `data` list of a list answer. */
export async function list<T>(path: string, tenant: string): Promise<T[]> {
  return (await call<{ data: T[] }>('GET', path, tenant)).data;
}
