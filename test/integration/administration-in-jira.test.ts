import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, configureDemoProject, seedDemoEscalations } from '../../sandbox/app-demo/demo-escalations';
import { admin, invokeAdmin } from '../../sandbox/app-demo/admin-invoke';
import { addBusinessDuration } from '../../src/domain/deadlines/add-business-duration';

/**
 * The administration through Forge's real seams: the admin, project settings and review pages' resolver
 * invoked as each person, the panel's resolver starting escalations, KVS holding configuration, template
 * versions, audit entries and the escalation summaries the analytics read.
 */
const appDir = path.resolve(__dirname, '../..');
let sandbox: PlatformSandbox;
const year = { from: '2026-01-01', to: '2027-01-01' };

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
  await seedDemoEscalations(sandbox);
});
afterEach(async () => sandbox.close());

const start = (issueKey: string) => act(sandbox, 'sam', issueKey, 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });

it('analytics over the demo escalations match a hand count', async () => {
  const { analytics: a, projects } = await admin(sandbox, 'erika', 'escalation-review', 'getAnalytics', year);
  expect(projects).toEqual(['DEMO']);
  // DEMO-1: level 2, client notified; DEMO-2: level 1, not notified; DEMO-5: resolved at level 1, not notified.
  expect(a.total).toBe(3);
  expect(a.byStatus).toEqual({ open: 2, resolved: 1, closed: 0 });
  expect(a.byLevelReached.map((r) => r.count)).toEqual([2, 1, 0, 0]);
  expect(a.byTrigger).toEqual([
    { trigger: 'sla-breach', count: 1 },
    { trigger: 'contract-interpretation', count: 2 },
    { trigger: 'other', count: 0 },
  ]);
  expect(a.byProject).toEqual([{ projectKey: 'DEMO', count: 3 }]);
  expect(a.clientNotification).toMatchObject({ count: 1, notNotified: 2, late: 0 });
  // Met, contractor: DEMO-1 (critical, started by the contractor) L1-C-01 and DOC-C-01 by the start record,
  // L1-C-02 and DOC-C-02 by the client notice, L2-C-01 by informing the managements; DEMO-5 L1-C-01 (ticked) and
  // DOC-C-02, DEMO-2 DOC-C-02 (both started by the client: nobody to notify). No two-hour clock ran for those two.
  // Client: L1-K-04 by the plan decisions in DEMO-1 and DEMO-5. Both: level 1 left in time in DEMO-1 and DEMO-5.
  expect(a.deadlines).toEqual([
    { party: 'contractor', met: 8, missed: 0 },
    { party: 'client', met: 2, missed: 0 },
    { party: 'both', met: 2, missed: 0 },
  ]);
  // Left open: only the resolved DEMO-5 counts — 40 obligations of level 1 and documentation, 12 done:
  // ticked L1-C-01, L1-K-01, L1-K-06; by the app L1-C-03, L1-C-07; by records L1-C-04 and L1-K-04 (the plan),
  // L1-C-09 and DOC-C-03 (the root cause), L1-C-02 and DOC-C-02 (the client started it); L1-C-05 (top priority)
  // is not owed for a problem that is not critical.
  expect(a.obligations.reduce((sum, o) => sum + o.leftOpen, 0)).toBe(28);
  expect(a.obligations.find((o) => o.obligationId === 'DOC-C-01')).toMatchObject({ leftOpen: 1, late: 0, mandatory: true });
  expect(a.openActionPlans).toEqual([]);
  expect(a.timeAtLevel.map((r) => r.count)).toEqual([3, 1, 0, 0]);
  const csv = await admin(sandbox, 'sam', 'escalation-review', 'exportAnalyticsCsv', year);
  expect(csv.csv).toContain('levelReached\r\nlevel,escalations\r\n1,2\r\n2,1\r\n');
  expect((await invokeAdmin(sandbox, 'otto', 'escalation-review', 'getAnalytics', year)).ok).toBe(false);
});

it('a changed level time frame applies to the next escalation, and the change is in the audit log', async () => {
  const settings = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  const configuration = structuredClone(settings.configuration);
  configuration.policy.levelTimeFrames = { 1: { amount: 5, unit: 'workingDays' } };
  const saved = await admin(sandbox, 'ada', 'escalation-project-settings', 'saveProjectSettings', { configuration });
  expect(saved.audit[0]).toMatchObject({
    action: 'configuration-changed',
    accountId: '712020:ada-admin',
    changes: [{ path: 'policy.levelTimeFrames.1', before: null, after: { amount: 5, unit: 'workingDays' } }],
  });
  expect((await invokeAdmin(sandbox, 'sam', 'escalation-project-settings', 'getProjectSettings', {})).ok).toBe(false);

  const view = await start('DEMO-3');
  const level = view.escalation!.deadlines.find((d) => d.timeFrame === 'levelTimeFrame')!;
  const expected = addBusinessDuration(
    configuration.policy.calendar,
    new Date(view.escalation!.startedAt),
    { amount: 5, unit: 'workingDays' },
    'business',
  );
  expect(level.dueAt).toBe(expected.toISOString());
});

