import { z } from 'zod';
import type { Party } from '../process/process-template';
import { arbitrationBodiesSchema } from './arbitration-bodies';
import { DEFAULT_ESCALATION_POLICY, escalationPolicySchema } from './escalation-policy';

/** Who belongs to which party, by Jira group (project roles can be mapped onto groups by the admin). */
export const partyMembershipSchema = z.object({
  groups: z.array(z.string().trim().min(1).max(255)).max(50),
});

/**
 * The client party may also be named by Jira Service Management organizations (their numeric ids): a
 * customer of such an organization acts for the client on the portal, only for requests shared with it
 * that the customer reports or takes part in (see {@link partyOf}).
 */
export const clientMembershipSchema = partyMembershipSchema.extend({
  organizations: z
    .array(z.string().regex(/^\d{1,18}$/, 'a Jira Service Management organization id'))
    .max(50)
    .optional(),
});

/**
 * People to notify: account ids and/or Jira group names. An empty entry means "nobody named": the sweep
 * then falls back to the party's groups, so a notice never goes nowhere.
 */
export const contactsSchema = z.object({
  accountIds: z.array(z.string().trim().min(1).max(128)).max(50).default([]),
  groups: z.array(z.string().trim().min(1).max(255)).max(20).default([]),
});
export type Contacts = z.infer<typeof contactsSchema>;
const partyContactsSchema = z.object({ contractor: contactsSchema.optional(), client: contactsSchema.optional() }).strict();
/**
 * Contacts per level: 1 operational, 2 middle management, 3 executive management, 4 arbitration. Strict:
 * an unknown level or party is refused rather than silently dropped on save.
 */
export const levelContactsSchema = z
  .object({
    1: partyContactsSchema.optional(),
    2: partyContactsSchema.optional(),
    3: partyContactsSchema.optional(),
    4: partyContactsSchema.optional(),
  })
  .strict();
export type LevelContacts = z.infer<typeof levelContactsSchema>;

export const reportsConfigurationSchema = z.object({
  spaceKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9~]{1,255}$/, 'a Confluence space key'),
  parentPageId: z
    .string()
    .regex(/^\d{1,30}$/, 'a Confluence page id')
    .optional(),
});
export type ReportsConfiguration = z.infer<typeof reportsConfigurationSchema>;

/**
 * Schema version 1; fields added later carry defaults, so configurations stored before them still parse.
 * The client response time ("zeitnah") and the status update interval are time frames of the policy
 * (`policy.timeFrames.clientResponse`, `policy.timeFrames.statusUpdateInterval`).
 */
export const projectConfigurationSchema = z.object({
  schemaVersion: z.literal(1),
  parties: z.object({ contractor: partyMembershipSchema, client: clientMembershipSchema }),
  policy: escalationPolicySchema,
  /** Priority names that make an issue a critical problem (starts the two-hour clock; proposes an escalation). */
  criticalPriorities: z.array(z.string().trim().min(1).max(255)).max(20).default(['Highest']),
  /**
   * Whether a critical priority starts an escalation by itself. Off by default: the annex treats escalation
   * as the last resort, so the panel proposes one and a person decides.
   */
  autoStartOnCriticalPriority: z.boolean().default(false),
  contacts: levelContactsSchema.default({}),
  /** Where the approved escalation reports are archived: a Confluence space (key) and optionally a parent page. */
  reports: reportsConfigurationSchema.default({ spaceKey: 'ESC' }),
  /**
   * Arbitration bodies for level 4, proposed by the contractor and approved by the client (see
   * arbitration-bodies.ts). Absent = none; only the arbitration body use cases change it, never the settings form.
   */
  arbitrationBodies: arbitrationBodiesSchema.optional(),
});
export type ProjectConfiguration = z.infer<typeof projectConfigurationSchema>;

/** Until an admin configures the project, the groups below name the parties. */
export const DEFAULT_PROJECT_CONFIGURATION: ProjectConfiguration = {
  schemaVersion: 1,
  parties: { contractor: { groups: ['escalation-contractor'] }, client: { groups: ['escalation-client'] } },
  policy: DEFAULT_ESCALATION_POLICY,
  criticalPriorities: ['Highest'],
  autoStartOnCriticalPriority: false,
  contacts: {},
  reports: { spaceKey: 'ESC' },
};

export type PartyMembership = { kind: 'party'; party: Party } | { kind: 'none' } | { kind: 'both' };

/**
 * What a portal request says about a customer: whether they report it or take part in it (which is how
 * Jira Service Management lets a customer see a request), and the organizations it is shared with.
 */
export interface RequestInvolvement {
  readonly involved: boolean;
  readonly organizationIds: readonly string[];
}

/**
 * The one rule set deciding a person's party, for the issue panel and the portal alike: their Jira groups,
 * and on the portal also the request they look at. A customer counts for the client only on a request they
 * are involved in that is shared with one of the client's organizations. Someone in both parties is
 * ambiguous: the app refuses to guess which side they speak for.
 */
export function partyOf(
  configuration: ProjectConfiguration,
  evidence: { readonly groups: readonly string[]; readonly request?: RequestInvolvement },
): PartyMembership {
  const { groups, request } = evidence;
  const inContractor = configuration.parties.contractor.groups.some((g) => groups.includes(g));
  const clientOrganizations = configuration.parties.client.organizations ?? [];
  const asCustomer = request !== undefined && request.involved && request.organizationIds.some((id) => clientOrganizations.includes(id));
  const inClient = configuration.parties.client.groups.some((g) => groups.includes(g)) || asCustomer;
  if (inContractor && inClient) return { kind: 'both' };
  if (inContractor) return { kind: 'party', party: 'contractor' };
  if (inClient) return { kind: 'party', party: 'client' };
  return { kind: 'none' };
}

/** {@link partyOf} by Jira groups alone (issue panel, comments, administration). */
export function partyOfGroups(configuration: ProjectConfiguration, groups: readonly string[]): PartyMembership {
  return partyOf(configuration, { groups });
}
