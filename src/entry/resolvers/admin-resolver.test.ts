import { DEFAULT_PROJECT_CONFIGURATION } from '../../domain/configuration/project-configuration';
import { demoSummaries } from '../../domain/analytics/testing-logs';
import { adminResolverHarness } from './testing/admin-resolver-harness';

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

describe('process template versions', () => {
  const edits = [
    { type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true },
    { type: 'set-time-frame-default', key: 'levelTimeFrame', duration: { amount: 4, unit: 'workingDays' } },
  ];

  it('a draft waits for the client party; approval publishes v2 and keeps v1 readable', async () => {
    const { world, invoke } = setup();
    const proposed = await invoke('saveTemplateDraft', { edits, note: 'Yearly review 2026' }, 'sam');
    expect(proposed).toMatchObject({
      ok: true,
      data: { active: { version: 1 }, canPropose: true, canApprove: false, draft: { template: { version: 2 }, proposedBy: 'sam' } },
    });
    expect(proposed.data.draft!.changelog.changed).toEqual([
      { id: 'L1-C-05', party: 'contractor', section: 'level-1', changes: [{ field: 'mandatoryToLeaveStage', before: false, after: true }] },
    ]);
    expect(world.active).toBe(1);

    expect((await invoke('decideTemplateDraft', { decision: 'approve' }, 'sam')).error.code).toBe('not-a-party');
    expect((await invoke('decideTemplateDraft', { decision: 'reject' }, 'klaus')).error.code).toBe('invalid-payload');
    const rejected = await invoke('decideTemplateDraft', { decision: 'reject', comment: 'Keep L1-C-05 optional for now?' }, 'klaus');
    expect(rejected.data.draft!.rejection).toMatchObject({ by: 'klaus', comment: 'Keep L1-C-05 optional for now?' });

    const approved = await invoke('decideTemplateDraft', { decision: 'approve' }, 'klaus');
    expect(approved.data).toMatchObject({ active: { version: 2 }, draft: null });
    expect(approved.data.versions.map((v) => [v.ref.version, v.active, v.approvedBy ?? null])).toEqual([
      [1, false, null],
      [2, true, 'klaus'],
    ]);
    expect(world.versions.get(1)!.obligations.find((o) => o.id === 'L1-C-05')!.mandatoryToLeaveStage).toBe(false);
    expect(approved.data.audit.map((a) => a.action)).toEqual(['version-approved', 'version-rejected', 'version-proposed']);

    const detail = await invoke('getTemplateVersion', { version: 2 }, 'klaus');
    expect(detail.data.changelog!.timeFrames).toEqual([
      { key: 'levelTimeFrame', before: { amount: 3, unit: 'workingDays' }, after: { amount: 4, unit: 'workingDays' } },
    ]);
  });

  it('refuses outsiders, empty drafts and self-approval', async () => {
    const { world, invoke } = setup();
    expect((await invoke('saveTemplateDraft', { edits, note: 'x' }, 'otto')).error.code).toBe('forbidden');
    expect((await invoke('saveTemplateDraft', { edits: [], note: 'x' }, 'ada')).error).toMatchObject({
      code: 'rejected',
      reason: 'template-draft-empty',
    });
    world.users.set('both', { accountId: 'both', groups: ['client-team'], jiraAdmin: true });
    await invoke('saveTemplateDraft', { edits, note: 'x' }, 'both');
    expect((await invoke('decideTemplateDraft', { decision: 'approve' }, 'both')).error.code).toBe('forbidden');
    expect((await invoke('discardTemplateDraft', {}, 'ada')).data.draft).toBeNull();
  });
});

describe('revision analytics and the yearly review', () => {
  it('shows admins every project and parties only theirs, with CSV', async () => {
    const { world, invoke } = setup();
    for (const s of demoSummaries()) world.summaries.set(s.issueId, s);
    const period = { from: '2026-01-01', to: '2027-01-01' };
    expect((await invoke('getAnalytics', period, 'ada')).data).toMatchObject({ projects: null, analytics: { total: 3 } });
    // sam is a party in P1 (configured) only; P2 is unconfigured and sam is not in the default groups.
    expect((await invoke('getAnalytics', period, 'sam')).data).toMatchObject({ projects: ['P1'], analytics: { total: 2 } });
    expect((await invoke('getAnalytics', { ...period, projectKey: 'P2' }, 'ada')).data.analytics.total).toBe(1);
    expect((await invoke('getAnalytics', period, 'otto')).error.code).toBe('not-a-party');
    expect((await invoke('getAnalytics', { from: '2027-01-01', to: '2026-01-01' }, 'ada')).error.code).toBe('invalid-payload');
    const csv = await invoke('exportAnalyticsCsv', period, 'sam');
    expect(csv.data.filename).toBe('escalation-analytics-2026-01-01-2027-01-01.csv');
    expect(csv.data.csv).toContain('period\r\n');
  });

  it('both parties approve the same revision; the record exports to Confluence; the reminder follows', async () => {
    const { world, invoke } = setup();
    const content = {
      period: { from: '2026-01-01', to: '2027-01-01' },
      findings: 'Notification often late.',
      contractorFeedback: 'More staff at night.',
      clientFeedback: 'Faster plans.',
      agreedChanges: 'L1-C-05 mandatory.',
      training: 'Workshop in January.',
    };
    let view = await invoke('getReviews', {}, 'sam');
    expect(view.data.reminder.state).toBe('overdue');
    view = await invoke('saveReview', { id: '2026', content }, 'sam');
    expect(view.data.reviews[0]).toMatchObject({ id: '2026', revision: 1, approved: false });
    await invoke('approveReview', { id: '2026', revision: 1 }, 'sam');
    await invoke('saveReview', { id: '2026', content: { ...content, findings: 'Notification late twice.' } }, 'klaus');
    expect((await invoke('approveReview', { id: '2026', revision: 1 }, 'klaus')).error.code).toBe('conflict');
    await invoke('approveReview', { id: '2026', revision: 2 }, 'klaus');
    view = await invoke('approveReview', { id: '2026', revision: 2 }, 'sam');
    expect(view.data.reviews[0]).toMatchObject({ revision: 2, approved: true });
    expect(view.data.reminder).toMatchObject({ state: 'ok', dueAt: '2027-11-23T09:00:00.000Z' });
    view = await invoke('exportReview', { id: '2026', locale: 'de', spaceKey: 'ESC' }, 'klaus');
    expect(world.published[0]).toMatchObject({ spaceKey: 'ESC', title: 'Revision des Eskalationsprozesses 2026' });
    expect(world.published[0]!.storage).toContain('<p>Notification late twice.</p>');
    expect(view.data.reviews[0]!.exports).toHaveLength(1);
    expect(view.data.audit.map((a) => a.action)).toEqual([
      'review-exported',
      'review-approved',
      'review-approved',
      'review-changed',
      'review-approved',
      'review-created',
    ]);
    expect((await invoke('saveReview', { id: '2026', content }, 'otto')).error.code).toBe('not-a-party');
  });
});
