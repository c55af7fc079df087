import { APP, as, body, call, startFixture, type Fixture } from './sandbox-fixture';
import { DEMO_USERS } from '../demo/seed-demo-jira';

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

interface Named {
  name: string;
}
interface ErrorCollection {
  errorMessages: string[];
}
interface Permissions {
  permissions: Record<string, { havePermission: boolean }>;
}
interface SearchPage {
  issues: { id: string; key: string; properties?: Record<string, { level: number }> }[];
  isLast: boolean;
  nextPageToken?: string;
}
interface History {
  author: { accountId: string };
  items: ({ field: string } & Record<string, unknown>)[];
}

describe('Jira emulator', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());

  it('serves users, groups, projects, roles and permissions like Jira', async () => {
    expect(body(await call(f.sandbox, 'GET', '/rest/api/3/myself', as('carla')))).toMatchObject({
      displayName: 'Carla Contractor-Lead',
      locale: 'de_DE',
    });
    const groups = body<Named[]>(await call(f.sandbox, 'GET', `/rest/api/3/user/groups?accountId=${DEMO_USERS.carla.accountId}`, APP));
    expect(groups.map((g) => g.name)).toEqual(['contractor-managers', 'contractor-team']);
    expect(body(await call(f.sandbox, 'GET', '/rest/api/3/project/DEMO', as('klaus')))).toMatchObject({
      key: 'DEMO',
      name: 'Managed Service',
    });
    expect((await call(f.sandbox, 'GET', '/rest/api/3/project/DEMO', as('otto'))).status).toBe(404);
    // Searching lists only what the caller may browse, matched by key or name, in pages.
    type ProjectPage = { values: { key: string }[]; total: number; isLast: boolean; maxResults: number };
    const found = body<ProjectPage>(await call(f.sandbox, 'GET', '/rest/api/3/project/search?query=managed', as('klaus')));
    expect(found.values.map((p) => p.key)).toEqual(['DEMO']);
    expect(found).toMatchObject({ total: 1, isLast: true, maxResults: 50 });
    expect(body<ProjectPage>(await call(f.sandbox, 'GET', '/rest/api/3/project/search', as('otto'))).total).toBe(0);
    expect(body<ProjectPage>(await call(f.sandbox, 'GET', '/rest/api/3/project/search?query=nothing-like-it', as('klaus'))).total).toBe(0);
    expect(body<ProjectPage>(await call(f.sandbox, 'GET', '/rest/api/3/project/search?maxResults=500', as('klaus'))).maxResults).toBe(100);
    const roles = body<Record<string, string>>(await call(f.sandbox, 'GET', '/rest/api/3/project/DEMO/role', APP));
    expect(Object.keys(roles)).toEqual(expect.arrayContaining(['Contractor', 'Client']));
    const client = body<{ actors: Named[] }>(await call(f.sandbox, 'GET', '/rest/api/3/project/DEMO/role/10101', APP));
    expect(client.actors.map((a) => a.name)).toEqual(['client-executives', 'client-team']);
    // OpenAPI (getMyPermissions, 404): "the user does not have permission to view the project or issue".
    expect(
      (await call(f.sandbox, 'GET', '/rest/api/3/mypermissions?issueKey=DEMO-1&permissions=BROWSE_PROJECTS,EDIT_ISSUES', as('otto')))
        .status,
    ).toBe(404);
    const perms = body<Permissions>(
      await call(f.sandbox, 'GET', '/rest/api/3/mypermissions?projectKey=DEMO&permissions=BROWSE_PROJECTS,EDIT_ISSUES', as('otto')),
    );
    expect(perms.permissions.BROWSE_PROJECTS!.havePermission).toBe(false);
    const mine = body<Permissions>(
      await call(f.sandbox, 'GET', '/rest/api/3/mypermissions?issueKey=DEMO-1&permissions=BROWSE_PROJECTS,EDIT_ISSUES', as('sam')),
    );
    expect(mine.permissions.EDIT_ISSUES!.havePermission).toBe(true);
  });

  it('stores issue properties with the 32,768-character limit and permission checks', async () => {
    expect(
      (
        await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', APP, {
          level: 2,
          dueAt: '2026-03-05T10:00Z',
          party: 'contractor',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', APP, {
          level: 2,
          dueAt: '2026-03-05T10:00Z',
          party: 'contractor',
        })
      ).status,
    ).toBe(200);
    expect(body(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/properties/escalation', as('klaus')))).toEqual({
      key: 'escalation',
      value: { level: 2, dueAt: '2026-03-05T10:00Z', party: 'contractor' },
    });
    const big = await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/big', APP, { text: 'x'.repeat(32_800) });
    expect(big.status).toBe(400);
    expect(body<ErrorCollection>(big).errorMessages[0]).toMatch(/32768/);
    expect((await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-1/properties/escalation', as('otto'), { level: 9 })).status).toBe(404);
    expect(
      body<{ keys: { key: string }[] }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/properties', APP)).keys.map((k) => k.key),
    ).toEqual(['escalation']);
    expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/properties/nope', APP)).status).toBe(404);
  });

  it('searches with the JQL subset: aliases, property paths, custom field aliases, statusCategory, ORDER BY, paging', async () => {
    await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-2/properties/escalation', APP, {
      level: 3,
      dueAt: '2026-03-03T10:00Z',
      party: 'client',
    });
    await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-3/properties/escalation', APP, {
      level: 1,
      dueAt: '2026-03-10T10:00Z',
      party: 'client',
    });
    const keys = async (jql: string, who = APP) => {
      const res = await call(f.sandbox, 'POST', '/rest/api/3/search/jql', who, { jql, fields: ['key'], maxResults: 100 });
      if (res.status !== 200) throw new Error(`${jql}: ${res.status} ${res.body}`);
      return body<SearchPage>(res).issues.map((i) => i.key);
    };
    expect(await keys('project = DEMO AND issue.property[escalation].level >= 2 ORDER BY key ASC')).toEqual(['DEMO-1', 'DEMO-2']);
    expect(await keys('escalationDueAt <= "2026-03-05 10:00" ORDER BY escalationDueAt ASC')).toEqual(['DEMO-2', 'DEMO-1']);
    expect(await keys(`escalationDueAt < ${Date.parse('2026-03-04T00:00:00Z')}`)).toEqual(['DEMO-2']);
    expect(await keys('escalationParty = client AND NOT escalationLevel = 1')).toEqual(['DEMO-2']);
    expect(await keys('project = DEMO AND escalationLevel IS EMPTY AND statusCategory != Done ORDER BY key DESC')).toEqual([
      'DEMO-6',
      'DEMO-4',
    ]);
    expect(await keys('"status category" = Done')).toEqual(['DEMO-5']);
    expect(await keys('priority in (Highest, High) AND (key = DEMO-1 OR issuekey = DEMO-3) ORDER BY key')).toEqual(['DEMO-1', 'DEMO-3']);
    // A project the searcher cannot browse is, to Jira, a value that does not exist.
    const hidden = await call(f.sandbox, 'POST', '/rest/api/3/search/jql', as('otto'), { jql: 'project = DEMO' });
    expect(hidden.status).toBe(400);
    expect(body<unknown>(hidden)).toEqual({ errorMessages: ["The value 'DEMO' does not exist for the field 'project'."], errors: {} });
    // paging with nextPageToken
    const p1 = body<SearchPage>(
      await call(f.sandbox, 'GET', '/rest/api/3/search/jql?jql=project%3DDEMO%20ORDER%20BY%20key&maxResults=4&fields=key', APP),
    );
    expect(p1.issues).toHaveLength(4);
    expect(p1.isLast).toBe(false);
    const p2 = body<SearchPage>(
      await call(
        f.sandbox,
        'GET',
        `/rest/api/3/search/jql?jql=project%3DDEMO%20ORDER%20BY%20key&maxResults=4&fields=key&nextPageToken=${p1.nextPageToken}`,
        APP,
      ),
    );
    expect(p2.issues.map((i) => i.key)).toEqual(['DEMO-5', 'DEMO-6']);
    expect(p2.isLast).toBe(true);
    expect(p2.nextPageToken).toBeUndefined();
    // default fields: ids only; properties param
    const ids = body<SearchPage>(await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: 'key = DEMO-1' }));
    expect(ids.issues).toEqual([{ id: '10001' }]);
    const withProps = body<SearchPage>(
      await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, {
        jql: 'key = DEMO-1',
        fields: ['summary'],
        properties: ['escalation'],
      }),
    );
    expect(withProps.issues[0]!.properties!.escalation!.level).toBe(2);
  });

  it('rejects unsupported or invalid JQL with 400, never a wrong answer', async () => {
    for (const jql of [
      'summary ~ "Störung"',
      'assignee in membersOf("x")',
      'labels = foo',
      'order by key',
      'issue.property[unindexed].x = 1',
      'project = DEMO AND',
    ]) {
      const res = await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql });
      expect(res.status).toBe(400);
      expect(body<ErrorCollection>(res).errorMessages[0]).toBeTruthy();
    }
    const res = await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: 'summary ~ x' });
    expect(body<ErrorCollection>(res).errorMessages[0]).toMatch(/unsupported by the sandbox/);
  });

  it('writes the app custom field (app only) with changelog, searchable by its alias', async () => {
    const fieldId = f.sandbox.customFieldId('escalation-level');
    expect(fieldId).toBe('customfield_10050');
    const fields = body<{ id: string }[]>(await call(f.sandbox, 'GET', '/rest/api/3/field', APP));
    expect(fields.find((x) => x.id === fieldId)).toMatchObject({ name: 'Escalation level', custom: true });
    const update = { updates: [{ issueIds: [10001, 10002], value: { level: 2, party: 'contractor' } }] };
    expect((await call(f.sandbox, 'PUT', `/rest/api/3/app/field/${fieldId}/value?generateChangelog=true`, as('ada'), update)).status).toBe(
      403,
    );
    expect((await call(f.sandbox, 'PUT', `/rest/api/3/app/field/${fieldId}/value?generateChangelog=true`, APP, update)).status).toBe(204);
    expect(
      (
        await call(f.sandbox, 'POST', '/rest/api/3/app/field/value', APP, {
          updates: [{ customField: fieldId, issueIds: [10003], value: { level: 1, party: 'client' } }],
        })
      ).status,
    ).toBe(204);
    const issue = body<{ fields: Record<string, unknown> }>(
      await call(f.sandbox, 'GET', `/rest/api/3/issue/DEMO-1?fields=${fieldId}`, as('sam')),
    );
    expect(issue.fields[fieldId]).toEqual({ level: 2, party: 'contractor' });
    const keys = body<SearchPage>(
      await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: '"Escalation level".Level >= 2 ORDER BY key', fields: ['key'] }),
    ).issues.map((i) => i.key);
    expect(keys).toEqual(['DEMO-1', 'DEMO-2']);
    expect(
      body<SearchPage>(
        await call(f.sandbox, 'POST', '/rest/api/3/search/jql', APP, { jql: 'cf[10050].party = client', fields: ['key'] }),
      ).issues.map((i) => i.key),
    ).toEqual(['DEMO-3']);
    const log = body<{ values: History[] }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/changelog', APP));
    expect(log.values.at(-1)!.items[0]).toMatchObject({
      field: 'Escalation level',
      fieldtype: 'custom',
      fieldId,
      toString: JSON.stringify({ level: 2, party: 'contractor' }),
    });
  });

  it('records changelog for field edits, pages it, and bulk-fetches by field', async () => {
    expect(
      (
        await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-4', as('sam'), {
          fields: { priority: { name: 'Highest' }, summary: 'VPN firmware migration (urgent)' },
        })
      ).status,
    ).toBe(204);
    expect((await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-4', as('otto'), { fields: { summary: 'x' } })).status).toBe(404);
    expect((await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-4', as('sam'), { fields: { nonsense: 1 } })).status).toBe(400);
    const log = body<{ values: History[] }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-4/changelog?maxResults=1', APP));
    expect(log).toMatchObject({ startAt: 0, maxResults: 1, total: 1, isLast: true });
    expect(log.values[0]!.author.accountId).toBe(DEMO_USERS.sam.accountId);
    expect(log.values[0]!.items.map((i) => i.field).sort()).toEqual(['priority', 'summary']);
    expect(log.values[0]!.items.find((i) => i.field === 'priority')).toMatchObject({
      fromString: 'Medium',
      toString: 'Highest',
      from: '3',
      to: '1',
    });
    const bulk = body<{ issueChangeLogs: { changeHistories: History[] }[] }>(
      await call(f.sandbox, 'POST', '/rest/api/3/changelog/bulkfetch', APP, {
        issueIdsOrKeys: ['DEMO-4', 'DEMO-1'],
        fieldIds: ['priority'],
      }),
    );
    expect(bulk.issueChangeLogs).toHaveLength(1);
    expect(bulk.issueChangeLogs[0]!.changeHistories[0]!.items).toHaveLength(1);
    expect((await call(f.sandbox, 'POST', '/rest/api/3/changelog/bulkfetch', APP, { issueIdsOrKeys: [] })).status).toBe(400);
  });

  it('adds ADF comments, notifies into the outbox, transitions with validators, stores remote links', async () => {
    expect((await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-3/comment', as('klaus'), { body: 'plain text' })).status).toBe(400);
    const created = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-3/comment', as('klaus'), {
      body: adf('Bitte bis Freitag beheben.'),
    });
    expect(created.status).toBe(201);
    const comments = body<{ comments: { body: unknown }[] }>(
      await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-3/comment?maxResults=10', as('sam')),
    );
    expect(comments).toMatchObject({ startAt: 0, total: 1 });
    expect(comments.comments[0]!.body).toEqual(adf('Bitte bis Freitag beheben.'));

    const notify = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-3/notify', APP, {
      subject: 'Escalation level 2',
      textBody: 'Please act',
      to: { reporter: true, assignee: true, groups: [{ name: 'client-executives' }], users: [{ accountId: DEMO_USERS.otto.accountId }] },
    });
    expect(notify.status).toBe(204);
    const outbox = await f.sandbox.outbox();
    // Otto cannot browse DEMO, so Jira never reaches him.
    expect(outbox.at(-1)).toMatchObject({
      issueKey: 'DEMO-3',
      subject: 'Escalation level 2',
      recipients: [DEMO_USERS.erika.accountId, DEMO_USERS.klaus.accountId, DEMO_USERS.sam.accountId].sort(),
      sentBy: { kind: 'app' },
    });

    const transitions = body<{ transitions: Named[] }>(
      await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-6/transitions', as('sam')),
    ).transitions;
    expect(transitions.map((t) => t.name)).toEqual(['Start progress', 'Escalate']);
    f.sandbox.attachWorkflowRule(22, 'needs-level');
    const refused = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-6/transitions', as('sam'), { transition: { id: '22' } });
    expect(refused.status).toBe(400);
    expect(body<ErrorCollection>(refused).errorMessages).toEqual(['Start an escalation first.']);
    await call(f.sandbox, 'PUT', '/rest/api/3/issue/DEMO-6/properties/escalation', APP, { level: 1 });
    expect((await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-6/transitions', as('sam'), { transition: { id: '22' } })).status).toBe(
      204,
    );
    const issue = body<{ fields: { status: unknown }; changelog: { histories: History[] } }>(
      await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-6?fields=status&expand=changelog', APP),
    );
    expect(issue.fields.status).toMatchObject({ name: 'Escalated', statusCategory: { key: 'indeterminate' } });
    expect(issue.changelog.histories[0]!.items[0]).toMatchObject({ field: 'status', fromString: 'To Do', toString: 'Escalated' });

    const link = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-6/remotelink', APP, {
      globalId: 'report-1',
      object: { url: 'https://sandbox.atlassian.net/wiki/x/1', title: 'Escalation report' },
    });
    expect(link.status).toBe(201);
    expect(
      (
        await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-6/remotelink', APP, {
          globalId: 'report-1',
          object: { url: 'https://sandbox.atlassian.net/wiki/x/1', title: 'Escalation report v2' },
        })
      ).status,
    ).toBe(200);
    const links = body<{ object: { title: string } }[]>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-6/remotelink', as('klaus')));
    expect(links).toHaveLength(1);
    expect(links[0]!.object.title).toBe('Escalation report v2');
  });

  it('creates issues and pages in Confluence with optimistic versions', async () => {
    const created = await call(f.sandbox, 'POST', '/rest/api/3/issue', as('klaus'), {
      fields: { project: { key: 'DEMO' }, summary: 'Neue Störung', issuetype: { name: 'Task' }, description: adf('x') },
    });
    expect(created.status).toBe(201);
    expect(body<{ key: string }>(created).key).toBe('DEMO-7');
    const space = body<{ results: { id: string; homepageId: string }[] }>(
      await f.sandbox.confluence({ method: 'GET', path: '/wiki/api/v2/spaces?keys=ESC' }, APP),
    ).results[0]!;
    expect(space).toMatchObject({ key: 'ESC', name: 'Escalation Reports' });
    const page = body<{ id: string; version: { number: number } }>(
      await f.sandbox.confluence(
        {
          method: 'POST',
          path: '/wiki/api/v2/pages',
          body: JSON.stringify({
            spaceId: space.id,
            status: 'current',
            title: 'DEMO-1 report',
            parentId: space.homepageId,
            body: { representation: 'storage', value: '<p>v1</p>' },
          }),
        },
        APP,
      ),
    );
    expect(page.version.number).toBe(1);
    const stale = await f.sandbox.confluence(
      {
        method: 'PUT',
        path: `/wiki/api/v2/pages/${page.id}`,
        body: JSON.stringify({
          id: page.id,
          status: 'current',
          title: 'DEMO-1 report',
          body: { representation: 'storage', value: '<p>v2</p>' },
          version: { number: 1 },
        }),
      },
      APP,
    );
    expect(stale.status).toBe(409);
    const ok = await f.sandbox.confluence(
      {
        method: 'PUT',
        path: `/wiki/api/v2/pages/${page.id}`,
        body: JSON.stringify({
          id: page.id,
          status: 'current',
          title: 'DEMO-1 report',
          body: { representation: 'storage', value: '<p>v2</p>' },
          version: { number: 2 },
        }),
      },
      APP,
    );
    expect(ok.status).toBe(200);
    const read = body<unknown>(
      await f.sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${page.id}?body-format=storage` }, APP),
    );
    expect(read).toMatchObject({ version: { number: 2 }, body: { storage: { value: '<p>v2</p>' } }, parentId: space.homepageId });
    const byTitle = body<{ results: { id: string }[] }>(
      await f.sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages?title=DEMO-1%20report&space-id=${space.id}` }, APP),
    );
    expect(byTitle.results.map((p) => p.id)).toEqual([page.id]);
  });
});
