/**
 * `fn` over every item with at most `limit` calls in flight at once, results in the items' order. Keeps a
 * many-page read (a report's comments) from sending every page at the same moment: Jira limits bursts per
 * second as well as points per hour, and each answer held at once costs memory.
 *
 * @example await boundedParallel([0, 100, 200], 5, (startAt) => client.getCommentsPage(key, { startAt })) // three pages
 */
export async function boundedParallel<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
