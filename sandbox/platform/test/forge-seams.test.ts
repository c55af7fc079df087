import { asApp, asUser, route } from '@forge/api';
import { kvs, WhereConditions } from '@forge/kvs';
import { APP, as, startFixture, type Fixture } from './sandbox-fixture';
import { DEMO_USERS } from '../demo/seed-demo-jira';

/** The real @forge/api, @forge/kvs and @forge/resolver run against the sandbox seams. */
describe('Forge seams', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());

  const panelContext = (accountId: string) => ({
    accountId,
    cloudId: 'c',
    localId: 'local-1',
    locale: 'en-US' as const,
    timezone: 'Europe/Berlin',
    moduleKey: 'fixture-panel',
    siteUrl: 'https://sandbox.atlassian.net',
    extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1', id: '10001' }, project: { key: 'DEMO' } },
  });

  it('invokes a resolver with the Forge envelope; asUser acts as the invoking user', async () => {
    const result = await f.sandbox.invoke({
      moduleKey: 'fixture-panel',
      functionKey: 'whoAmI',
      payload: { a: 1 },
      context: panelContext(DEMO_USERS.klaus.accountId),
    });
    expect(result).toEqual({
      contextAccountId: DEMO_USERS.klaus.accountId,
      issueKey: 'DEMO-1',
      moduleKey: 'fixture-panel',
      localId: 'local-1',
      payload: { a: 1 },
      me: DEMO_USERS.klaus.accountId,
      name: 'Klaus Kunde',
    });
  });

  it('gives a user without Browse permission Jira 404 through asUser', async () => {
    const outsider = await f.sandbox.invoke({
      moduleKey: 'fixture-panel',
      functionKey: 'readIssueAsUser',
      payload: { key: 'DEMO-1' },
      context: panelContext(DEMO_USERS.otto.accountId),
    });
    expect(outsider).toEqual({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    });
    const member = (await f.sandbox.invoke({
      moduleKey: 'fixture-panel',
      functionKey: 'readIssueAsUser',
      payload: { key: 'DEMO-1' },
      context: panelContext(DEMO_USERS.sam.accountId),
    })) as { status: number };
    expect(member.status).toBe(200);
  });

  it('serves asApp().requestJira and refuses asUser() outside a user invocation', async () => {
    const res = await asApp().requestJira(route`/rest/api/3/issue/DEMO-2?fields=summary,status`);
    expect(res.status).toBe(200);
    const issue = (await res.json()) as { key: string; fields: { summary: string; status: { name: string } } };
    expect(issue.key).toBe('DEMO-2');
    expect(issue.fields.status.name).toBe('In Progress');
    await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toThrow(/Authentication Required/);
    const mine = await f.sandbox.runAs(
      as('erika'),
      async () => (await (await asUser().requestJira(route`/rest/api/3/myself`)).json()) as { displayName: string; locale: string },
    );
    expect(mine).toMatchObject({ displayName: 'Erika Executive', locale: 'en_US' });
  });

  it('fails loudly on a route the emulator does not implement', async () => {
    const res = await asApp().requestJira(route`/rest/api/3/dashboard`);
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('does not implement GET /rest/api/3/dashboard');
  });

  it('stores KVS values: get/set/delete, prefix queries with cursors, transactions with the 25-op limit', async () => {
    await kvs.set('esc:DEMO-1', { level: 1 });
    expect(await kvs.get('esc:DEMO-1')).toEqual({ level: 1 });
    expect(await kvs.get('esc:none')).toBeUndefined();
    for (let i = 0; i < 15; i++) await kvs.set(`q:${String(i).padStart(2, '0')}`, i);
    await kvs.set('r:other', 1);
    const page1 = await kvs.query().where('key', WhereConditions.beginsWith('q:')).limit(10).getMany();
    expect(page1.results.map((r) => r.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(page1.nextCursor).toBeDefined();
    const page2 = await kvs.query().where('key', WhereConditions.beginsWith('q:')).cursor(page1.nextCursor!).limit(10).getMany();
    expect(page2.results.map((r) => r.value)).toEqual([10, 11, 12, 13, 14]);
    expect(page2.nextCursor).toBeUndefined();
    await kvs.transact().set('tx:a', 1).set('tx:b', 2).delete('q:00').execute();
    expect(await kvs.get('tx:b')).toBe(2);
    expect(await kvs.get('q:00')).toBeUndefined();
    let tooBig = kvs.transact();
    for (let i = 0; i < 26; i++) tooBig = tooBig.set(`big:${i}`, i);
    // Forge documents no code for this: the answer is opaque (UNKNOWN_ERROR), its text says why.
    await expect(tooBig.execute()).rejects.toMatchObject({
      code: 'UNKNOWN_ERROR',
      context: { responseText: expect.stringMatching(/at most 25 operations/) as unknown },
    });
    expect(await kvs.get('big:0')).toBeUndefined();
    await kvs.delete('esc:DEMO-1');
    expect(await kvs.get('esc:DEMO-1')).toBeUndefined();
  });

  it('reads translations through @forge/api i18n', async () => {
    const t = await f.sandbox.invoke({
      moduleKey: 'fixture-panel',
      functionKey: 'translate',
      payload: {},
      context: panelContext(DEMO_USERS.sam.accountId),
    });
    expect(t).toBe('Eskalation');
  });

  it('times out functions past their Forge limit', async () => {
    await expect(f.sandbox.runFunction('slow', {}, APP)).rejects.toThrow(/timed out after 1 s/);
  });

  it('runs app code on simulated time', () => {
    expect(new Date().toISOString()).toBe(f.sandbox.now().toISOString());
  });
});
