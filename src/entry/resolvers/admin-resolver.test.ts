import { DEFAULT_PROJECT_CONFIGURATION } from '../../domain/configuration/project-configuration';
import { demoSummaries } from '../../domain/analytics/testing-logs';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { refKey } from '../../usecases/testing/in-memory-admin-deps';
import { adminResolverHarness, CONTRACTOR_GROUPS } from './testing/admin-resolver-harness';

const setup = () => adminResolverHarness('jira:adminPage');

describe('project settings', () => {
  it('lets project and Jira admins change the configuration and records who, when, before and after', async () => {
    const { world, invoke } = setup();
    const get = await invoke('getProjectSettings', {}, 'pete', 'P1');
    expect(get).toMatchObject({ ok: true, data: { projectKey: 'P1', canEdit: true, isDefault: false, audit: [] } });
    const configuration = structuredClone(get.data.configuration);
    configuration.policy.levelTimeFrames = { 1: { amount: 5, unit: 'workingDays' } };
    const saved = await invoke('saveProjectSettings', { configuration }, 'pete', 'P1');
    expect(saved.ok).toBe(true);
    expect(world.configurations.get('P1')!.policy.levelTimeFrames[1]).toEqual({ amount: 5, unit: 'workingDays' });
    expect(saved.data.audit).toEqual([
      expect.objectContaining({
        seq: 1,
        accountId: 'pete',
        target: 'project:P1',
        action: 'configuration-changed',
        at: '2026-11-23T09:00:00.000Z',
        changes: [{ path: 'policy.levelTimeFrames.1', before: null, after: { amount: 5, unit: 'workingDays' } }],
      }),
    ]);
    // Saving the same again records nothing new; a Jira admin may configure any project from the admin page.
    await invoke('saveProjectSettings', { configuration }, 'pete', 'P1');
    expect(world.audit).toHaveLength(1);
    expect((await invoke('saveProjectSettings', { projectKey: 'P2', configuration }, 'ada')).data).toMatchObject({
      projectKey: 'P2',
      audit: [{ action: 'configuration-created' }],
    });
  });

  it('refuses others, takes the project from the page context and validates before saving', async () => {
    const { world, invoke } = setup();
    expect((await invoke('getProjectSettings', {}, 'sam', 'P1')).error.code).toBe('forbidden');
    // pete administers P1 only: a payload cannot point the P1 settings page at P2, and the admin page needs rights on P2.
    expect(
      (await invoke('saveProjectSettings', { projectKey: 'P2', configuration: DEFAULT_PROJECT_CONFIGURATION }, 'pete')).error.code,
    ).toBe('forbidden');
    const broken = { ...DEFAULT_PROJECT_CONFIGURATION, policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, warnFraction: 3 } };
    const response = await invoke('saveProjectSettings', { configuration: broken }, 'pete', 'P1');
    expect(response.error).toMatchObject({
      code: 'invalid-payload',
      fields: { 'configuration.policy.warnFraction': expect.any(String) as unknown },
    });
    expect(world.audit).toHaveLength(0);
    expect((await invoke('getProjectSettings', {}, 'pete')).error.code).toBe('invalid-payload');
  });
});

describe('a critical priority starts an escalation only where the project opts in', () => {
  it('is off by default, saved and audited when switched on, and refused unless a yes or no', async () => {
    const { world, invoke } = setup();
    const get = await invoke('getProjectSettings', {}, 'pete', 'P1');
    expect(get.data.configuration.autoStartOnCriticalPriority).toBe(false);

    const saved = await invoke(
      'saveProjectSettings',
      { configuration: { ...get.data.configuration, autoStartOnCriticalPriority: true } },
      'pete',
      'P1',
    );
    expect(saved.data.configuration.autoStartOnCriticalPriority).toBe(true);
    expect(world.configurations.get('P1')!.autoStartOnCriticalPriority).toBe(true);
    expect(saved.data.audit[0]!.changes).toEqual([{ path: 'autoStartOnCriticalPriority', before: false, after: true }]);

    const refused = await invoke(
      'saveProjectSettings',
      { configuration: { ...get.data.configuration, autoStartOnCriticalPriority: 'yes' } },
      'pete',
      'P1',
    );
    expect(refused.error).toMatchObject({
      code: 'invalid-payload',
      fields: { 'configuration.autoStartOnCriticalPriority': expect.any(String) as unknown },
    });
    expect(world.configurations.get('P1')!.autoStartOnCriticalPriority).toBe(true);
    expect(world.audit).toHaveLength(1);
  });
});

