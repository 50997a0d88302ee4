import { setTimeout as sleep } from 'node:timers/promises';
import { ZuoraError } from './errors.js';

/**
 * Transport retries, in real time: they cover a dropped connection or a busy Zuora, not billing
 * logic, so they ignore any virtual clock. Four attempts with 100/200/400 ms (+ up to 50% jitter)
 * between them keep the worst case near one second of waiting on top of the requests themselves.
 */
const ATTEMPTS = 4;
const BASE_DELAY_MS = 100;

/** Exponential backoff with jitter, so many clients refused at once do not return in step. */
function delayBefore(retry: number): number {
  const base = BASE_DELAY_MS * 2 ** (retry - 1);
  return base + Math.random() * base * 0.5;
}

/** Runs `work` again while it fails with a retryable ZuoraError; anything else is thrown at once. */
export async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof ZuoraError) || !error.retryable || attempt >= ATTEMPTS) throw error;
      await sleep(delayBefore(attempt));
    }
  }
}
