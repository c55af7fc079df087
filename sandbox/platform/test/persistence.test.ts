import { kvs } from '@forge/kvs';
import { Queue } from '@forge/events';
import { APP, body, call, startFixture } from './sandbox-fixture';

it('keeps every record across close and reopen of the data file', async () => {
  const first = await startFixture();
  const { dataFile } = first;
  const s1 = first.sandbox;
  await kvs.set('esc:DEMO-1', { level: 2 });
  await call(s1, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', APP, { level: 2, dueAt: '2026-03-05T10:00:00Z' });
  await call(s1, 'PUT', `/rest/api/3/app/field/${s1.customFieldId('escalation-level')}/value`, APP, {
    updates: [{ issueIds: [10001], value: { level: 2 } }],
  });
  await call(s1, 'POST', '/rest/api/3/issue/DEMO-1/comment', APP, {
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }] },
  });
  await call(s1, 'POST', '/rest/api/3/issue/DEMO-1/notify', APP, { subject: 'kept', textBody: 'kept', to: { reporter: true } });
  await s1.runAs(APP, () => new Queue({ key: 'work' }).push({ body: { n: 99 }, delayInSeconds: 900 }));
  await s1.advanceClock(30 * 60_000);
  const before = s1.now().toISOString();
  await s1.close();

  const second = await startFixture({ dataFile, fresh: false });
  const s2 = second.sandbox;
  try {
    expect(s2.now().toISOString()).toBe(before);
    expect(await kvs.get('esc:DEMO-1')).toEqual({ level: 2 });
    expect(
      body<{ value: { level: number } }>(await call(s2, 'GET', '/rest/api/3/issue/DEMO-1/properties/escalation', APP)).value.level,
    ).toBe(2);
    const found = body<{ issues: { key: string }[] }>(
      await call(s2, 'POST', '/rest/api/3/search/jql', APP, {
        jql: 'escalationLevel = 2 AND "Escalation level".Level = 2',
        fields: ['key'],
      }),
    );
    expect(found.issues.map((i) => i.key)).toEqual(['DEMO-1']);
    expect(body<{ total: number }>(await call(s2, 'GET', '/rest/api/3/issue/DEMO-1/comment', APP)).total).toBe(1);
    expect(body<{ total: number }>(await call(s2, 'GET', '/rest/api/3/issue/DEMO-1/changelog', APP)).total).toBe(1);
    expect((await s2.outbox()).map((o) => o.subject)).toEqual(['kept']);
    expect(s2.users.map((u) => u.displayName)).toContain('Sam Service');
    // the hourly trigger's schedule and the delayed event survived
    const r = await s2.advanceClock(30 * 60_000);
    expect(r.firedTriggers).toEqual(['hourly-sweep']);
    expect(await kvs.get('worked:n-99')).toBeDefined();
  } finally {
    await second.cleanup();
  }
});
