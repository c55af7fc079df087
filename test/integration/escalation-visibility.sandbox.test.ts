import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { configureDemoProject, seedDemoEscalations } from '../../sandbox/app-demo/demo-escalations';
import { admin } from '../../sandbox/app-demo/admin-invoke';
import { seedBulkIssues } from '../../sandbox/platform/demo/bulk-issues';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProductResponse } from '../../sandbox/platform/sandbox-api';

/**
 * Issue security in the revision analytics, their CSV and the yearly review page: being a party of the
 * project is not enough to see an escalation; Jira, asked as the viewer in bulk, decides per issue.
 * DEMO-1 (the only escalation that reached level 2 and the only one whose client was notified) is put
 * under a security level for the managements: Carla (contractor) and Erika (client) are members, Sam and
 * Klaus — members of the same parties — are not.
 */
const appDir = path.resolve(__dirname, '../..');
const year = { from: '2026-01-01', to: '2027-01-01' };
const DEMO = { projectKey: 'DEMO' };
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
  await seedDemoEscalations(sandbox);
  sandbox.setIssueSecurity('DEMO-1', {
    name: 'Managements',
    members: [
      { type: 'group', group: 'contractor-managers' },
      { type: 'group', group: 'client-executives' },
    ],
  });
});
afterEach(async () => sandbox.close());

async function reviewPage(pageId: string): Promise<string> {
  const r = await sandbox.confluence({ method: 'GET', path: `/wiki/api/v2/pages/${pageId}?body-format=storage` }, { kind: 'app' });
  return (JSON.parse(r.body) as { body: { storage: { value: string } } }).body.storage.value;
}