describe('process template versions, one line per project (contract)', () => {
  const edits = [
    { type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true },
    { type: 'set-time-frame-default', key: 'levelTimeFrame', duration: { amount: 4, unit: 'workingDays' } },
  ];
  const P1 = { projectKey: 'P1' };

  it("a project's draft waits for its client party; approval publishes the project's v2 and keeps v1 readable", async () => {
    const { world, invoke } = setup();
    const proposed = await invoke('saveTemplateDraft', { ...P1, edits, note: 'Yearly review 2026' }, 'sam');
    expect(proposed).toMatchObject({
      ok: true,
      data: {
        projectKey: 'P1',
        party: 'contractor',
        active: { version: 1 },
        canPropose: true,
        canApprove: false,
        draft: { template: { id: 'escalation-process:P1', version: 2 }, proposedBy: 'sam' },
      },
    });
    expect(proposed.data.draft!.changelog.changed).toEqual([
      { id: 'L1-C-05', party: 'contractor', section: 'level-1', changes: [{ field: 'mandatoryToLeaveStage', before: false, after: true }] },
    ]);
    expect(world.active.size).toBe(0);

    expect((await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'sam')).error.code).toBe('not-a-party');
    expect((await invoke('decideTemplateDraft', { ...P1, decision: 'reject' }, 'klaus')).error.code).toBe('invalid-payload');
    const rejected = await invoke('decideTemplateDraft', { ...P1, decision: 'reject', comment: 'Keep L1-C-05 optional for now?' }, 'klaus');
    expect(rejected.data.draft!.rejection).toMatchObject({ by: 'klaus', comment: 'Keep L1-C-05 optional for now?' });

    const approved = await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'klaus');
    expect(approved.data).toMatchObject({ active: { id: 'escalation-process:P1', version: 2 }, draft: null });
    expect(approved.data.versions.map((v) => [v.ref.id, v.ref.version, v.active, v.approvedBy ?? null])).toEqual([
      ['eskalationsprozess-default', 1, false, null],
      ['escalation-process:P1', 2, true, 'klaus'],
    ]);
    expect(world.active.get('P1')).toEqual({ id: 'escalation-process:P1', version: 2 });
    expect(world.records.map((r) => r.basedOn)).toEqual([{ id: 'eskalationsprozess-default', version: 1 }]);
    expect(approved.data.audit.map((a) => [a.target, a.action])).toEqual([
      ['project-template:P1', 'version-approved'],
      ['project-template:P1', 'version-rejected'],
      ['project-template:P1', 'version-proposed'],
    ]);

    const detail = await invoke('getTemplateVersion', { ...P1, version: 2 }, 'klaus');
    expect(detail.data.changelog!.timeFrames).toEqual([
      { key: 'levelTimeFrame', before: { amount: 3, unit: 'workingDays' }, after: { amount: 4, unit: 'workingDays' } },
    ]);
    expect(
      (await invoke('getTemplateVersion', { ...P1, version: 1 }, 'klaus')).data.template.obligations.find((o) => o.id === 'L1-C-05'),
    ).toMatchObject({ mandatoryToLeaveStage: false });
    // Another project is untouched: it still runs on the built-in annex, with no draft.
    expect((await invoke('getProcessTemplate', { projectKey: 'P2' }, 'ada')).data).toMatchObject({
      active: { id: 'eskalationsprozess-default', version: 1 },
      draft: null,
      audit: [],
    });
  });

  it("a client of another project cannot approve this project's draft; nothing is published; this project's client can", async () => {
    const { world, invoke } = setup();
    world.addUser({ accountId: 'bea', groups: ['client-b-team'] });
    world.configurations.set('P2', {
      ...DEFAULT_PROJECT_CONFIGURATION,
      parties: { contractor: { groups: CONTRACTOR_GROUPS }, client: { groups: ['client-b-team'] } },
    });
    await invoke('saveTemplateDraft', { ...P1, edits, note: 'For P1 only' }, 'sam');

    // bea is the client party of P2: in P1 she is nobody, so she may neither see nor decide P1's draft.
    expect((await invoke('getProcessTemplate', { projectKey: 'P2' }, 'bea')).data).toMatchObject({ party: 'client', canApprove: true });
    const refused = await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'bea');
    expect(refused.error.code).toBe('forbidden');
    expect(world.records).toEqual([]);
    expect(world.active.size).toBe(0);
    expect(world.drafts.get('P1')).toMatchObject({ note: 'For P1 only' });
    // The same from P1's own settings page context: the page's project wins over any payload.
    expect((await invoke('decideTemplateDraft', { decision: 'approve' }, 'bea', 'P1')).error.code).toBe('forbidden');
    // ben administers P1 and is P2's client: he may see P1's draft, but P1's client party decides it.
    world.addUser({ accountId: 'ben', groups: ['client-b-team'], projectAdminOf: ['P1'] });
    expect((await invoke('getProcessTemplate', P1, 'ben')).data).toMatchObject({ party: null, canApprove: false });
    expect((await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'ben')).error.code).toBe('not-a-party');
    // Nor can her approval for P2 reach P1's draft: P2 has no draft.
    expect((await invoke('decideTemplateDraft', { projectKey: 'P2', decision: 'approve' }, 'bea')).error.code).toBe('not-found');
    expect(world.records).toEqual([]);

    const approved = await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'klaus');
    expect(approved.data.active).toMatchObject({ id: 'escalation-process:P1', version: 2 });
    expect(world.records.map((r) => [r.ref, r.approvedBy])).toEqual([[{ id: 'escalation-process:P1', version: 2 }, 'klaus']]);
  });

  it('refuses outsiders, empty drafts, self-approval and a page without a project', async () => {
    const { world, invoke } = setup();
    expect((await invoke('saveTemplateDraft', { ...P1, edits, note: 'x' }, 'otto')).error.code).toBe('forbidden');
    expect((await invoke('getProcessTemplate', {}, 'ada')).error.code).toBe('invalid-payload');
    expect((await invoke('saveTemplateDraft', { ...P1, edits: [], note: 'x' }, 'ada')).error).toMatchObject({
      code: 'rejected',
      reason: 'template-draft-empty',
    });
    world.users.set('both', { accountId: 'both', groups: ['client-team'], jiraAdmin: true });
    await invoke('saveTemplateDraft', { ...P1, edits, note: 'x' }, 'both');
    expect((await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'both')).error.code).toBe('forbidden');
    expect((await invoke('discardTemplateDraft', P1, 'ada')).data.draft).toBeNull();
  });

  it('a site-wide version from before stays in force for every project until the project approves its own, which is based on it', async () => {
    const { world, invoke } = setup();
    // The layout before versions were per project: v2 approved for the whole site.
    const siteV2 = { ...DEFAULT_PROCESS_TEMPLATE, version: 2, timeFrames: DEFAULT_PROCESS_TEMPLATE.timeFrames.slice() };
    world.versions.set(refKey(siteV2), siteV2);
    world.records.push({
      ref: { id: siteV2.id, version: 2 },
      basedOn: { id: siteV2.id, version: 1 },
      note: 'Site-wide 2025',
      proposedBy: 'sam',
      proposedAt: '2025-06-01T09:00:00.000Z',
      approvedBy: 'kira',
      approvedAt: '2025-06-02T09:00:00.000Z',
      edits: [],
    });
    world.siteActive = { id: siteV2.id, version: 2 };

    const before = await invoke('getProcessTemplate', P1, 'sam');
    expect(before.data.active).toMatchObject({ id: 'eskalationsprozess-default', version: 2 });
    expect(before.data.versions.map((v) => [v.ref.version, v.siteWide, v.active])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);

    const proposed = await invoke('saveTemplateDraft', { ...P1, edits, note: 'P1 on top of the site version' }, 'sam');
    expect(proposed.data.draft).toMatchObject({ base: { id: 'eskalationsprozess-default', version: 2 }, template: { version: 3 } });
    await invoke('decideTemplateDraft', { ...P1, decision: 'approve' }, 'klaus');

    expect((await invoke('getProcessTemplate', P1, 'ada')).data.versions.map((v) => [v.ref.id, v.ref.version, v.active])).toEqual([
      ['eskalationsprozess-default', 1, false],
      ['eskalationsprozess-default', 2, false],
      ['escalation-process:P1', 3, true],
    ]);
    expect((await invoke('getProcessTemplate', { projectKey: 'P2' }, 'ada')).data.active).toMatchObject({
      id: 'eskalationsprozess-default',
      version: 2,
    });
    // The change log of P1's v3 is against what it was based on: the site-wide v2.
    const detail = await invoke('getTemplateVersion', { ...P1, version: 3 }, 'ada');
    expect(detail.data.changelog).toMatchObject({ from: { version: 2 }, to: { id: 'escalation-process:P1', version: 3 } });
  });
});

