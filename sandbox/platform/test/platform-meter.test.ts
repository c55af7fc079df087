import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { APP, startFixture, type Fixture } from './sandbox-fixture';

/** The meter counts every call per kind; the realistic mode adds latency, quotas and time limits in simulated time. */
describe('platform meter', () => {
  let fx: Fixture;
  beforeEach(async () => {
    fx = await startFixture();
  });
  afterEach(async () => {
    await fx.cleanup();
  });

  it('counts storage reads, writes and queue pushes per kind, without latency in the ordinary mode', async () => {
    const before = fx.sandbox.now().getTime();
    fx.sandbox.meter.reset();
    await fx.sandbox.runFunction('sweep', {}, APP);
    const snap = fx.sandbox.meter.snapshot();
    expect(snap.totals).toMatchObject({ storageRead: 1, storageWrite: 2, storageQuery: 0, queue: 1, jira: 0, storage: 3, total: 4 });
    expect(snap.byKind.function).toMatchObject({ count: 1, maxCriticalPathMs: 0 });
    expect(fx.sandbox.now().getTime()).toBe(before);
  });

  it('charges each call its simulated latency: the critical path and the clock move, nothing waits in real time', async () => {
    fx.sandbox.meter.setRealistic({});
    const before = fx.sandbox.now().getTime();
    await fx.sandbox.runFunction('sweep', {}, APP);
    // get, set, set, push: four sequential calls at 40 ms each.
    expect(fx.sandbox.meter.snapshot().byKind.function!.maxCriticalPathMs).toBe(160);
    expect(fx.sandbox.now().getTime()).toBe(before + 160);
    // Parallel calls overlap: five reads at once cost one latency.
    const parallel = await fx.sandbox.runAs(APP, async () => {
      const t0 = Date.now();
      await Promise.all([1, 2, 3, 4, 5].map((i) => kvs.get(`k${i}`)));
      return Date.now() - t0;
    });
    expect(parallel).toBe(40);
    // A 10 s wait inside an invocation passes in simulated time: the sandbox clock moves by exactly that.
    const beforeWait = fx.sandbox.now().getTime();
    const remaining = await fx.sandbox.runAs(APP, async () => {
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      return (
        globalThis as { __forge_runtime__?: { lambdaContext: { getRemainingTimeInMillis(): number } } }
      ).__forge_runtime__!.lambdaContext.getRemainingTimeInMillis();
    });
    expect(remaining).toBe(15_000);
    expect(fx.sandbox.now().getTime() - beforeWait).toBe(10_000);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED once the minute’s storage writes are spent, and again after the minute', async () => {
    fx.sandbox.meter.setRealistic({ storageWriteUnitsPerMinute: 3 });
    const error = await fx.sandbox.runAs(APP, async () => {
      await kvs.set('a', 1);
      await kvs.set('c', 'x'.repeat(15 * 1024)); // two 10 KB units
      return kvs.set('d', 4).then(
        () => undefined,
        (e: unknown) => e,
      );
    });
    expect(error).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } });
    await fx.sandbox.advanceClock(60_000);
    await fx.sandbox.runAs(APP, () => kvs.set('d', 4));
    expect(fx.sandbox.meter.snapshot().throttled.storage).toBe(1);
  });

  it('answers 429 RATE_LIMIT_EXCEEDED past 45 batch operations a minute, counting batchSet, batchGet and batchDelete together', async () => {
    fx.sandbox.meter.setRealistic({});
    const outcome = await fx.sandbox.runAs(APP, async () => {
      await kvs.batchSet([{ key: 'b1', value: 1 }]);
      for (let i = 0; i < 43; i++) await kvs.batchGet([{ key: 'b1' }]);
      await kvs.batchDelete([{ key: 'b1' }]); // the 45th
      const refused = await kvs.batchGet([{ key: 'b1' }]).then(
        () => undefined,
        (e: unknown) => e,
      );
      // Other storage calls are not batch operations: the quota of 4,000 units a minute still has room.
      await kvs.set('plain', 1);
      return { refused, plain: await kvs.get('plain') };
    });
    expect(outcome.refused).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', responseDetails: { status: 429 } });
    expect(outcome.plain).toBe(1);
    // 46 calls at 40 ms: all within the first simulated minute. The next minute has 45 again.
    await fx.sandbox.advanceClock(60_000);
    await fx.sandbox.runAs(APP, () => kvs.batchGet([{ key: 'b1' }]));
    expect(fx.sandbox.meter.snapshot()).toMatchObject({
      throttled: { storage: 1, batch: 1 },
      batchOperations: { total: 46, maxPerMinute: 45 },
    });
  });

  it('answers 429 with Retry-After once the hour’s Jira points are spent', async () => {
    fx.sandbox.meter.setRealistic({ jiraPointsPerHour: 2 });
    const statuses = await fx.sandbox.runAs(APP, async () => {
      const out: { status: number; retryAfter: string | null; reason: string | null; quota: string | null; near: string | null }[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await asApp().requestJira(route`/rest/api/3/myself`);
        out.push({
          status: r.status,
          retryAfter: r.headers.get('retry-after'),
          reason: r.headers.get('ratelimit-reason'),
          quota: r.headers.get('beta-ratelimit'),
          near: r.headers.get('x-ratelimit-nearlimit'),
        });
      }
      return out;
    });
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]!.retryAfter)).toBeGreaterThan(0);
    // Which limit refused it; before that, the seconds to the reset, and the points left once under 20 %.
    expect(statuses[2]!.reason).toBe('jira-quota-tenant-based');
    expect(statuses[0]!.quota).toMatch(/^"tenant-app-quota";t=\d+$/);
    expect(statuses[0]!.near).toBeNull();
    expect(statuses[1]!.quota).toMatch(/^"tenant-app-quota";r=0;t=\d+$/);
    expect(statuses[1]!.near).toBe('true');
  });

  it('ends an invocation whose simulated time passes its limit (25 s for a resolver or trigger)', async () => {
    fx.sandbox.meter.setRealistic({ latencyMs: { storage: 1_000 } });
    const calls = fx.sandbox.runAs(APP, async () => {
      for (let i = 0; i < 30; i++) await kvs.get('k');
    });
    await expect(calls).rejects.toMatchObject({ code: 'FUNCTION_TIME_OUT' });
    expect(fx.sandbox.meter.snapshot().byKind.runAs).toMatchObject({ timedOut: 1, limitMs: 25_000 });
  });
});