describe('only issues the viewer can browse', () => {
  it('a party member without browse permission on one issue sees neither it nor its figures; one who can browse it sees it', async () => {
    // Sam (contractor) and Klaus (client) cannot browse DEMO-1.
    for (const user of ['sam', 'klaus'] as const) {
      const { analytics: a } = await admin(sandbox, user, 'escalation-review', 'getAnalytics', year);
      expect(a.total).toBe(2);
      expect(a.byLevelReached.map((r) => r.count)).toEqual([2, 0, 0, 0]);
      expect(a.byProject).toEqual([{ projectKey: 'DEMO', count: 2 }]);
      expect(a.clientNotification).toMatchObject({ count: 0, notNotified: 2 });
      expect(a.timeAtLevel.map((r) => r.count)).toEqual([2, 0, 0, 0]);
      expect(JSON.stringify(a)).not.toContain('DEMO-1"');
      const { csv } = await admin(sandbox, user, 'escalation-review', 'exportAnalyticsCsv', year);
      expect(csv).toContain('levelReached\r\nlevel,escalations\r\n1,2\r\n2,0\r\n');
      expect(csv).toContain('project\r\nproject,escalations\r\nDEMO,2\r\n');
      expect(csv).not.toContain('DEMO-1,');
    }

    // Erika (client) and Carla (contractor) are in the level: all three escalations.
    for (const user of ['erika', 'carla'] as const) {
      const { analytics: a } = await admin(sandbox, user, 'escalation-review', 'getAnalytics', year);
      expect(a.total).toBe(3);
      expect(a.byLevelReached.map((r) => r.count)).toEqual([2, 1, 0, 0]);
      expect(a.clientNotification).toMatchObject({ count: 1, notNotified: 2 });
      const { csv } = await admin(sandbox, user, 'escalation-review', 'exportAnalyticsCsv', year);
      expect(csv).toContain('levelReached\r\nlevel,escalations\r\n1,2\r\n2,1\r\n');
    }

    // The same period for a project filter, and for the Jira admin, who is not in the level either.
    expect((await admin(sandbox, 'ada', 'escalation-review', 'getAnalytics', { ...year, projectKey: 'DEMO' })).analytics.total).toBe(2);

    // Lifting the level shows it to everyone in the parties again.
    sandbox.setIssueSecurity('DEMO-1', null);
    expect((await admin(sandbox, 'sam', 'escalation-review', 'getAnalytics', year)).analytics.total).toBe(3);
  });

  it('the yearly review page carries the figures of the issues the exporting member can browse', async () => {
    const content = { period: year, findings: 'f', contractorFeedback: 'c', clientFeedback: 'k', agreedChanges: 'a', training: 't' };
    await admin(sandbox, 'sam', 'escalation-review', 'saveReview', { ...DEMO, id: '2026', content });
    await admin(sandbox, 'sam', 'escalation-review', 'approveReview', { ...DEMO, id: '2026', revision: 1 });
    await admin(sandbox, 'klaus', 'escalation-review', 'approveReview', { ...DEMO, id: '2026', revision: 1 });

    const byKlaus = await admin(sandbox, 'klaus', 'escalation-review', 'exportReview', {
      ...DEMO,
      id: '2026',
      locale: 'en',
      spaceKey: 'ESC',
    });
    const hidden = await reviewPage(byKlaus.reviews[0]!.exports[0]!.pageId);
    // Approvers are linked by account id: Confluence shows their current name, or a former user once closed.
    expect(hidden).toContain(`<ri:user ri:account-id="${DEMO_USERS.sam.accountId}" />`);
    expect(hidden).not.toContain('Sam Service');
    expect(hidden).toContain('<p>Escalations: 2</p>');
    // Highest level: 2 at level 1, none at level 2.
    expect(hidden).toContain('<tr><td>1</td><td>2</td></tr><tr><td>2</td><td>0</td></tr>');

    const byErika = await admin(sandbox, 'erika', 'escalation-review', 'exportReview', {
      ...DEMO,
      id: '2026',
      locale: 'en',
      spaceKey: 'ESC',
    });
    const seen = await reviewPage(byErika.reviews[0]!.exports[1]!.pageId);
    expect(seen).toContain('<p>Escalations: 3</p>');
    expect(seen).toContain('<tr><td>1</td><td>2</td></tr><tr><td>2</td><td>1</td></tr>');
  });

  it('Jira itself hides the secured issue from a non-member: the issue, JQL and the bulk permission check', async () => {
    const sam = { kind: 'user', accountId: DEMO_USERS.sam.accountId } as const;
    const erika = { kind: 'user', accountId: DEMO_USERS.erika.accountId } as const;
    expect((await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-1' }, sam)).status).toBe(404);
    expect((await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-1' }, erika)).status).toBe(200);
    const keys = async (as: typeof sam | typeof erika) =>
      (
        JSON.parse(
          (
            await sandbox.jira(
              {
                method: 'POST',
                path: '/rest/api/3/search/jql',
                body: JSON.stringify({ jql: 'project = DEMO ORDER BY key ASC', fields: ['key'] }),
              },
              as,
            )
          ).body,
        ) as { issues: { key: string }[] }
      ).issues.map((i) => i.key);
    expect(await keys(sam)).not.toContain('DEMO-1');
    expect(await keys(erika)).toContain('DEMO-1');
  });
});

describe('POST /rest/api/3/permissions/check answers like Jira', () => {
  const check = (body: unknown, as: { kind: 'user'; accountId: string } | { kind: 'app' }): Promise<ProductResponse> =>
    sandbox.jira({ method: 'POST', path: '/rest/api/3/permissions/check', body: JSON.stringify(body) }, as);
  const issueId = (key: string) => (sandbox.db.prepare('SELECT id FROM jira_issue WHERE key = ?').get(key) as { id: number }).id;

  it('grants per issue, ignores unknown ids, refuses more than 1000 valid issues and asking for another user without admin rights', async () => {
    const sam = { kind: 'user', accountId: DEMO_USERS.sam.accountId } as const;
    const ids = [issueId('DEMO-1'), issueId('DEMO-2'), 999_999_999];
    const ok = await check({ projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: ids }] }, sam);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({
      globalPermissions: [],
      projectPermissions: [{ permission: 'BROWSE_PROJECTS', issues: [issueId('DEMO-2')], projects: [] }],
    });
    // An outsider in no group may browse nothing.
    const otto = await check(
      { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: ids }] },
      { kind: 'user', accountId: DEMO_USERS.otto.accountId },
    );
    expect(JSON.parse(otto.body)).toMatchObject({ projectPermissions: [{ issues: [] }] });

    // Invalid ids do not count towards the limit; 1001 valid ones do.
    const many = Array.from({ length: 1000 }, (_, i) => 900_000_000 + i);
    expect((await check({ projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [...many, ...ids] }] }, sam)).status).toBe(200);
    seedBulkIssues(sandbox.db, sandbox.appManifest, 'DEMO', 1001, (i) => ({ summary: `Bulk ${i}` }));
    const valid = (sandbox.db.prepare('SELECT id FROM jira_issue ORDER BY id DESC LIMIT 1001').all() as { id: number }[]).map((r) => r.id);
    expect((await check({ projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: valid }] }, sam)).status).toBe(400);
    expect((await check({ projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: valid.slice(1) }] }, sam)).status).toBe(200);

    expect((await check({ projectPermissions: [{ permissions: [], issues: ids }] }, sam)).status).toBe(400);
    expect((await check({ projectPermissions: [{ permissions: ['SEE_EVERYTHING'], issues: ids }] }, sam)).status).toBe(400);
    expect(
      (await check({ accountId: DEMO_USERS.erika.accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'] }] }, sam)).status,
    ).toBe(403);
    const forErika = await check(
      { accountId: DEMO_USERS.erika.accountId, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: ids }] },
      { kind: 'user', accountId: DEMO_USERS.ada.accountId },
    );
    expect(JSON.parse(forErika.body)).toMatchObject({ projectPermissions: [{ issues: [issueId('DEMO-1'), issueId('DEMO-2')] }] });
  });
});
