import { NotFoundError } from '../http/product-request';
import type { JiraClient } from './jira-client';

/** What the administration and analytics use cases need of Jira; asked as the invoking user where it matters. */
export interface AdminGateway {
  /** Whether the invoking user has the global ADMINISTER permission (Jira admin). */
  isJiraAdmin(): Promise<boolean>;
  /** Whether the invoking user administers the project (ADMINISTER_PROJECTS); false for a project they cannot see. */
  isProjectAdmin(projectKey: string): Promise<boolean>;
  groupsOf(accountId: string): Promise<string[]>;
  displayNames(accountIds: readonly string[]): Promise<Record<string, string>>;
  /** Users matching a name or email prefix, searched as the invoking user (Jira's "Browse users" applies). */
  searchUsers(query: string): Promise<{ accountId: string; displayName: string }[]>;
  /** The names of the site's issue priorities, in Jira's order. */
  priorityNames(): Promise<string[]>;
}

export class JiraAdminService implements AdminGateway {
  constructor(
    private readonly asApp: JiraClient,
    private readonly asUser: JiraClient,
  ) {}

  async isJiraAdmin(): Promise<boolean> {
    return (await this.asUser.getMyPermissions(['ADMINISTER'])).ADMINISTER === true;
  }

  async isProjectAdmin(projectKey: string): Promise<boolean> {
    try {
      return (await this.asUser.getMyPermissions(['ADMINISTER_PROJECTS'], projectKey)).ADMINISTER_PROJECTS === true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  groupsOf(accountId: string): Promise<string[]> {
    return this.asApp.getUserGroups(accountId);
  }

  displayNames(accountIds: readonly string[]): Promise<Record<string, string>> {
    return accountIds.length === 0 ? Promise.resolve({}) : this.asApp.getUsers(accountIds);
  }

  searchUsers(query: string): Promise<{ accountId: string; displayName: string }[]> {
    return this.asUser.searchUsers(query, 20);
  }

  async priorityNames(): Promise<string[]> {
    return (await this.asUser.getPriorities()).map((p) => p.name);
  }
}
