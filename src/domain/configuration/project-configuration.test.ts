import { DEFAULT_PROJECT_CONFIGURATION, partyOf, partyOfGroups, projectConfigurationSchema } from './project-configuration';

const config = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: { contractor: { groups: ['contractor-team', 'contractor-managers'] }, client: { groups: ['client-team'] } },
};

describe('partyOfGroups', () => {
  it('finds the party by any of its groups', () => {
    expect(partyOfGroups(config, ['jira-users', 'contractor-managers'])).toEqual({ kind: 'party', party: 'contractor' });
    expect(partyOfGroups(config, ['client-team'])).toEqual({ kind: 'party', party: 'client' });
  });
  it('refuses to guess for members of both or neither', () => {
    expect(partyOfGroups(config, ['client-team', 'contractor-team'])).toEqual({ kind: 'both' });
    expect(partyOfGroups(config, ['jira-users'])).toEqual({ kind: 'none' });
  });
});

describe('partyOf on a portal request (one rule set with the groups)', () => {
  const withOrganizations = { ...config, parties: { ...config.parties, client: { groups: ['client-team'], organizations: ['1'] } } };
  const request = (involved: boolean, organizationIds: string[]) => ({ involved, organizationIds });

  it("makes a customer the client only on a request of the client's organization they take part in", () => {
    expect(partyOf(withOrganizations, { groups: [], request: request(true, ['1']) })).toEqual({ kind: 'party', party: 'client' });
    expect(partyOf(withOrganizations, { groups: [], request: request(false, ['1']) })).toEqual({ kind: 'none' });
    expect(partyOf(withOrganizations, { groups: [], request: request(true, ['2']) })).toEqual({ kind: 'none' });
    expect(partyOf(withOrganizations, { groups: [], request: request(true, []) })).toEqual({ kind: 'none' });
    // Without organizations in the settings nobody is the client by a request.
    expect(partyOf(config, { groups: [], request: request(true, ['1']) })).toEqual({ kind: 'none' });
  });
  it('keeps the group rules: a contractor member stays the contractor, and both parties at once is refused', () => {
    expect(partyOf(withOrganizations, { groups: ['contractor-team'], request: request(true, ['2']) })).toEqual({
      kind: 'party',
      party: 'contractor',
    });
    expect(partyOf(withOrganizations, { groups: ['contractor-team'], request: request(true, ['1']) })).toEqual({ kind: 'both' });
    expect(partyOf(withOrganizations, { groups: ['client-team'] })).toEqual(partyOfGroups(withOrganizations, ['client-team']));
  });
  it('accepts organization ids only as JSM numeric ids', () => {
    const parse = (organizations: string[]) =>
      projectConfigurationSchema.safeParse({
        ...DEFAULT_PROJECT_CONFIGURATION,
        parties: { ...DEFAULT_PROJECT_CONFIGURATION.parties, client: { groups: ['c'], organizations } },
      }).success;
    expect(parse(['1', '42'])).toBe(true);
    expect(parse(['Kunde AG'])).toBe(false);
  });
});

describe('projectConfigurationSchema', () => {
  it('accepts the default and rejects a broken calendar', () => {
    expect(projectConfigurationSchema.parse(DEFAULT_PROJECT_CONFIGURATION)).toEqual(DEFAULT_PROJECT_CONFIGURATION);
    const broken = {
      ...DEFAULT_PROJECT_CONFIGURATION,
      policy: {
        ...DEFAULT_PROJECT_CONFIGURATION.policy,
        calendar: { ...DEFAULT_PROJECT_CONFIGURATION.policy.calendar, timeZone: 'Mars/Olympus' },
      },
    };
    expect(projectConfigurationSchema.safeParse(broken).success).toBe(false);
  });
});

describe('fields added after schema version 1 was first stored', () => {
  it('default when absent: critical priorities Highest, no contacts', () => {
    const stored = { schemaVersion: 1, parties: DEFAULT_PROJECT_CONFIGURATION.parties, policy: DEFAULT_PROJECT_CONFIGURATION.policy };
    const parsed = projectConfigurationSchema.parse(stored);
    expect(parsed.criticalPriorities).toEqual(['Highest']);
    expect(parsed.contacts).toEqual({});
  });
  it('keeps contacts per level and party, with account ids and groups', () => {
    const parsed = projectConfigurationSchema.parse({
      ...DEFAULT_PROJECT_CONFIGURATION,
      criticalPriorities: ['Highest', 'Blocker'],
      contacts: { 2: { contractor: { accountIds: ['a-1'] }, client: { groups: ['client-managers'] } } },
    });
    expect(parsed.contacts[2]).toEqual({
      contractor: { accountIds: ['a-1'], groups: [] },
      client: { accountIds: [], groups: ['client-managers'] },
    });
    expect(parsed.criticalPriorities).toEqual(['Highest', 'Blocker']);
  });
});

describe('time frame bounds', () => {
  const withFrame = (amount: number, unit: 'hours' | 'workingDays' | 'years') => ({
    ...DEFAULT_PROJECT_CONFIGURATION,
    policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, timeFrames: { clientResponse: { amount, unit } }, levelTimeFrames: {} },
  });

  it('accepts a time frame of up to a year', () => {
    expect(projectConfigurationSchema.safeParse(withFrame(8_760, 'hours')).success).toBe(true);
    expect(projectConfigurationSchema.safeParse(withFrame(366, 'workingDays')).success).toBe(true);
  });

  it.each([
    [8_761, 'hours'],
    [10_000_000, 'workingDays'],
    [2, 'years'],
  ] as const)('refuses %d %s with a message that says the limit', (amount, unit) => {
    const result = projectConfigurationSchema.safeParse(withFrame(amount, unit));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at most .* \(one year\)/);
  });

  it('bounds the level time frames too', () => {
    const config = {
      ...DEFAULT_PROJECT_CONFIGURATION,
      policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, levelTimeFrames: { 1: { amount: 9_999, unit: 'hours' } } },
    };
    expect(projectConfigurationSchema.safeParse(config).success).toBe(false);
  });
});
