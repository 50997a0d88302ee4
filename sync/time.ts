/** Where the platform's clock comes from: the wall clock, or an emulator tenant's virtual clock. */
export interface TimeSource {
  now(): Promise<Date>;
}

export const wallClock: TimeSource = { now: async () => new Date() };

/**
 * The clock read once, on first use, then that instant again: what one request to the engine does
 * happens at one instant (an emulator's clock, read over HTTP, is asked once per request). A failed
 * read is not kept, so the next use asks again.
 */
export function readOnce(time: TimeSource): TimeSource {
  let reading: Promise<Date> | undefined;
  return {
    async now() {
      reading ??= time.now().catch((error: unknown) => {
        reading = undefined;
        throw error;
      });
      return new Date(await reading);
    },
  };
}
