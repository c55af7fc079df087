/** What the administration and analytics use cases need of Jira; asked as the invoking user where it matters. */
export interface AdminGateway {
  /** Whether the invoking user has the global ADMINISTER permission (Jira admin). */
  isJiraAdmin(): Promise<boolean>;
  /** Whether the invoking user administers the project (ADMINISTER_PROJECTS); false for a project they cannot see. */
  isProjectAdmin(projectKey: string): Promise<boolean>;
  /**
   * Of the given issues (Jira ids), those the invoking user may browse, asked as the user in bulk: Jira decides
   * by the project's Browse permission and the issue's security level. Issues Jira does not know are left out.
   */
  browsableIssues(issueIds: readonly string[]): Promise<Set<string>>;
  /**
   * How many issues of the project carry an escalation (the `escalation` issue property) among those the
   * invoking user may browse, asked as the user; undefined when Jira does not let them search the project.
   */
  escalatedIssuesSeen(projectKey: string): Promise<number | undefined>;
  groupsOf(accountId: string): Promise<string[]>;
  displayNames(accountIds: readonly string[]): Promise<Record<string, string>>;
  /** Of the given accounts, those Jira shows as not active (`active: false`: deactivated or closed). */
  inactiveAccounts(accountIds: readonly string[]): Promise<Set<string>>;
  /** Users matching a name or email prefix, searched as the invoking user (Jira's "Browse users" applies). */
  searchUsers(query: string): Promise<{ accountId: string; displayName: string }[]>;
  /** The names of the site's issue priorities, in Jira's order. */
  priorityNames(): Promise<string[]>;
}
