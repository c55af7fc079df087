import { WhereConditions } from '@forge/kvs';
import { kvs, STORAGE_RETRY, withStorageWaitsEndingBy } from './rate-limited-kvs';

/** Forge storage's quota answer (storage-reference/handling-errors-kvs). */
const throttled = () =>
  new Response(JSON.stringify({ code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' }), {
    status: 429,
    headers: { 'content-type': 'application/json' },
  });

type Fetch = (proxy: unknown, path: string, init?: RequestInit) => Promise<Response>;
const g = globalThis as unknown as { __forge_fetch__?: Fetch };

describe('rate-limited kvs', () => {
  const calls: { path: string; body: unknown }[] = [];
  let refuse = 0;
  let answer: (path: string) => Response;
  const saved = { ...STORAGE_RETRY };

  beforeAll(() => {
    Object.assign(STORAGE_RETRY, { firstWaitMs: 1, maxWaitMs: 4, maxTotalWaitMs: 50 });
    g.__forge_fetch__ = (_proxy, path, init) => {
      calls.push({ path, body: JSON.parse(typeof init?.body === 'string' ? init.body : 'null') as unknown });
      if (refuse > 0) {
        refuse--;
        return Promise.resolve(throttled());
      }
      return Promise.resolve(answer(path));
    };
  });
  afterAll(() => {
    Object.assign(STORAGE_RETRY, saved);
    delete g.__forge_fetch__;
  });
  beforeEach(() => {
    calls.length = 0;
    refuse = 0;
    answer = () => new Response(null, { status: 204 });
  });

  it('repeats a write that Forge refused over quota, until it goes through', async () => {
    refuse = 2;
    await kvs.set('claim:1', { state: 'sent' });
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/set', '/api/v1/set', '/api/v1/set']);
    expect(calls[2]!.body).toEqual({ key: 'claim:1', value: { state: 'sent' } });
  });

  it('waits no longer than a caller allows: a wait past its deadline gives the refusal to the caller at once', async () => {
    refuse = 1;
    // Waits here are 1 to 4 ms: a deadline that has passed allows none.
    await expect(withStorageWaitsEndingBy(Date.now() - 1, () => kvs.set('claim:2', 1))).rejects.toMatchObject({
      code: 'RATE_LIMIT_EXCEEDED',
    });
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/set']);
    refuse = 1;
    await withStorageWaitsEndingBy(Date.now() + 60_000, () => kvs.set('claim:2', 1));
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/set', '/api/v1/set', '/api/v1/set']);
  });

  it('repeats the terminal call of a builder: a query page, a transaction', async () => {
    refuse = 1;
    answer = (path) =>
      path === '/api/v1/query'
        ? new Response(JSON.stringify({ data: [{ key: 'a:1', value: 1 }] }), { status: 200 })
        : new Response(null, { status: 204 });
    const page = await kvs.query().where('key', WhereConditions.beginsWith('a:')).limit(20).getMany();
    expect(page.results).toEqual([{ key: 'a:1', value: 1 }]);
    refuse = 1;
    await kvs.transact().set('x', 1).set('y', 2).execute();
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/query', '/api/v1/query', '/api/v1/transaction', '/api/v1/transaction']);
    expect(calls[3]!.body).toEqual(calls[2]!.body);
  });

  it('gives the error to the caller once the total wait is spent', async () => {
    refuse = 1_000;
    await expect(kvs.get('k')).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' });
    expect(calls.length).toBeGreaterThan(2);
  });

  it('does not repeat other errors', async () => {
    answer = () => new Response(JSON.stringify({ code: 'MAX_SIZE', message: 'too big' }), { status: 400 });
    await expect(kvs.set('k', 1)).rejects.toMatchObject({ code: 'MAX_SIZE' });
    expect(calls).toHaveLength(1);
  });
});
