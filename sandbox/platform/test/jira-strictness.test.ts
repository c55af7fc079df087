import { APP, as, body, call, startFixture, type Fixture } from './sandbox-fixture';
import { DEMO_USERS } from '../demo/seed-demo-jira';

/**
 * The sandbox answers like Jira where Jira refuses: each case here was once answered more kindly, which
 * would have hidden a production bug. Sources are cited next to each limit in the route code.
 */
interface SearchPage {
  issues: { id: string; key: string }[];
  isLast: boolean;
  nextPageToken?: string;
}
interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

describe('Jira emulator strictness', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());

  const search = (jql: string, extra: Record<string, unknown> = {}, who = APP) =>
    call(f.sandbox, 'POST', '/rest/api/3/search/jql', who, { jql, fields: ['key'], maxResults: 100, ...extra });
  const keys = async (jql: string) => {
    const res = await search(jql);
    if (res.status !== 200) throw new Error(`${jql}: ${res.status} ${res.body}`);
    return body<SearchPage>(res).issues.map((i) => i.key);
  };
  const refusal = async (jql: string) => {
    const res = await search(jql);
    expect(res.status).toBe(400);
    const b = body<ErrorCollection>(res);
    // ErrorCollection, as the OpenAPI document gives for 400 answers.
    expect(Object.keys(b).sort()).toEqual(['errorMessages', 'errors']);
    expect(b.errors).toEqual({});
    return b.errorMessages;
  };

  describe('JQL values Jira validates', () => {
    it('refuses an unknown priority name, also inside IN and with !=', async () => {
      expect(await refusal('priority = Critical')).toEqual(["The value 'Critical' does not exist for the field 'priority'."]);
      expect(await refusal('priority in ("Highest", "Critcal") AND project = DEMO')).toEqual([
        "The value 'Critcal' does not exist for the field 'priority'.",
      ]);
      expect(await refusal('priority != Blocker')).toEqual(["The value 'Blocker' does not exist for the field 'priority'."]);
      // Known names compare case-insensitively, as in Jira.
      expect(await keys('priority in (highest, HIGH) AND key = DEMO-1')).toEqual(['DEMO-1']);
    });

    it('refuses unknown status names and project keys', async () => {
      expect(await refusal('status = "Waiting for Godot"')).toEqual([
        "The value 'Waiting for Godot' does not exist for the field 'status'.",
      ]);
      expect(await refusal('project = NOPE')).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
      expect(await keys('status = "to do" AND project = demo ORDER BY key')).toEqual(['DEMO-3', 'DEMO-6']);
    });

    it('refuses unknown fields and search aliases with Jira message', async () => {
      expect(await refusal('escalationStatuss = open')).toEqual([
        "Field 'escalationStatuss' does not exist or you do not have permission to view it.",
      ]);
      expect(await refusal('"No such field" = 1')).toEqual([
        "Field 'No such field' does not exist or you do not have permission to view it.",
      ]);
    });

    it('refuses unknown functions, and tells unsupported Jira functions apart', async () => {
      expect(await refusal('assignee = currentUsr()')).toEqual(["Unable to find JQL function 'currentUsr()'."]);
      expect(await refusal('updated >= startOfWeek()')).toEqual([expect.stringMatching(/unsupported by the sandbox/)]);
    });

    it('refuses date literals outside the JQL formats (ISO with T, seconds, impossible dates)', async () => {
      for (const bad of ['"2026-03-05T10:00"', '"2026-03-05T10:00:00.000Z"', '"2026-02-30"', '"05.03.2026"', '"yesterday"']) {
        const [message] = await refusal(`updated >= ${bad}`);
        expect(message).toMatch(/^Date value '.+' for field 'updated' is invalid\. Valid formats include: 'yyyy\/MM\/dd HH:mm'/);
      }
      for (const good of [
        '"2026-03-05 10:00"',
        '"2026/03/05 10:00"',
        '"2026-03-05"',
        '"2026/03/05"',
        '"-1d"',
        '"-4w 2d"',
        '-15',
        '1772697600000',
      ]) {
        expect((await search(`updated >= ${good} AND project = DEMO`)).status).toBe(200);
      }
    });

    it('refuses an ORDER BY with more than 7 fields', async () => {
      const order = 'key, created, updated, priority, status, project, escalationLevel, escalationDueAt';
      expect((await refusal(`project = DEMO ORDER BY ${order}`))[0]).toMatch(/maximum of 7 fields/);
      expect((await search(`project = DEMO ORDER BY ${order.split(', ').slice(0, 7).join(', ')}`)).status).toBe(200);
    });
  });

  describe('indexed entity property dates', () => {
    it('indexes only the documented date formats; other values are stored but not searchable', async () => {
      const put = (key: string, dueAt: unknown) =>
        call(f.sandbox, 'PUT', `/rest/api/3/issue/${key}/properties/escalation`, APP, { level: 1, dueAt, party: 'client' });
      // Jira does not validate a property against the index when it is written.
      expect((await put('DEMO-1', '2026-03-05T10:00:00.000Z')).status).toBe(201);
      expect((await put('DEMO-2', '2026-03-05T10:00Z')).status).toBe(201);
      expect((await put('DEMO-3', '2026-03-05T11:00+01:00')).status).toBe(201);
      expect((await put('DEMO-4', '2026-03-05')).status).toBe(201);
      expect((await put('DEMO-5', 1772704800000)).status).toBe(201);
      expect((await put('DEMO-6', '2026-03-05T10:00:30Z')).status).toBe(201);
      expect(
        body<{ value: { dueAt: string } }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/properties/escalation', APP)).value.dueAt,
      ).toBe('2026-03-05T10:00:00.000Z');
      expect(await keys('escalationDueAt <= "2026-03-05 10:00" ORDER BY key')).toEqual(['DEMO-2', 'DEMO-3', 'DEMO-4']);
      expect(await keys('escalationDueAt IS EMPTY AND project = DEMO ORDER BY key')).toEqual(['DEMO-1', 'DEMO-5', 'DEMO-6']);
      // Compared as instants, not strings: 11:00+01:00 is 10:00Z.
      expect(await keys('escalationDueAt >= "2026-03-05 10:00" ORDER BY escalationDueAt DESC, key')).toEqual(['DEMO-2', 'DEMO-3']);
    });
  });

  describe('the JQL the app sends', () => {
    // The manifest of the app (not the fixture) declares escalationStatus / escalationCheckAt; the fixture's
    // aliases stand in with the same types: party (string), dueAt (date), level (number).
    it('sweep: string equality on an alias, date <= now(), ORDER BY the date ascending, paged by nextPageToken', async () => {
      const at = (min: number) => new Date(Date.parse('2026-03-02T08:00:00.000Z') + min * 60_000).toISOString().slice(0, 16) + 'Z';
      const docs: [string, string, number][] = [
        ['DEMO-1', 'client', -30],
        ['DEMO-2', 'client', -90],
        ['DEMO-3', 'contractor', -60],
        ['DEMO-4', 'client', 60],
        ['DEMO-5', 'client', -10],
      ];
      for (const [key, party, min] of docs)
        await call(f.sandbox, 'PUT', `/rest/api/3/issue/${key}/properties/escalation`, APP, { level: 2, dueAt: at(min), party });
      await call(f.sandbox, 'DELETE', '/rest/api/3/issue/DEMO-6/properties/escalation', APP);
      const jql = 'escalationParty = "client" AND escalationDueAt <= now() ORDER BY escalationDueAt ASC';
      expect(await keys(jql)).toEqual(['DEMO-2', 'DEMO-1', 'DEMO-5']);
      const p1 = body<SearchPage>(await search(jql, { maxResults: 2 }));
      expect(p1.issues.map((i) => i.key)).toEqual(['DEMO-2', 'DEMO-1']);
      const p2 = body<SearchPage>(await search(jql, { maxResults: 2, nextPageToken: p1.nextPageToken }));
      expect(p2).toMatchObject({ isLast: true, issues: [{ key: 'DEMO-5' }] });
      expect(p2.nextPageToken).toBeUndefined();
    });

    it('numbers compare as numbers, strings as strings', async () => {
      await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', APP, { level: 10, party: 'b' });
      await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-2/properties/escalation', APP, { level: 9, party: 'a' });
      expect(await keys('escalationLevel > 9')).toEqual(['DEMO-1']);
      expect(await keys('key in (DEMO-1, DEMO-2) ORDER BY escalationLevel ASC')).toEqual(['DEMO-2', 'DEMO-1']);
      expect(await keys('escalationLevel in (9, 10) ORDER BY escalationParty ASC')).toEqual(['DEMO-2', 'DEMO-1']);
    });

    it('safety net: priority IN, IS EMPTY on an alias, statusCategory != Done, updated >= -1d ORDER BY updated ASC', async () => {
      for (const key of ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4', 'DEMO-5', 'DEMO-6'])
        await call(f.sandbox, 'DELETE', `/rest/api/3/issue/${key}/properties/escalation`, APP);
      await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', APP, { level: 1 });
      await f.sandbox.advanceClock(60_000);
      await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-3', as('sam'), { fields: { summary: 'touched' } });
      const jql =
        'priority in ("Highest", "High") AND escalationLevel IS EMPTY AND statusCategory != Done AND updated >= -1d ORDER BY updated ASC';
      const found = await keys(jql);
      expect(found).not.toContain('DEMO-1');
      expect(found.at(-1)).toBe('DEMO-3');
      const misspelled = await refusal(jql.replace('"High"', '"Hihg"'));
      expect(misspelled).toEqual(["The value 'Hihg' does not exist for the field 'priority'."]);
    });
  });

  describe('paging and limits', () => {
    it('binds nextPageToken to its query: another JQL of the same length is refused', async () => {
      const first = body<SearchPage>(await search('project = DEMO ORDER BY key ASC', { maxResults: 2 }));
      expect(first.nextPageToken).toBeDefined();
      const other = await search('project = DEMO ORDER BY id ASC ', { maxResults: 2, nextPageToken: first.nextPageToken });
      expect('project = DEMO ORDER BY id ASC '.length).toBe('project = DEMO ORDER BY key ASC'.length);
      expect(other.status).toBe(400);
      expect((await search('project = DEMO', { nextPageToken: 'garbage' })).status).toBe(400);
    });

    it('refuses more than 50 reconcileIssues and more than 5 properties', async () => {
      const ids = Array.from({ length: 51 }, (_, i) => 10001 + i);
      expect((await search('project = DEMO', { reconcileIssues: ids })).status).toBe(400);
      expect((await search('project = DEMO', { properties: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
    });

    it('refuses an issue property over 32,768 characters and accepts one at the limit', async () => {
      const sized = (n: number) => JSON.stringify({ t: 'x'.repeat(n - 8) });
      expect(sized(32_768)).toHaveLength(32_768);
      const put = (text: string) =>
        f.sandbox.jira(
          { method: 'PUT', path: '/rest/api/3/issue/DEMO-1/properties/big', headers: { 'content-type': 'application/json' }, body: text },
          APP,
        );
      expect((await put(sized(32_768))).status).toBe(201);
      const over = await put(sized(32_769));
      expect(over.status).toBe(400);
      expect(body(over)).toMatchObject({ errors: {} });
      expect((await put('')).status).toBe(400);
    });

    it('validates comment paging and orderBy', async () => {
      expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/comment?orderBy=updated', APP)).status).toBe(400);
      expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/comment?maxResults=abc', APP)).status).toBe(400);
      expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/comment?startAt=-1', APP)).status).toBe(400);
      expect(
        body<{ maxResults: number }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/comment?maxResults=500&orderBy=-created', APP))
          .maxResults,
      ).toBe(100);
    });

    it('validates changelog and user paging', async () => {
      expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/changelog?startAt=x', APP)).status).toBe(400);
      expect(
        body<{ maxResults: number }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/changelog?maxResults=1000', APP)).maxResults,
      ).toBe(100);
      const id = DEMO_USERS.sam.accountId;
      expect((await call(f.sandbox, 'GET', `/rest/api/3/user/bulk?accountId=${id}&maxResults=ten`, APP)).status).toBe(400);
      expect((await call(f.sandbox, 'GET', `/rest/api/3/user/search?query=sam&accountId=${id}`, APP)).status).toBe(400);
    });

    it('validates the bulk changelog request as its schema says', async () => {
      const bulk = (payload: unknown) => call(f.sandbox, 'POST', '/rest/api/3/changelog/bulkfetch', APP, payload);
      const many = Array.from({ length: 1001 }, (_, i) => `DEMO-${i + 1}`);
      expect((await bulk({ issueIdsOrKeys: many })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: many.slice(0, 1000) })).status).toBe(200);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], fieldIds: Array.from({ length: 11 }, (_, i) => `f${i}`) })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], fieldIds: ['priority', 'priority'] })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], maxResults: 10_001 })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], maxResults: 0 })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], startAt: 0 })).status).toBe(400);
      expect((await bulk({ issueIdsOrKeys: ['DEMO-1'], maxResults: 10_000 })).status).toBe(200);
    });

    it('validates notify recipients as its 400 answers document', async () => {
      const notify = (key: string, to: unknown, who = APP, extra: Record<string, unknown> = {}) =>
        call(f.sandbox, 'POST', `/rest/api/3/issue/${key}/notify`, who, { subject: 's', textBody: 't', to, ...extra });
      const unassigned = body<SearchPage>(
        await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: 'project = DEMO AND assignee IS EMPTY', fields: ['key'] }),
      ).issues[0]!.key;
      expect((await notify(unassigned, { assignee: true })).status).toBe(400);
      expect((await notify('DEMO-1', { users: [{ accountId: DEMO_USERS.sam.accountId }] }, as('sam'))).status).toBe(400);
      expect((await notify('DEMO-1', { users: [{ accountId: DEMO_USERS.sam.accountId }] }, APP, { textBody: 5 })).status).toBe(400);
      expect((await notify('DEMO-1', { users: [{ accountId: DEMO_USERS.sam.accountId }] })).status).toBe(204);
    });
  });
});
