/**
 * A function of a name, with its answers kept: for names the code asks about over and over (record
 * field names, callout URLs), where working the answer out each time showed in profiles. Past
 * `limit` answers the map starts over, so names that never repeat cannot grow memory.
 */
export function keptAnswers<T extends NonNullable<unknown> | null>(compute: (name: string) => T, limit: number): (name: string) => T {
  const kept = new Map<string, T>();
  return (name) => {
    const known = kept.get(name);
    if (known !== undefined) return known;
    const answer = compute(name);
    if (kept.size >= limit) kept.clear();
    kept.set(name, answer);
    return answer;
  };
}
