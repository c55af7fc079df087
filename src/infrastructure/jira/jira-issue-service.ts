import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import type { IssueGateway, IssueRef, UserAccess } from '../../usecases/ports/issue-gateway';
import { CRITICAL_PROBLEM_PROPERTY_KEY, criticalProblemOf } from './critical-problem-property';
import { EscalationFieldIdLookup, writeEscalationProjection } from './escalation-projection-writer';
import { NotFoundError } from '../http/product-request';
import type { JiraClient } from './jira-client';
import { siteLanguage } from './site-language';
import { involvementFields, involvementOf, ServiceManagementFieldLookup } from './service-management-fields';
import type { RequestInvolvement } from '../../domain/configuration/project-configuration';

export { ESCALATION_FIELD_MODULE_KEY } from './escalation-projection-writer';

/** The issue panel's view of Jira: the user's access asked as the user, everything else as the app. */
export class JiraIssueService implements IssueGateway {
  private readonly fieldId: EscalationFieldIdLookup;
  private readonly serviceManagementFields: ServiceManagementFieldLookup;

  constructor(
    private readonly asApp: JiraClient,
    private readonly asUser: JiraClient,
  ) {
    this.fieldId = new EscalationFieldIdLookup(asApp);
    this.serviceManagementFields = new ServiceManagementFieldLookup(asApp);
  }

  async issue(issueIdOrKey: string): Promise<IssueRef | undefined> {
    try {
      const issue = await this.asApp.getIssue(issueIdOrKey, ['summary', 'project', 'priority'], [CRITICAL_PROBLEM_PROPERTY_KEY]);
      const criticalProblem = criticalProblemOf(issue.properties);
      return {
        id: issue.id,
        key: issue.key,
        projectKey: issue.fields.project?.key ?? issue.key.split('-')[0]!,
        summary: issue.fields.summary ?? '',
        ...(issue.fields.priority?.name ? { priority: issue.fields.priority.name } : {}),
        ...(criticalProblem ? { criticalProblem } : {}),
      };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async userAccess(issueKey: string): Promise<UserAccess> {
    try {
      const granted = await this.asUser.getMyIssuePermissions(issueKey, ['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER']);
      return { browse: granted.BROWSE_PROJECTS === true, edit: granted.EDIT_ISSUES === true, admin: granted.ADMINISTER === true };
    } catch (error) {
      // Jira answers 404 for an issue the user may not see.
      if (error instanceof NotFoundError) return { browse: false, edit: false, admin: false };
      throw error;
    }
  }

  groupsOf(accountId: string): Promise<string[]> {
    return this.asApp.getUserGroups(accountId);
  }

  async requestInvolvement(issueKey: string, accountId: string): Promise<RequestInvolvement | undefined> {
    try {
      const ids = await this.serviceManagementFields.get();
      return involvementOf(await this.asApp.getIssue(issueKey, involvementFields(ids)), ids, accountId);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  displayNames(accountIds: readonly string[]): Promise<Record<string, string>> {
    return accountIds.length === 0 ? Promise.resolve({}) : this.asApp.getUsers(accountIds);
  }

  async localeOf(accountId: string): Promise<'de' | 'en'> {
    try {
      const user = await this.asApp.getUser(accountId);
      return user.locale?.toLowerCase().startsWith('de') ? 'de' : 'en';
    } catch (error) {
      if (error instanceof NotFoundError) return 'en';
      throw error;
    }
  }

  private siteLocaleRead: Promise<'de' | 'en'> | undefined;
  /** The site's default language (Jira's server info), read once per invocation. */
  siteLocale(): Promise<'de' | 'en'> {
    this.siteLocaleRead ??= this.asApp.getServerInfo().then(
      (info) => siteLanguage(info.defaultLocale),
      (error: unknown) => {
        this.siteLocaleRead = undefined;
        throw error;
      },
    );
    return this.siteLocaleRead;
  }

  saveProjection(issue: IssueRef, document: EscalationIndexDocument, field?: EscalationFieldValue): Promise<void> {
    return writeEscalationProjection(this.asApp, this.fieldId, issue, document, field);
  }
}
