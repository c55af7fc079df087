import { DEFAULT_PROJECT_CONFIGURATION } from '../../../domain/configuration/project-configuration';
import { InMemoryAdminWorld } from '../../../usecases/testing/in-memory-admin-deps';
import type { AdminKey, AdminResults, ResolverError } from '../../../shared/admin-contract';
import { createAdminResolver } from '../admin-resolver';

/**
 * A resolver answer as the tests read it: `data` when `ok`, `error` otherwise. Both are typed so that a test
 * can assert on either side without narrowing first (the side not sent is undefined and fails the assertion).
 */
export interface AdminAnswer<T> {
  readonly ok: boolean;
  readonly data: T;
  readonly error: ResolverError;
}

export const CONTRACTOR_GROUPS = ['contractor-team'];
export const CLIENT_GROUPS = ['client-team'];

/**
 * The admin resolver over in-memory ports, with project P1's parties and the usual people: ada (Jira admin),
 * pete (P1's project admin), sam (contractor), klaus and kira (client), otto (nobody).
 * `invoke` calls the handler as Forge does: from `page` (no project), or from P1's project settings page.
 */
export function adminResolverHarness(page: 'jira:adminPage' | 'jira:globalPage') {
  const world = new InMemoryAdminWorld()
    .addUser({ accountId: 'ada', groups: [], jiraAdmin: true })
    .addUser({ accountId: 'pete', groups: [], projectAdminOf: ['P1'] })
    .addUser({ accountId: 'sam', groups: CONTRACTOR_GROUPS })
    .addUser({ accountId: 'klaus', groups: CLIENT_GROUPS })
    .addUser({ accountId: 'kira', groups: CLIENT_GROUPS })
    .addUser({ accountId: 'otto', groups: [] });
  world.configurations.set('P1', {
    ...DEFAULT_PROJECT_CONFIGURATION,
    parties: { contractor: { groups: CONTRACTOR_GROUPS }, client: { groups: CLIENT_GROUPS } },
  });
  const handler = createAdminResolver(() => world.deps());
  const invoke = async <K extends AdminKey>(functionKey: K, payload: unknown, accountId: string, project?: string) => {
    world.currentUser = accountId;
    const extension = project ? { type: 'jira:projectSettingsPage', project: { key: project } } : { type: page };
    return (await handler(
      { call: { functionKey, payload }, context: { accountId, extension } },
      { principal: { accountId } },
    )) as AdminAnswer<AdminResults[K]>;
  };
  return { world, invoke };
}
