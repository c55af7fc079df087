import { DEFAULT_PROJECT_CONFIGURATION } from '../../domain/configuration/project-configuration';
import { demoSummaries } from '../../domain/analytics/testing-logs';
import type { SweepIssue } from '../../usecases/escalation-sweep-deps';
import { REPROJECTION_BATCH, saveProjectSettings } from '../../usecases/project-settings-use-cases';
import { adminResolverHarness } from './testing/admin-resolver-harness';

describe('critical priorities in the project settings', () => {
  it("refuses a priority this site does not have, so one project's typo cannot break the others' search", async () => {
    const { world, invoke } = adminResolverHarness('jira:adminPage');
    const configuration = { ...DEFAULT_PROJECT_CONFIGURATION, criticalPriorities: ['Highest', 'Hihgest'] };
    const response = await invoke('saveProjectSettings', { configuration }, 'pete', 'P1');
    expect(response.error).toMatchObject({ code: 'invalid-payload', message: expect.stringContaining('"Hihgest"') as unknown });
    expect(world.audit).toHaveLength(0);
    const fine = await invoke(
      'saveProjectSettings',
      { configuration: { ...configuration, criticalPriorities: ['highest'] } },
      'pete',
      'P1',
    );
    expect(fine.ok).toBe(true);
  });
});

describe('a policy change re-projects running escalations', () => {
  it("hands the project's open escalations to the sweep queue in bounded batches, and nothing else", async () => {
    const { world } = adminResolverHarness('jira:adminPage');
    const pushed: (readonly SweepIssue[])[] = [];
    for (const s of demoSummaries()) world.summaries.set(s.issueId, s);
    const open = demoSummaries().filter((s) => s.projectKey === 'P1' && s.status === 'open');
    const deps = {
      ...world.deps(),
      sweepQueue: { push: (batches: readonly (readonly SweepIssue[])[]) => Promise.resolve(void pushed.push(...batches)) },
    };
    world.currentUser = 'pete';
    const configuration = structuredClone(world.configurations.get('P1')!);
    configuration.policy.levelTimeFrames = { 1: { amount: 1, unit: 'hours' } };
    await saveProjectSettings(deps, { accountId: 'pete', projectKey: 'P1' }, { configuration });
    expect(open.length).toBeGreaterThan(0);
    expect(
      pushed
        .flat()
        .map((i) => i.key)
        .sort(),
    ).toEqual(open.map((s) => s.issueKey).sort());
    expect(pushed.every((batch) => batch.length <= REPROJECTION_BATCH && batch.every((i) => i.projectKey === 'P1'))).toBe(true);
    // Contacts only: deadlines are unchanged, nothing to re-project.
    pushed.length = 0;
    await saveProjectSettings(deps, { accountId: 'pete', projectKey: 'P1' }, { configuration: { ...configuration, contacts: { 1: {} } } });
    expect(pushed).toHaveLength(0);
  });
});
