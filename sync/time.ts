/** Where the platform's clock comes from: the wall clock, or an emulator tenant's virtual clock. */
export interface TimeSource {
  now(): Promise<Date>;
}

export const wallClock: TimeSource = { now: async () => new Date() };
