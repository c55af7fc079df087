import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { startFixture, START, type Fixture } from './sandbox-fixture';

/** The Custom Entity Store through the real `@forge/kvs` client: paths, bodies, limits and error codes as Forge answers. */
describe('sandbox custom entities', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.cleanup());

  const things = () => kvs.entity<{ kind: string; count: number; ratio?: number; done?: boolean; extra?: unknown }>('fixture-thing');

  it('stores, reads and deletes items of a declared entity, persisted in the sandbox file', async () => {
    await things().set('a', { kind: 'x', count: 3, ratio: 0.5, done: true, extra: { any: ['thing'] } });
    expect(await things().get('a')).toEqual({ kind: 'x', count: 3, ratio: 0.5, done: true, extra: { any: ['thing'] } });
    const { dataFile } = f;
    await f.sandbox.close();
    const again = await startFixture({ dataFile, fresh: false });
    try {
      expect(await things().get('a')).toMatchObject({ count: 3 });
      await things().delete('a');
      expect(await things().get('a')).toBeUndefined();
    } finally {
      await again.sandbox.close();
    }
    f = { ...f, cleanup: () => Promise.resolve(rmSync(dirname(dataFile), { recursive: true, force: true })) };
  });

  it('pages a range query at the documented cap of 100, oldest first, with a cursor that survives changes between pages', async () => {
    for (let i = 0; i < 250; i++) await things().set(`k${String(i).padStart(3, '0')}`, { kind: i % 2 ? 'odd' : 'even', count: 1000 - i });
    f.sandbox.kvsLog.reset();
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      let q = things().query().index('count').where(WhereConditions.lessThanEqualTo(900)).sort(Sort.ASC).limit(100);
      if (cursor) q = q.cursor(cursor);
      const page = await q.getMany();
      seen.push(...page.results.map((r) => r.value.count));
      cursor = page.nextCursor;
      pages++;
      // Items already returned change meanwhile: the cursor is a position, not an offset.
      if (pages === 1) await things().delete('k249');
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(150);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(751);
    expect(f.sandbox.kvsLog.counts()['/api/v1/entity/query']).toBe(2);

    await expect(things().query().index('count').limit(101).getMany()).rejects.toMatchObject({
      code: 'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
      responseDetails: { status: 400 },
    });
    // Without a limit Forge returns 10.
    expect((await things().query().index('count').getMany()).results).toHaveLength(10);
  });

  it('orders equal range values by key, sorts descending, matches partitions, between and filters', async () => {
    await things().set('b', { kind: 'x', count: 5 });
    await things().set('a', { kind: 'x', count: 5 });
    await things().set('c', { kind: 'y', count: 1 });
    await things().set('d', { kind: 'x', count: 9, done: true });
    const keys = async (q: { getMany(): Promise<{ results: { key: string }[] }> }) => (await q.getMany()).results.map((r) => r.key);
    expect(await keys(things().query().index('count').where(WhereConditions.between(1, 5)))).toEqual(['c', 'a', 'b']);
    expect(await keys(things().query().index('count').sort(Sort.DESC))).toEqual(['d', 'b', 'a', 'c']);
    expect(
      await keys(
        things()
          .query()
          .index('by-kind-count', { partition: ['x'] })
          .where(WhereConditions.greaterThan(5)),
      ),
    ).toEqual(['d']);
    const done = new Filter<{ done?: boolean }>().and('done', FilterConditions.equalTo(true));
    expect(
      await keys(
        things()
          .query()
          .index('by-kind-count', { partition: ['x'] })
          .filters(done),
      ),
    ).toEqual(['d']);
    // A partitioned index needs its partition value.
    await expect(things().query().index('by-kind-count').getMany()).rejects.toMatchObject({ code: 'INVALID_ENTITY_INDEX' });
  });

  it('refuses unknown entities and indexes, wrong attribute types, out-of-range integers and oversized values', async () => {
    await expect(kvs.entity('not-declared').set('a', { x: 1 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
    await expect(kvs.entity('not-declared').query().index('x').getMany()).rejects.toMatchObject({ code: 'INVALID_ENTITY_TYPE' });
    await expect(things().query().index('by-nothing').getMany()).rejects.toMatchObject({ code: 'INVALID_ENTITY_INDEX' });
    await expect(things().set('a', { kind: 'x', count: 2_147_483_648 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(things().set('a', { kind: 'x', count: 1.5 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(things().set('a', { kind: 3 as unknown as string, count: 1 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(things().set('a', { kind: 'x', count: 1, ratio: 1e-200 })).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(things().set('a', { kind: 'x', count: 1, unknown: 1 } as never)).rejects.toMatchObject({ code: 'INVALID_ENTITY_VALUE' });
    await expect(things().set('a', { kind: 'x', count: 1, extra: 'y'.repeat(250 * 1024) })).rejects.toMatchObject({ code: 'MAX_SIZE' });
    await expect(things().set('bad/key', { kind: 'x', count: 1 })).rejects.toMatchObject({ code: 'INVALID_KEY' });
    await expect(
      things()
        .query()
        .index('count')
        .where({ condition: 'BETWEEN', values: [1] } as never)
        .getMany(),
    ).rejects.toMatchObject({
      code: 'INSUFFICIENT_FILTER_VALUES',
    });
    expect(await things().get('a')).toBeUndefined();
    expect(new Date().toISOString()).toBe(START);
  });

  it("transactions: an entity condition guards every write of the transaction, all or nothing, within Forge's limits", async () => {
    const atMost = (n: number) =>
      new Filter<{ count: number }>().or('count', FilterConditions.notExists()).or('count', FilterConditions.lessThanEqualTo(n));
    // No item yet: "not exists" holds, the first writer creates it with its plain keys.
    await kvs
      .transact()
      .set('log:1', 'first')
      .set('head', { kind: 'h', count: 1 }, { entityName: 'fixture-thing', conditions: atMost(0) })
      .execute();
    // A second writer that read the same (empty) log: the head moved past it, nothing of its transaction is written.
    await expect(
      kvs
        .transact()
        .set('log:1', 'second')
        .set('head', { kind: 'h', count: 1 }, { entityName: 'fixture-thing', conditions: atMost(0) })
        .execute(),
    ).rejects.toMatchObject({ responseDetails: { status: 409 } });
    expect(await kvs.get('log:1')).toBe('first');
    expect(await things().get('head')).toEqual({ kind: 'h', count: 1 });
    // Create-only plain keys do not exist in a transaction (a set takes a TTL only).
    await expect(
      kvs
        .transact()
        .set('log:2', 'x', undefined, { keyPolicy: 'FAIL_IF_EXISTS' } as never)
        .execute(),
    ).rejects.toMatchObject({
      responseDetails: { status: 400 },
    });
    // 25 operations at most, the same key once, a payload of 4 MB at most.
    let many = kvs.transact();
    for (let i = 0; i < 26; i++) many = many.set(`m:${i}`, i);
    await expect(many.execute()).rejects.toMatchObject({ responseDetails: { status: 400 } });
    await expect(kvs.transact().set('d', 1).set('d', 2).execute()).rejects.toMatchObject({ responseDetails: { status: 400 } });
    let large = kvs.transact();
    for (let i = 0; i < 20; i++) large = large.set(`big:${i}`, 'z'.repeat(230 * 1024));
    await expect(large.execute()).rejects.toMatchObject({ responseDetails: { status: 400 } });
    expect(await kvs.get('m:0')).toBeUndefined();
    expect(await kvs.get('big:0')).toBeUndefined();
  });
});
