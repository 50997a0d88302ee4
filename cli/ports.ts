/** The port a flag's value names (0 picks a free one), or undefined when it names none. */
export function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

/** A failure to listen, said as what to do about it; other errors pass through unchanged. */
export function listenFailure(error: unknown, host: string, port: number, portFlag: string): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return new Error(`port ${port} on ${host} is already in use; stop what holds it or pick another with ${portFlag} (0 picks a free one)`);
    case 'EACCES':
      return new Error(`not allowed to listen on port ${port}; pick one above 1023 with ${portFlag}`);
    case 'EADDRNOTAVAIL':
      return new Error(`cannot listen on ${host}: it is not an address of this machine; give --host 127.0.0.1, 0.0.0.0 or one of its addresses`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new Error(`cannot resolve host '${host}'; give --host an address such as 127.0.0.1`);
    default:
      return error;
  }
}
