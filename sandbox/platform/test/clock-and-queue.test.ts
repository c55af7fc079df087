import { kvs, WhereConditions } from '@forge/kvs';
import { Queue } from '@forge/events';
import { APP, as, call, startFixture, START, type Fixture } from './sandbox-fixture';

const HOUR = 3_600_000;
const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('simulated clock, scheduled triggers, queue and product events', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.cleanup());

  it('fires hourly triggers in order on simulated time and delivers queued events, delayed ones later', async () => {
    const r = await f.sandbox.advanceClock(2 * HOUR);
    expect(r.firedTriggers).toEqual(['hourly-sweep', 'hourly-sweep']);
    expect(r.now).toBe(new Date(Date.parse(START) + 2 * HOUR).toISOString());
    expect(new Date().toISOString()).toBe(r.now);
    // 2 immediate + the first delayed (10 min after the first run)
    expect(r.deliveredEvents).toBe(3);
    expect(await kvs.get('sweep:count')).toBe(2);
    const runs = await kvs.query().where('key', WhereConditions.beginsWith('sweep:at:')).getMany();
    expect(runs.results.map((x) => x.value)).toEqual([
      new Date(Date.parse(START) + HOUR).toISOString(),
      new Date(Date.parse(START) + 2 * HOUR).toISOString(),
    ]);
    const delayed = await f.sandbox.advanceClock(10 * 60_000);
    expect(delayed.deliveredEvents).toBe(1);
    expect(await kvs.get('worked:n-2.delayed-true')).toMatchObject({ at: new Date(Date.parse(START) + 2 * HOUR + 600_000).toISOString() });
  });

  it('does not retry a failed scheduled run', async () => {
    const r = await f.sandbox.advanceClock(24 * HOUR);
    expect(r.firedTriggers.filter((t) => t === 'daily-report')).toHaveLength(1);
    const runs = f.sandbox.db.prepare("SELECT ok FROM function_run WHERE module_key = 'daily-report'").all();
    expect(runs).toEqual([{ ok: 0 }]);
  });

  it('retries consumer events that throw or return InvocationError', async () => {
    await f.sandbox.runAs(APP, () =>
      new Queue({ key: 'work' }).push([{ body: { failOnce: 'yes' } }, { body: { retryVia: 'invocationError' } }]),
    );
    const first = await f.sandbox.advanceClock(0);
    expect(first.deliveredEvents).toBe(0);
    await f.sandbox.advanceClock(60_000);
    expect(await kvs.get('worked:failOnce-yes')).toMatchObject({ retry: 1 });
    expect(await kvs.get('worked:retryVia-invocationError')).toMatchObject({ retry: 1 });
    await expect(new Queue({ key: 'nobody-listens' }).push({ body: {} })).rejects.toThrow(/No consumer/);
  });

  it('fires product events (commented) to the manifest trigger', async () => {
    await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-1/comment', as('klaus'), { body: adf('Wir eskalieren.') });
    await f.sandbox.advanceClock(0);
    const hits = await kvs.query().where('key', WhereConditions.beginsWith('commented:DEMO-1:')).getMany();
    expect(hits.results).toHaveLength(1);
    expect(hits.results[0]!.value).toEqual({ by: '712020:klaus-kunde' });
  });
});
