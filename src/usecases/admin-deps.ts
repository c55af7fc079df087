import { DEFAULT_PROJECT_CONFIGURATION, partyOfGroups, type ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { SweepQueue } from './escalation-sweep-deps';
import type { Party } from '../domain/process/process-template';
import type { AdminViewer } from '../shared/admin-views';
import type { AdminGateway } from './ports/admin-gateway';
import type { AuditLogStore } from './ports/audit-log-store';
import type { AccountPrivacyRegister } from './ports/personal-data-ports';
import type { EscalationSummaryStore } from './ports/escalation-summary-store';
import type { ProcessReviewStore, ReviewPublisher } from './ports/process-review-store';
import type { ProcessTemplateStore, TemplateVersioning } from './ports/process-template-store';
import type { ProjectConfigurationDirectory, ProjectConfigurationStore } from './ports/project-configuration-store';

/** What the administration and analytics use cases depend on; passed in, like {@link EscalationDeps}. */
export interface AdminDeps {
  readonly jira: AdminGateway;
  readonly configurations: ProjectConfigurationStore;
  readonly directory: ProjectConfigurationDirectory;
  readonly templates: ProcessTemplateStore;
  readonly versioning: TemplateVersioning;
  readonly audit: AuditLogStore;
  readonly summaries: EscalationSummaryStore;
  readonly reviews: ProcessReviewStore;
  readonly publisher: ReviewPublisher;
  /** Accounts personal data reporting said are closed: flagged as contacts in the project settings. */
  readonly accountPrivacy?: Pick<AccountPrivacyRegister, 'closedAmong'>;
  /** The sweep's queue: after a policy change, the project's open escalations are re-projected through it. */
  readonly sweepQueue?: SweepQueue;
  readonly now: () => Date;
}

/** Who asks: the account from the Forge context; the project from a project settings page's context. */
export interface AdminRequester {
  readonly accountId: string;
  readonly projectKey?: string;
}

export interface AdminSession {
  readonly viewer: AdminViewer;
  /** The user's party per configured project; `default` is the party by the default groups (unconfigured projects). */
  readonly partyByProject: ReadonlyMap<string, Party>;
  readonly defaultParty: Party | null;
  readonly configurations: readonly { projectKey: string; configuration: ProjectConfiguration }[];
}

/**
 * Who the user is for the app's global pages: Jira admin (asked as the user), and which party they belong
 * to in which project (by the groups each project names; unconfigured projects use the default groups).
 */
export async function openAdminSession(deps: AdminDeps, requester: AdminRequester): Promise<AdminSession> {
  const [isJiraAdmin, groups, configurations] = await Promise.all([
    deps.jira.isJiraAdmin(),
    deps.jira.groupsOf(requester.accountId),
    deps.directory.list(),
  ]);
  const partyByProject = new Map<string, Party>();
  for (const { projectKey, configuration } of configurations) {
    const m = partyOfGroups(configuration, groups);
    if (m.kind === 'party') partyByProject.set(projectKey, m.party);
  }
  const def = partyOfGroups(DEFAULT_PROJECT_CONFIGURATION, groups);
  const defaultParty = def.kind === 'party' ? def.party : null;
  const parties = new Set<Party>(partyByProject.values());
  if (defaultParty) parties.add(defaultParty);
  return {
    viewer: { accountId: requester.accountId, isJiraAdmin, parties: [...parties].sort() },
    partyByProject,
    defaultParty,
    configurations,
  };
}

/** The user's party in one project: by the project's groups once configured, by the default groups before. */
export function partyInProject(session: AdminSession, projectKey: string): Party | null {
  const configured = session.configurations.some((c) => c.projectKey === projectKey);
  return configured ? (session.partyByProject.get(projectKey) ?? null) : session.defaultParty;
}

/**
 * The escalations whose issues the invoking user may browse: party membership of a project is not enough,
 * since an issue security level (or a restricted project) may hide single issues from a party member.
 * Jira is asked as the user, in bulk; Jira admins are asked too (a security level binds them as well).
 */
export async function onlyBrowsable<T extends { readonly issueId: string }>(deps: AdminDeps, escalations: readonly T[]): Promise<T[]> {
  if (escalations.length === 0) return [];
  const browsable = await deps.jira.browsableIssues(escalations.map((e) => e.issueId));
  return escalations.filter((e) => browsable.has(e.issueId));
}

/** Display names of the people a view mentions. */
export async function namesOf(deps: AdminDeps, ids: Iterable<string | undefined>): Promise<Record<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id && id !== 'app'))];
  return deps.jira.displayNames(unique);
}
