/** Mulberry32: a tiny seeded PRNG, so every fuzz input is a pure function of (seed, index). */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for input `index` of a run seeded `seed`: neighbouring indexes get unrelated streams. */
export function deriveSeed(seed: number, index: number): number {
  return Math.floor(mulberry32(Math.imul(seed, 100_003) + index)() * 2 ** 31);
}

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}
