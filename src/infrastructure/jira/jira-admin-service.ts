import type { AdminGateway } from '../../usecases/ports/admin-gateway';
import { NotFoundError, ProductRequestError } from '../http/product-request';
import { BULK_PERMISSION_ISSUES, type JiraClient } from './jira-client';

/** The administration pages' view of Jira: permissions as the invoking user, names and groups as the app. */
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

  async browsableIssues(issueIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(issueIds.filter((id) => /^\d{1,18}$/.test(id)).map(Number))];
    const batches: number[][] = [];
    for (let i = 0; i < ids.length; i += BULK_PERMISSION_ISSUES) batches.push(ids.slice(i, i + BULK_PERMISSION_ISSUES));
    // One request per batch of the documented maximum (1000 issues), side by side: 10,000 escalations cost
    // ten requests but the time of one on the page's critical path.
    const granted = await Promise.all(batches.map((batch) => this.asUser.issuesWithPermission(batch, 'BROWSE_PROJECTS')));
    return new Set(granted.flat().map(String));
  }

  async escalatedIssuesSeen(projectKey: string): Promise<number | undefined> {
    if (!/^[A-Z][A-Z0-9_]{0,254}$/.test(projectKey)) return undefined;
    try {
      return await this.asUser.approximateCount(`project = "${projectKey}" AND escalationStatus IS NOT EMPTY`);
    } catch (error) {
      // Jira answers 400 for a project the user may not browse ("does not exist for the field 'project'").
      if (error instanceof ProductRequestError && error.status === 400) return undefined;
      throw error;
    }
  }

  groupsOf(accountId: string): Promise<string[]> {
    return this.asApp.getUserGroups(accountId);
  }

  displayNames(accountIds: readonly string[]): Promise<Record<string, string>> {
    return accountIds.length === 0 ? Promise.resolve({}) : this.asApp.getUsers(accountIds);
  }

  async inactiveAccounts(accountIds: readonly string[]): Promise<Set<string>> {
    if (accountIds.length === 0) return new Set();
    const profiles = await this.asApp.getUserProfiles(accountIds);
    return new Set(Object.entries(profiles).flatMap(([id, p]) => (p.active ? [] : [id])));
  }

  searchUsers(query: string): Promise<{ accountId: string; displayName: string }[]> {
    return this.asUser.searchUsers(query, 20);
  }

  async priorityNames(): Promise<string[]> {
    return (await this.asUser.getPriorities()).map((p) => p.name);
  }
}
