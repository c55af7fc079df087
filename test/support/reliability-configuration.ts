import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';

/**
 * The reliability simulations' project: business hours in Berlin, each level one working day (so a fortnight
 * sees 1 → 2 → 3 and beyond), named contacts at levels 1 and 3 and a group at level 2.
 */
export function reliabilityConfiguration(options: { autoStartOnCriticalPriority: boolean }): ProjectConfiguration {
  return {
    ...DEFAULT_PROJECT_CONFIGURATION,
    autoStartOnCriticalPriority: options.autoStartOnCriticalPriority,
    parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
    policy: {
      ...DEFAULT_PROJECT_CONFIGURATION.policy,
      levelTimeFrames: { 1: { amount: 8, unit: 'hours' }, 2: { amount: 9, unit: 'hours' }, 3: { amount: 9, unit: 'hours' } },
    },
    contacts: {
      1: {
        contractor: { accountIds: [DEMO_USERS.sam.accountId], groups: [] },
        client: { accountIds: [DEMO_USERS.klaus.accountId], groups: [] },
      },
      2: {
        contractor: { accountIds: [DEMO_USERS.carla.accountId], groups: [] },
        client: { accountIds: [], groups: ['client-executives'] },
      },
      3: {
        contractor: { accountIds: [DEMO_USERS.carla.accountId, DEMO_USERS.ada.accountId], groups: [] },
        client: { accountIds: [DEMO_USERS.erika.accountId], groups: [] },
      },
    },
  };
}
