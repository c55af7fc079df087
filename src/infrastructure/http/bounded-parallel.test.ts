import { boundedParallel } from './bounded-parallel';

describe('boundedParallel', () => {
  it('never has more than the limit in flight, and keeps the order of the items', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 23 }, (_, i) => i);
    const results = await boundedParallel(items, 5, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Later items finish first, so the order of the results must come from the items, not from completion.
      await new Promise((resolve) => setTimeout(resolve, (23 - i) % 4));
      inFlight--;
      return i * 2;
    });
    expect(most).toBe(5);
    expect(results).toEqual(items.map((i) => i * 2));
  });

  it('passes a failure on and refuses a limit below one', async () => {
    await expect(boundedParallel([1, 2, 3], 2, (i) => (i === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(i)))).rejects.toThrow(
      'boom',
    );
    await expect(boundedParallel([1], 0, (i) => Promise.resolve(i))).rejects.toThrow(RangeError);
    expect(await boundedParallel([], 5, (i: number) => Promise.resolve(i))).toEqual([]);
  });
});
