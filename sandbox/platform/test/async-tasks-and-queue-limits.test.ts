import { kvs, WhereConditions } from '@forge/kvs';
import { Queue, RateLimitError } from '@forge/events';
import { APP, as, body, call, startFixture, type Fixture } from './sandbox-fixture';
import { TASK_DELAY_META_KEY } from '../jira/task-routes';

interface Task {
  id: string;
  self: string;
  status: string;
  message?: string;
  progress: number;
}

const multi = (issues: unknown) => ({ issues });
const property = (issueID: number, value: unknown = { level: 2, status: 'open' }) => ({ issueID, properties: { escalation: value } });

describe('Jira emulator: POST /rest/api/3/issue/properties/multi and its task', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.cleanup());

  async function submit(issues: unknown[], who = APP): Promise<string> {
    const res = await call(f.sandbox, 'POST', '/rest/api/3/issue/properties/multi', who, multi(issues));
    expect(res.status).toBe(303);
    expect(res.body).toBe('');
    const location = res.headers.location!;
    expect(location).toMatch(/\/rest\/api\/3\/task\/\d+$/);
    return location.slice(location.lastIndexOf('/') + 1);
  }
  const task = async (id: string, who = APP) => body<Task>(await call(f.sandbox, 'GET', `/rest/api/3/task/${id}`, who));
  const escalationOf = async (key: string) => {
    const res = await call(f.sandbox, 'GET', `/rest/api/3/issue/${key}/properties/escalation`, APP);
    return res.status === 200 ? body<{ value: unknown }>(res).value : undefined;
  };

  it('answers 303 with the task at once and writes later: the task is ENQUEUED until its time, then COMPLETE', async () => {
    f.sandbox.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(TASK_DELAY_META_KEY, '60000');
    const id = await submit([property(10001, { level: 3, status: 'open' }), property(10002)]);
    expect(await task(id)).toMatchObject({ id, status: 'ENQUEUED', progress: 0 });
    expect(await escalationOf('DEMO-1')).not.toEqual({ level: 3, status: 'open' });

    await f.sandbox.advanceClock(60_000);
    expect(await task(id)).toMatchObject({ id, status: 'COMPLETE', progress: 100 });
    expect(await escalationOf('DEMO-1')).toEqual({ level: 3, status: 'open' });
    // Indexed per the manifest's jira:entityProperty like a single PUT.
    const found = body<{ issues: { key: string }[] }>(
      await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: 'escalationLevel = 3', fields: ['key'] }),
    );
    expect(found.issues.map((i) => i.key)).toContain('DEMO-1');
  });

  it('refuses what the schema and the documented limits refuse: more than 100 issues or 10 properties, 32,768 characters', async () => {
    const refused = async (payload: unknown) => (await call(f.sandbox, 'POST', '/rest/api/3/issue/properties/multi', APP, payload)).status;
    expect(await refused(multi(Array.from({ length: 101 }, (_, i) => property(10001 + i))))).toBe(400);
    expect(await refused(multi([]))).toBe(400);
    expect(await refused({ issues: [property(10001)], extra: 1 })).toBe(400);
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, i]));
    expect(await refused(multi([{ issueID: 10001, properties: eleven }]))).toBe(400);
    expect(await refused(multi([property(10001, { s: 'x'.repeat(32_800) })]))).toBe(400);
    expect(await refused(multi([{ issueID: 'DEMO-1', properties: { escalation: 1 } }]))).toBe(400);
    // 100 issues is the most one request may carry.
    expect(await refused(multi(Array.from({ length: 100 }, (_, i) => property(10001 + i))))).toBe(303);
  });

  it('is not transactional: an issue that is not found is ignored, one the caller may not edit fails alone', async () => {
    // The client's groups keep Browse but lose Edit issues in DEMO.
    f.sandbox.db.prepare("DELETE FROM jira_project_permission WHERE permission = 'EDIT_ISSUES' AND holder LIKE 'client-%'").run();
    const permissions = body<{ permissions: Record<string, { havePermission: boolean }> }>(
      await call(f.sandbox, 'GET', '/rest/api/3/mypermissions?issueKey=DEMO-1&permissions=BROWSE_PROJECTS,EDIT_ISSUES', as('klaus')),
    ).permissions;
    expect([permissions.BROWSE_PROJECTS!.havePermission, permissions.EDIT_ISSUES!.havePermission]).toEqual([true, false]);

    const id = await submit([property(10001, { by: 'klaus' }), property(99_999_999, { by: 'klaus' })], as('klaus'));
    const done = await task(id, as('klaus'));
    expect(done.status).toBe('COMPLETE');
    expect(await escalationOf('DEMO-1')).not.toEqual({ by: 'klaus' });
    expect(done.message).toMatch(/10001/);
    expect(done.message).not.toMatch(/99999999/);

    const mine = await submit([property(10001, { by: 'app' }), property(99_999_999, { by: 'app' })]);
    expect(await task(mine)).toMatchObject({ status: 'COMPLETE' });
    expect((await task(mine)).message).toBeUndefined();
    expect(await escalationOf('DEMO-1')).toEqual({ by: 'app' });
  });

  it('shows a task only to its creator or an admin; an unknown task is 404', async () => {
    const id = await submit([property(10001)]);
    expect((await call(f.sandbox, 'GET', `/rest/api/3/task/${id}`, as('klaus'))).status).toBe(403);
    expect((await call(f.sandbox, 'GET', '/rest/api/3/task/987654', APP)).status).toBe(404);
  });

  it('the bulk app field update refuses the same field and issue twice in one request', async () => {
    const fieldId = f.sandbox.customFieldId('escalation-level');
    const res = await call(f.sandbox, 'POST', '/rest/api/3/app/field/value', APP, {
      updates: [
        { customField: fieldId, issueIds: [10001], value: { level: 1 } },
        { customField: fieldId, issueIds: [10001, 10002], value: { level: 2 } },
      ],
    });
    expect(res.status).toBe(400);
  });
});