it('template v2 waits for the client, then new escalations start on v2 while a running one keeps v1', async () => {
  const draft = await admin(sandbox, 'sam', 'escalation-admin', 'saveTemplateDraft', {
    projectKey: 'DEMO',
    note: 'Revision 2026: L1-C-05 gates level 1',
    edits: [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true }],
  });
  expect(draft.draft).toMatchObject({
    template: { id: 'escalation-process:DEMO', version: 2 },
    changelog: { changed: [{ id: 'L1-C-05' }] },
  });
  expect(draft.active.version).toBe(1);
  expect((await start('DEMO-3')).escalation!.template).toEqual({ id: 'eskalationsprozess-default', version: 1 });

  expect(
    (await invokeAdmin(sandbox, 'sam', 'escalation-review', 'decideTemplateDraft', { projectKey: 'DEMO', decision: 'approve' })).ok,
  ).toBe(false);
  const approved = await admin(sandbox, 'klaus', 'escalation-review', 'decideTemplateDraft', { projectKey: 'DEMO', decision: 'approve' });
  expect(approved.active.version).toBe(2);
  expect(approved.versions.map((v) => [v.ref.version, v.active])).toEqual([
    [1, false],
    [2, true],
  ]);

  expect((await start('DEMO-4')).escalation!.template).toEqual({ id: 'escalation-process:DEMO', version: 2 });
  const older = await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'still on v1' });
  expect(older.escalation!.template.version).toBe(1);
  const detail = await admin(sandbox, 'erika', 'escalation-review', 'getTemplateVersion', { projectKey: 'DEMO', version: 2 });
  expect(detail.changelog!.changed[0]!.changes).toEqual([{ field: 'mandatoryToLeaveStage', before: false, after: true }]);
});

it('the yearly review is approved by both parties and exported to Confluence', async () => {
  const content = {
    period: year,
    findings: 'Zwei von drei Eskalationen ohne Benachrichtigung.',
    contractorFeedback: 'ok',
    clientFeedback: 'ok',
    agreedChanges: 'L1-C-05 verpflichtend.',
    training: 'Schulung im Januar.',
  };
  const DEMO = { projectKey: 'DEMO' };
  await admin(sandbox, 'sam', 'escalation-review', 'saveReview', { ...DEMO, id: '2026', content });
  await admin(sandbox, 'sam', 'escalation-review', 'approveReview', { ...DEMO, id: '2026', revision: 1 });
  const done = await admin(sandbox, 'klaus', 'escalation-review', 'approveReview', { ...DEMO, id: '2026', revision: 1 });
  expect(done.reviews[0]!.approved).toBe(true);
  expect(done.reminder.state).toBe('ok');
  expect((await admin(sandbox, 'erika', 'escalation-review', 'getAnalytics', year)).reminder).toMatchObject({ state: 'ok' });
  const exported = await admin(sandbox, 'klaus', 'escalation-review', 'exportReview', {
    ...DEMO,
    id: '2026',
    locale: 'de',
    spaceKey: 'ESC',
  });
  const page = exported.reviews[0]!.exports[0]!;
  const response = await sandbox.confluence(
    { method: 'GET', path: `/wiki/api/v2/pages/${page.pageId}?body-format=storage` },
    { kind: 'user', accountId: '712020:klaus-kunde' },
  );
  expect(response.status).toBe(200);
  expect(response.body).toContain('Revision des Eskalationsprozesses 2026 – DEMO');
  expect(response.body).toContain('Zwei von drei Eskalationen ohne Benachrichtigung.');
});

