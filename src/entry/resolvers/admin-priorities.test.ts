import { DEFAULT_PROJECT_CONFIGURATION } from '../../domain/configuration/project-configuration';
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
