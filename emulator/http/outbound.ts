// undici, the HTTP client of callouts and clock ticks, is loaded on the first outbound request:
// most runs never make one, and loading it was a good part of the time to start.
let client: Promise<typeof import('undici')> | undefined;

export function outbound(): Promise<typeof import('undici')> {
  client ??= import('undici');
  return client;
}