it('contacts, critical priorities, status update interval, client response, calendar and report page are saved and audited; an invalid value changes nothing', async () => {
  const settings = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  expect(settings.priorities).toEqual(expect.arrayContaining(['Highest', 'High']));
  const klaus = (await admin(sandbox, 'ada', 'escalation-project-settings', 'searchUsers', { query: 'Kla' })).find(
    (u) => u.displayName === 'Klaus Kunde',
  );
  expect(klaus).toEqual({ accountId: '712020:klaus-kunde', displayName: 'Klaus Kunde' });
  expect((await invokeAdmin(sandbox, 'sam', 'escalation-project-settings', 'searchUsers', { query: 'Kla' })).ok).toBe(false);

  const configuration = structuredClone(settings.configuration);
  configuration.contacts = {
    1: { client: { accountIds: [klaus!.accountId], groups: [] } },
    3: { contractor: { accountIds: [], groups: ['contractor-managers'] } },
  };
  configuration.criticalPriorities = ['Highest', 'High'];
  configuration.policy.timeFrames = {
    ...configuration.policy.timeFrames,
    statusUpdateInterval: { amount: 2, unit: 'hours' },
    clientResponse: { amount: 1, unit: 'workingDays' },
  };
  configuration.policy.calendar = { ...configuration.policy.calendar, workingDays: [1, 2, 3, 4], extraClosedDates: ['2026-12-24'] };
  configuration.reports = { spaceKey: 'ESC', parentPageId: '98306' };
  const saved = await admin(sandbox, 'ada', 'escalation-project-settings', 'saveProjectSettings', { configuration });
  expect(saved.people[klaus!.accountId]).toBe('Klaus Kunde');
  expect(saved.audit[0]).toMatchObject({ action: 'configuration-changed', accountId: '712020:ada-admin' });
  expect(saved.audit[0]!.changes.map((c) => c.path)).toEqual([
    'contacts.1',
    'contacts.3',
    'criticalPriorities',
    'policy.calendar.extraClosedDates',
    'policy.calendar.workingDays',
    'policy.timeFrames.clientResponse',
    'policy.timeFrames.statusUpdateInterval',
    'reports.parentPageId',
  ]);
  expect(saved.audit[0]!.changes.find((c) => c.path === 'criticalPriorities')).toEqual({
    path: 'criticalPriorities',
    before: ['Highest'],
    after: ['Highest', 'High'],
  });

  // Rejected by the schema before anything is stored: the configuration and the audit log stay as they were.
  for (const broken of [
    { ...saved.configuration, reports: { spaceKey: 'not a key!' } },
    { ...saved.configuration, contacts: { 5: { client: { accountIds: ['x'], groups: [] } } } },
    {
      ...saved.configuration,
      policy: { ...saved.configuration.policy, calendar: { ...saved.configuration.policy.calendar, timeZone: 'Mars/Olympus' } },
    },
  ]) {
    const response = await invokeAdmin(sandbox, 'ada', 'escalation-project-settings', 'saveProjectSettings', {
      configuration: broken as typeof configuration,
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  }
  const after = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  expect(after.configuration).toEqual(saved.configuration);
  expect(after.audit).toEqual(saved.audit);
});

it('arbitration bodies: the contractor proposes, only the client party approves, each step audited', async () => {
  const proposed = await admin(sandbox, 'sam', 'escalation-review', 'proposeArbitrationBody', {
    projectKey: 'DEMO',
    name: 'DIS – Deutsche Institution für Schiedsgerichtsbarkeit',
    details: 'www.disarb.org',
  });
  expect(proposed.bodies).toEqual([expect.objectContaining({ id: 'ab-1', status: 'proposed', proposedBy: '712020:sam-service' })]);
  expect((await invokeAdmin(sandbox, 'klaus', 'escalation-review', 'proposeArbitrationBody', { projectKey: 'DEMO', name: 'IHK' })).ok).toBe(
    false,
  );
  for (const user of ['sam', 'carla', 'ada', 'otto'] as const) {
    const response = await invokeAdmin(sandbox, user, 'escalation-review', 'decideArbitrationBody', {
      projectKey: 'DEMO',
      id: 'ab-1',
      decision: 'approve',
    });
    expect(response).toMatchObject({ ok: false });
  }
  expect((await admin(sandbox, 'klaus', 'escalation-review', 'getArbitrationBodies', { projectKey: 'DEMO' })).bodies[0]!.status).toBe(
    'proposed',
  );

  const approved = await admin(sandbox, 'klaus', 'escalation-review', 'decideArbitrationBody', {
    projectKey: 'DEMO',
    id: 'ab-1',
    decision: 'approve',
  });
  expect(approved.bodies[0]).toMatchObject({ status: 'approved', decidedBy: '712020:klaus-kunde', decidedAt: sandbox.now().toISOString() });
  expect(approved.audit.map((a) => [a.action, a.accountId])).toEqual([
    ['arbitration-body-approved', '712020:klaus-kunde'],
    ['arbitration-body-proposed', '712020:sam-service'],
  ]);
  // The project admin sees the same list and the entries in the project's change history; the form cannot change it.
  const settings = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  expect(settings.audit.map((a) => a.action)).toEqual(['arbitration-body-approved', 'arbitration-body-proposed']);
  await admin(sandbox, 'ada', 'escalation-project-settings', 'saveProjectSettings', {
    configuration: { ...settings.configuration, arbitrationBodies: [] },
  });
  expect((await admin(sandbox, 'erika', 'escalation-review', 'getArbitrationBodies', { projectKey: 'DEMO' })).bodies).toHaveLength(1);
});
