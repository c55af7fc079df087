import { z } from 'zod';
import type { Party } from '../process/process-template';
import { DEFAULT_ESCALATION_POLICY, escalationPolicySchema } from './escalation-policy';

/** Who belongs to which party, by Jira group (project roles can be mapped onto groups by the admin). */
export const partyMembershipSchema = z.object({
  groups: z.array(z.string().trim().min(1).max(255)).max(50),
});

export const projectConfigurationSchema = z.object({
  schemaVersion: z.literal(1),
  parties: z.object({ contractor: partyMembershipSchema, client: partyMembershipSchema }),
  policy: escalationPolicySchema,
});
export type ProjectConfiguration = z.infer<typeof projectConfigurationSchema>;

/** Until an admin configures the project, the groups below name the parties. */
export const DEFAULT_PROJECT_CONFIGURATION: ProjectConfiguration = {
  schemaVersion: 1,
  parties: { contractor: { groups: ['escalation-contractor'] }, client: { groups: ['escalation-client'] } },
  policy: DEFAULT_ESCALATION_POLICY,
};

export type PartyMembership = { kind: 'party'; party: Party } | { kind: 'none' } | { kind: 'both' };

/** A person in both parties' groups is ambiguous: the app refuses to guess which side they speak for. */
export function partyOfGroups(configuration: ProjectConfiguration, groups: readonly string[]): PartyMembership {
  const inContractor = configuration.parties.contractor.groups.some((g) => groups.includes(g));
  const inClient = configuration.parties.client.groups.some((g) => groups.includes(g));
  if (inContractor && inClient) return { kind: 'both' };
  if (inContractor) return { kind: 'party', party: 'contractor' };
  if (inClient) return { kind: 'party', party: 'client' };
  return { kind: 'none' };
}
