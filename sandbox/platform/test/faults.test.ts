import { asApp, route } from '@forge/api';
import { APP, startFixture, type Fixture } from './sandbox-fixture';

describe('fault injection and request log', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());
  beforeEach(() => {
    f.sandbox.faults.clear();
    f.sandbox.requestLog.reset();
  });

  const statuses = async (n: number) => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await asApp().requestJira(route`/rest/api/3/issue/DEMO-1/properties`)).status);
    return out;
  };

  it('injects 429 with Retry-After deterministically for a seed', async () => {
    f.sandbox.faults.set({
      route: 'GET /rest/api/3/issue/{issueIdOrKey}/properties',
      rate: 0.5,
      kind: '429',
      retryAfterSeconds: 7,
      seed: 42,
    });
    const a = await statuses(20);
    f.sandbox.faults.clear();
    f.sandbox.faults.set({ route: /\/properties$/, rate: 0.5, kind: '429', retryAfterSeconds: 7, seed: 42 });
    const b = await statuses(20);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    const res = await asApp().requestJira(route`/rest/api/3/issue/DEMO-1/properties`);
    if (res.status === 429) expect(res.headers.get('retry-after')).toBe('7');
    expect(f.sandbox.requestLog.count('GET /rest/api/3/issue/{issueIdOrKey}/properties')).toBe(41);
  });

  it('injects 5xx a limited number of times and slow responses', async () => {
    f.sandbox.faults.set({ route: /^GET /, rate: 1, kind: '503', times: 2 });
    expect(await statuses(3)).toEqual([503, 503, 200]);
    f.sandbox.faults.set({ route: /properties/, rate: 1, kind: 'slow', delayMs: 150 });
    // The injected latency is a timer of delayMs before the answer (checked on the timer, not the wall clock).
    const timer = jest.spyOn(global, 'setTimeout');
    try {
      expect(await statuses(1)).toEqual([200]);
      expect(timer.mock.calls.filter(([, ms]) => ms === 150)).toHaveLength(1);
    } finally {
      timer.mockRestore();
    }
    expect(f.sandbox.requestLog.recent(10).filter((r) => r.faulted)).toHaveLength(3);
    expect(f.sandbox.requestLog.count()).toBe(4);
    void APP;
  });
});
