import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../configuration/project-configuration';
import { contactAccountIds, contactsFor } from './escalation-contacts';

const configuration: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  contacts: {
    1: { client: { accountIds: ['klaus', 'erika'], groups: [] } },
    2: { client: { accountIds: ['erika'], groups: [] }, contractor: { accountIds: [], groups: ['managers'] } },
  },
};

describe('contacts for a level', () => {
  it('skip unreachable contacts and keep the others', () => {
    expect(contactsFor(configuration, 1, ['client'], new Set(['erika']))).toEqual({ accountIds: ['klaus'], groups: [] });
    expect(contactsFor(configuration, 1, ['client'])).toEqual({ accountIds: ['erika', 'klaus'], groups: [] });
  });

  it("fall back to the party's groups when every named contact is unreachable", () => {
    expect(contactsFor(configuration, 2, ['client', 'contractor'], new Set(['erika']))).toEqual({
      accountIds: [],
      groups: ['client-team', 'managers'],
    });
  });

  it('list every account named at any level and party', () => {
    expect(contactAccountIds(configuration)).toEqual(['erika', 'klaus']);
  });
});