describe('Forge async events: documented limits and concurrency', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => {
    f.sandbox.meter.setRealistic(undefined);
    return f.cleanup();
  });

  it('refuses more than 500 events pushed in one minute with a RateLimitError, and takes them the next minute', async () => {
    const queue = new Queue({ key: 'work' });
    const fifty = (from: number) => Array.from({ length: 50 }, (_, i) => ({ body: { n: from + i }, delayInSeconds: 900 }));
    await f.sandbox.runAs(APP, async () => {
      for (let i = 0; i < 10; i++) await queue.push(fifty(i * 50));
      await expect(queue.push({ body: { n: 501 } })).rejects.toBeInstanceOf(RateLimitError);
    });
    await f.sandbox.advanceClock(60_000);
    await f.sandbox.runAs(APP, () => queue.push({ body: { n: 501 } }));
  });

  it('runs a queue’s events at once, but at most `concurrency.limit` of one key at a time', async () => {
    f.sandbox.meter.setRealistic({});
    const queue = new Queue({ key: 'work' });
    await f.sandbox.runAs(APP, () =>
      queue.push([
        ...[1, 2, 3, 4].map((n) => ({ body: { n, kind: 'keyed' }, concurrency: { key: 'k', limit: 2 } })),
        ...[5, 6].map((n) => ({ body: { n, kind: 'free' } })),
      ]),
    );
    const startedAt = f.sandbox.now().getTime();
    await f.sandbox.deliverDue();
    const worked = await f.sandbox.runAs(APP, () =>
      kvs.query().where('key', WhereConditions.beginsWith('worked:')).getMany<{ at: string }>(),
    );
    const at = (n: number, kind: string) => Date.parse(worked.results.find((r) => r.key === `worked:n-${n}.kind-${kind}`)!.value.at);
    // Unkeyed events and the first two keyed ones start together; the other two wait for a free slot.
    for (const [n, kind] of [
      [1, 'keyed'],
      [2, 'keyed'],
      [5, 'free'],
      [6, 'free'],
    ] as const)
      expect(at(n, kind)).toBe(startedAt);
    expect(at(3, 'keyed')).toBeGreaterThan(startedAt);
    expect(at(4, 'keyed')).toBeGreaterThan(startedAt);
  });

  it('runs each concurrency slot on its own timeline: one consumer’s wait holds up only its own slot', async () => {
    f.sandbox.meter.setRealistic({});
    const queue = new Queue({ key: 'work' });
    const keyed = (n: number, waitSeconds?: number) => ({
      body: { n, ...(waitSeconds ? { waitSeconds } : {}) },
      concurrency: { key: 'k', limit: 2 },
    });
    await f.sandbox.runAs(APP, () => queue.push([keyed(1, 30), keyed(2), keyed(3), keyed(4)]));
    const startedAt = f.sandbox.now().getTime();
    await f.sandbox.deliverDue();
    const worked = await f.sandbox.runAs(APP, () =>
      kvs.query().where('key', WhereConditions.beginsWith('worked:')).getMany<{ at: string }>(),
    );
    const at = (key: string) => Date.parse(worked.results.find((r) => r.key === key)!.value.at) - startedAt;
    // Event 1 waits 30 s in its slot; the other slot goes on with 2 and 4 meanwhile (40 ms a write).
    expect(at('worked:n-1.waitSeconds-30')).toBe(30_000);
    expect(at('worked:n-2')).toBe(0);
    expect(at('worked:n-4')).toBeLessThan(1_000);
    expect(at('worked:n-3')).toBeGreaterThanOrEqual(30_000);
    // Afterwards the sandbox clock stands where the last slot ended.
    expect(f.sandbox.now().getTime() - startedAt).toBeGreaterThanOrEqual(30_040);
  });

  it('counts every slot’s storage writes in the installation’s quota for the minute', async () => {
    f.sandbox.meter.setRealistic({ storageWriteUnitsPerMinute: 3 });
    const queue = new Queue({ key: 'work' });
    await f.sandbox.runAs(APP, () => queue.push([1, 2, 3, 4].map((n) => ({ body: { n }, concurrency: { key: 'k', limit: 4 } }))));
    expect(await f.sandbox.deliverDue()).toBe(3);
    // Four slots side by side, each one write within the same minute: the fourth is refused, and its event retried.
    expect(f.sandbox.meter.snapshot().throttled.storage).toBe(1);
    expect(f.sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'pending' AND attempts = 1").get()).toEqual({ n: 1 });
  });
});
