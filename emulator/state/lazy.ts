/**
 * The items `keep` accepts, read lazily (Node 20 has no iterator helpers): a page filters only as
 * far into `view.scan` as it reads.
 */
export function* filtered<T>(items: Iterable<T>, keep: (item: T) => boolean): Generator<T> {
  for (const item of items) if (keep(item)) yield item;
}
