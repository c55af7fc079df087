import path from 'node:path';
import { kvs, WhereConditions } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, configureDemoProject, DEMO_CONFIGURATION } from '../../sandbox/app-demo/demo-escalations';
import { admin } from '../../sandbox/app-demo/admin-invoke';
import { addProject, addUser, DEMO_GROUPS, DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { applyTemplateEdits } from '../../src/domain/process/template-edits';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import type { AdminKey, AdminPayload, AdminResults, ResolverResponse } from '../../src/shared/admin-contract';

/**
 * One annex per contract, through Forge's real seams (KVS, the admin and panel resolvers): each project has
 * its own template versions, approved by its own client party; escalations start on their project's version
 * in force; a site-wide version stored by the app before versions were per project stays readable and in
 * force for every project until the project approves its own.
 */
const appDir = path.resolve(__dirname, '../..');
const APP = { kind: 'app' } as const;
const SITE_REF = { id: 'eskalationsprozess-default', version: 2 };
let sandbox: PlatformSandbox;

/** Olga is the client party of project OPS only. */
const OLGA = '712020:olga-ops-client';

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
  addUser(sandbox.db, {
    accountId: OLGA,
    displayName: 'Olga Ops-Client',
    email: 'olga@ops.example',
    locale: 'en-US',
    timeZone: 'UTC',
    groups: ['ops-client'],
  });
  addProject(sandbox.db, {
    id: 10010,
    key: 'OPS',
    name: 'Operations',
    lead: DEMO_USERS.carla.accountId,
    groups: [...DEMO_GROUPS, 'ops-client'],
  });
  await sandbox.runAs(APP, () =>
    kvsProjectConfigurationStore.save('OPS', {
      ...DEMO_CONFIGURATION,
      parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['ops-client'] } },
    }),
  );
});
afterEach(async () => sandbox.close());

async function createIssue(projectKey: string, summary: string): Promise<string> {
  const response = await sandbox.jira(
    {
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: projectKey }, summary, issuetype: { name: 'Bug' } } }),
    },
    { kind: 'user', accountId: DEMO_USERS.sam.accountId },
  );
  if (response.status !== 201) throw new Error(`create issue: ${response.status} ${response.body}`);
  return (JSON.parse(response.body) as { key: string }).key;
}

/** The review page's resolver as a user who is not one of the demo's people. */
async function invokeAs<K extends AdminKey>(accountId: string, key: K, payload: AdminPayload<K>) {
  return (await sandbox.invoke({
    moduleKey: 'escalation-review',
    functionKey: key,
    payload,
    context: {
      accountId,
      cloudId: 'sandbox',
      locale: 'en-US',
      timezone: 'UTC',
      siteUrl: 'http://localhost',
      localId: 'escalation-review',
      moduleKey: 'escalation-review',
      extension: { type: 'jira:globalPage' },
    },
  })) as ResolverResponse<AdminResults[K]>;
}

const start = (issueKey: string) => act(sandbox, 'sam', issueKey, 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
const edits = [{ type: 'set-mandatory' as const, obligationId: 'L1-C-06', mandatory: true }];

it("a client of another project cannot approve this project's draft; escalations start on their own project's version", async () => {
  await admin(sandbox, 'sam', 'escalation-review', 'saveTemplateDraft', { projectKey: 'DEMO', edits, note: 'DEMO only' });

  const refused = await invokeAs(OLGA, 'decideTemplateDraft', { projectKey: 'DEMO', decision: 'approve' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  const stored = await sandbox.runAs(APP, async () =>
    (await kvs.query().where('key', WhereConditions.beginsWith('template')).limit(20).getMany()).results.map((r) => r.key),
  );
  expect(stored).toEqual(['template-draft:DEMO']);
  // Olga decides OPS's drafts: OPS has none.
  expect(await invokeAs(OLGA, 'decideTemplateDraft', { projectKey: 'OPS', decision: 'approve' })).toMatchObject({
    ok: false,
    error: { code: 'not-found' },
  });

  const approved = await admin(sandbox, 'klaus', 'escalation-review', 'decideTemplateDraft', { projectKey: 'DEMO', decision: 'approve' });
  expect(approved.active).toMatchObject({ id: 'escalation-process:DEMO', version: 2 });

  const ops = await createIssue('OPS', 'Backup of OPS fails');
  expect((await start('DEMO-3')).escalation!.template).toEqual({ id: 'escalation-process:DEMO', version: 2 });
  expect((await start(ops)).escalation!.template).toEqual({ id: 'eskalationsprozess-default', version: 1 });
  const olgaView = await invokeAs(OLGA, 'getProcessTemplate', { projectKey: 'OPS' });
  expect(olgaView).toMatchObject({ ok: true, data: { party: 'client', canApprove: true, active: { version: 1 } } });
});

it('a site-wide version stored before versions were per project stays in force and readable until the project approves its own', async () => {
  // Exactly what the app wrote when there was one template per site.
  const siteV2 = applyTemplateEdits(DEFAULT_PROCESS_TEMPLATE, [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true }]);
  await sandbox.runAs(APP, async () => {
    await kvs.set('template:eskalationsprozess-default:v0002', siteV2);
    await kvs.set('template-version:eskalationsprozess-default:v0002', {
      ref: SITE_REF,
      basedOn: { id: 'eskalationsprozess-default', version: 1 },
      note: 'Revision 2025',
      proposedBy: DEMO_USERS.sam.accountId,
      proposedAt: '2025-06-01T09:00:00.000Z',
      approvedBy: DEMO_USERS.klaus.accountId,
      approvedAt: '2025-06-02T09:00:00.000Z',
      edits: [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true }],
    });
    await kvs.set('template:active', SITE_REF);
  });

  // A running escalation froze the site-wide v2; new ones in every project start on it as well.
  expect((await start('DEMO-3')).escalation!.template).toEqual(SITE_REF);
  const ops = await createIssue('OPS', 'Backup of OPS fails');
  expect((await start(ops)).escalation!.template).toEqual(SITE_REF);

  const page = await admin(sandbox, 'klaus', 'escalation-review', 'getProcessTemplate', { projectKey: 'DEMO' });
  expect(page.versions.map((v) => [v.ref.version, v.siteWide, v.active])).toEqual([
    [1, false, false],
    [2, true, true],
  ]);
  const draft = await admin(sandbox, 'sam', 'escalation-review', 'saveTemplateDraft', { projectKey: 'DEMO', edits, note: 'DEMO v3' });
  expect(draft.draft).toMatchObject({ base: SITE_REF, template: { id: 'escalation-process:DEMO', version: 3 } });
  await admin(sandbox, 'klaus', 'escalation-review', 'decideTemplateDraft', { projectKey: 'DEMO', decision: 'approve' });

  expect((await start('DEMO-4')).escalation!.template).toEqual({ id: 'escalation-process:DEMO', version: 3 });
  // The escalation on the site-wide v2 keeps it: its ref is read from the layout of before.
  const older = await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'still on the site-wide v2' });
  expect(older.escalation!.template).toEqual(SITE_REF);
  expect((await admin(sandbox, 'ada', 'escalation-admin', 'getProcessTemplate', { projectKey: 'OPS' })).active).toMatchObject(SITE_REF);
  const detail = await admin(sandbox, 'erika', 'escalation-review', 'getTemplateVersion', { projectKey: 'DEMO', version: 3 });
  expect(detail.changelog).toMatchObject({ from: SITE_REF, changed: [{ id: 'L1-C-06' }] });
});
