import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds to run; ignored when `amount` is set. */
  duration?: number;
  /** Exact number of requests to send. */
  amount?: number;
  request: autocannon.Request;
  /**
   * Required because a status code alone proves little here: the emulator answers V1 business errors,
   * and unknown endpoints, with HTTP 200 and `success: false`.
   */
  verifyBody: (body: string) => boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** Connection errors, timeouts, non-2xx answers and bodies that failed `verifyBody`, together. */
  errors: number;
  statusCodes: Record<string, number>;
}

/** Runs one autocannon load against 127.0.0.1 and boils the result down to what the report prints. */
export function load(options: LoadOptions): Promise<LoadResult> {
  if (!new URL(options.url).hostname.startsWith('127.')) throw new Error(`refusing to load ${options.url}: loopback only`);
  const { verifyBody } = options;
  // autocannon's own histogram keeps whole milliseconds, which flattens sub-millisecond answers to 0;
  // the per-response duration it emits is fractional, so percentiles come from those instead.
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastResponse = started;
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 3 }),
        // Method, path and body only take effect inside `requests`; top-level `path` is silently ignored.
        requests: [options.request],
        verifyBody: (body: string | Buffer | undefined) => verifyBody(String(body ?? '')),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        // autocannon only notices the end on its 1 s tick, so its own duration overstates amount-bounded
        // runs by up to a second; the time of the last response is the real end.
        const seconds = (lastResponse - started) / 1000;
        const requests = latencies.length;
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests,
          seconds,
          rps: seconds > 0 ? requests / seconds : 0,
          p50: percentile(sorted, 0.5),
          p99: percentile(sorted, 0.99),
          mean: requests > 0 ? latencies.reduce((sum, value) => sum + value, 0) / requests : 0,
          max: sorted.at(-1) ?? 0,
          errors: result.errors + result.non2xx + result.mismatches,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      lastResponse = performance.now();
      latencies.push(responseTime);
    });
  });
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}
