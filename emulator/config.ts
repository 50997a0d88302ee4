/** The tenant every emulator starts with; documented in the README so clients can be configured blind. */
export const DEFAULT_TENANT = {
  clientId: 'zuora-emulator-default-client-000001',
  clientSecret: 'zuora-emulator-default-secret',
  name: 'Default tenant',
} as const;

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = '.zuora-emulator';
