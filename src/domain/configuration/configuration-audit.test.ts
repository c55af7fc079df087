import { DEFAULT_PROJECT_CONFIGURATION } from './project-configuration';
import { changesBetween } from './configuration-audit';

describe('changesBetween', () => {
  it('names each changed leaf by its path, arrays as a whole', () => {
    const after = {
      ...DEFAULT_PROJECT_CONFIGURATION,
      parties: { ...DEFAULT_PROJECT_CONFIGURATION.parties, client: { groups: ['client-team', 'client-executives'] } },
      policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, levelTimeFrames: { 1: { amount: 5, unit: 'workingDays' as const } } },
    };
    expect(changesBetween(DEFAULT_PROJECT_CONFIGURATION, after)).toEqual([
      { path: 'parties.client.groups', before: ['escalation-client'], after: ['client-team', 'client-executives'] },
      { path: 'policy.levelTimeFrames.1', before: null, after: { amount: 5, unit: 'workingDays' } },
    ]);
  });
  it('finds nothing between equal documents and reports a new document as one change', () => {
    expect(changesBetween(DEFAULT_PROJECT_CONFIGURATION, structuredClone(DEFAULT_PROJECT_CONFIGURATION))).toEqual([]);
    expect(changesBetween(undefined, 3)).toEqual([{ path: '(document)', before: null, after: 3 }]);
  });
});