describe('revision analytics and the yearly review, per project', () => {
  const content = {
    period: { from: '2026-01-01', to: '2027-01-01' },
    findings: 'Notification often late.',
    contractorFeedback: 'More staff at night.',
    clientFeedback: 'Faster plans.',
    agreedChanges: 'L1-C-05 mandatory.',
    training: 'Workshop in January.',
  };
  const P1 = { projectKey: 'P1' };

  it('shows admins every project and parties only theirs, with CSV; the reminder is the project’s', async () => {
    const { world, invoke } = setup();
    for (const s of demoSummaries()) world.summaries.set(s.issueId, s);
    const period = { from: '2026-01-01', to: '2027-01-01' };
    expect((await invoke('getAnalytics', period, 'ada')).data).toMatchObject({ projects: null, analytics: { total: 3 }, reminder: null });
    // sam is a party in P1 (configured) only; P2 is unconfigured and sam is not in the default groups.
    expect((await invoke('getAnalytics', period, 'sam')).data).toMatchObject({
      projects: ['P1'],
      analytics: { total: 2 },
      reminder: { state: 'overdue' },
    });
    expect((await invoke('getAnalytics', { ...period, projectKey: 'P2' }, 'ada')).data).toMatchObject({
      analytics: { total: 1 },
      reminder: { state: 'overdue' },
    });
    expect((await invoke('getAnalytics', period, 'otto')).error.code).toBe('not-a-party');
    expect((await invoke('getAnalytics', { from: '2027-01-01', to: '2026-01-01' }, 'ada')).error.code).toBe('invalid-payload');
    const csv = await invoke('exportAnalyticsCsv', period, 'sam');
    expect(csv.data.filename).toBe('escalation-analytics-2026-01-01-2027-01-01.csv');
    expect(csv.data.csv).toContain('period\r\n');

    // P1's approved review makes P1's reminder "ok"; P2's stays overdue.
    world.reviews.set('P1:2026', approvedReview('2026'));
    expect((await invoke('getAnalytics', period, 'sam')).data.reminder).toMatchObject({ state: 'ok' });
    expect((await invoke('getAnalytics', { ...period, projectKey: 'P2' }, 'ada')).data.reminder).toMatchObject({ state: 'overdue' });
  });

  it('both parties of the project approve the same revision; the record exports to Confluence with the project’s figures', async () => {
    const { world, invoke } = setup();
    for (const s of demoSummaries()) world.summaries.set(s.issueId, s);
    let view = await invoke('getReviews', P1, 'sam');
    expect(view.data).toMatchObject({ projectKey: 'P1', party: 'contractor', reminder: { state: 'overdue' } });
    view = await invoke('saveReview', { ...P1, id: '2026', content }, 'sam');
    expect(view.data.reviews[0]).toMatchObject({ id: '2026', revision: 1, approved: false });
    await invoke('approveReview', { ...P1, id: '2026', revision: 1 }, 'sam');
    await invoke('saveReview', { ...P1, id: '2026', content: { ...content, findings: 'Notification late twice.' } }, 'klaus');
    expect((await invoke('approveReview', { ...P1, id: '2026', revision: 1 }, 'klaus')).error.code).toBe('conflict');
    await invoke('approveReview', { ...P1, id: '2026', revision: 2 }, 'klaus');
    view = await invoke('approveReview', { ...P1, id: '2026', revision: 2 }, 'sam');
    expect(view.data.reviews[0]).toMatchObject({ revision: 2, approved: true });
    expect(view.data.reminder).toMatchObject({ state: 'ok', dueAt: '2027-11-23T09:00:00.000Z' });
    view = await invoke('exportReview', { ...P1, id: '2026', locale: 'de', spaceKey: 'ESC' }, 'klaus');
    expect(world.published[0]).toMatchObject({ spaceKey: 'ESC', title: 'Revision des Eskalationsprozesses 2026 – P1' });
    expect(world.published[0]!.storage).toContain('<p>Notification late twice.</p>');
    // Only P1's two escalations are P1's figures (P2 has one more).
    expect(world.published[0]!.storage).toContain('<p>Eskalationen: 2</p>');
    expect(view.data.reviews[0]!.exports).toHaveLength(1);
    expect(view.data.audit.map((a) => [a.target, a.action])).toEqual(
      ['review-exported', 'review-approved', 'review-approved', 'review-changed', 'review-approved', 'review-created'].map((a) => [
        'project-review:P1',
        a,
      ]),
    );
    expect((await invoke('saveReview', { ...P1, id: '2026', content }, 'otto')).error.code).toBe('not-a-party');
    // P2's review is another record: P1's approval does not count there.
    expect((await invoke('getReviews', { projectKey: 'P2' }, 'ada')).data).toMatchObject({ reviews: [], reminder: { state: 'overdue' } });
  });

  it('a party approves only for its party in that project', async () => {
    const { world, invoke } = setup();
    world.addUser({ accountId: 'bea', groups: ['client-b-team'] });
    world.configurations.set('P2', {
      ...DEFAULT_PROJECT_CONFIGURATION,
      parties: { contractor: { groups: ['contractor-b-team'] }, client: { groups: ['client-b-team'] } },
    });
    await invoke('saveReview', { ...P1, id: '2026', content }, 'sam');
    // bea is P2's client: P1's review is not hers to write or approve.
    expect((await invoke('approveReview', { ...P1, id: '2026', revision: 1 }, 'bea')).error.code).toBe('not-a-party');
    expect((await invoke('saveReview', { ...P1, id: '2026', content }, 'bea')).error.code).toBe('not-a-party');
    expect(world.reviews.get('P1:2026')!.approvals).toEqual([]);
    // klaus is P1's client and nobody in P2.
    await invoke('saveReview', { projectKey: 'P2', id: '2026', content }, 'bea');
    expect((await invoke('approveReview', { projectKey: 'P2', id: '2026', revision: 1 }, 'klaus')).error.code).toBe('not-a-party');
    const approved = await invoke('approveReview', { projectKey: 'P2', id: '2026', revision: 1 }, 'bea');
    expect(approved.data.reviews[0]!.approvals).toMatchObject([{ party: 'client', accountId: 'bea' }]);
  });

  it('site-wide reviews from before stay readable in every project and their approval counts for the reminder', async () => {
    const { world, invoke } = setup();
    world.siteReviews.push(approvedReview('2026'));
    const view = await invoke('getReviews', P1, 'sam');
    expect(view.data).toMatchObject({ reviews: [], siteWideReviews: [{ id: '2026', approved: true }], reminder: { state: 'ok' } });
    // They are read only: a project's review of the same year is its own record.
    await invoke('saveReview', { ...P1, id: '2026', content }, 'sam');
    expect(world.siteReviews[0]!.revision).toBe(1);
    expect(world.reviews.get('P1:2026')).toMatchObject({ revision: 1, approvals: [] });
  });
});

/** A review both parties approved on 2026-11-20. */
function approvedReview(id: string) {
  const at = '2026-11-20T09:00:00.000Z';
  return {
    id,
    content: {
      period: { from: '2025-01-01', to: '2026-01-01' },
      findings: 'f',
      contractorFeedback: '',
      clientFeedback: '',
      agreedChanges: '',
      training: '',
    },
    revision: 1,
    approvals: [
      { party: 'contractor' as const, accountId: 'sam', at, revision: 1 },
      { party: 'client' as const, accountId: 'klaus', at, revision: 1 },
    ],
    createdBy: 'sam',
    createdAt: at,
    updatedBy: 'sam',
    updatedAt: at,
    exports: [],
  };
}
