import { ESCALATION_PROPERTY_KEY, type EscalationFieldValue, type EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import { fingerprint } from '../../domain/sweep/escalation-index';
import type { NotificationPlan } from '../../domain/sweep/notification-plan';
import type { SweepIssue, SweepJira, SweepPage } from '../../usecases/escalation-sweep-deps';
import { ProductRequestError } from '../http/product-request';
import type { JiraClient, JiraIssue } from './jira-client';
import { writeEscalationProjection } from './escalation-projection-writer';
import { NOTIFICATION_COMMENT_PROPERTY, notificationCommentAdf } from './notification-comment';

/**
 * The JQL of the sweep. Dates use `now()`: Jira reads quoted date literals in the searcher's time zone
 * and accepts only `yyyy-MM-dd HH:mm`-like forms (no ISO `T…Z`), while `now()` means the same instant
 * everywhere; the sandbox's JQL subset supports it as well. The aliases are the manifest's
 * `jira:entityProperty` search aliases.
 */
export const DUE_JQL = 'escalationStatus = "open" AND escalationCheckAt <= now() ORDER BY escalationCheckAt ASC';

/** Critical open issues without an escalation, touched in the last day (the trigger's safety net). */
export function criticalJql(priorities: readonly string[]): string {
  const names = priorities.map((p) => `"${p.replace(/["\\]/g, '\\$&')}"`).join(', ');
  return `priority in (${names}) AND escalationStatus IS EMPTY AND statusCategory != Done AND updated >= -1d ORDER BY updated ASC`;
}

const FIELDS = ['summary', 'project', 'priority', 'updated'] as const;

function toSweepIssue(issue: JiraIssue): SweepIssue {
  const indexed = issue.properties?.[ESCALATION_PROPERTY_KEY] as { level?: number; status?: string } | undefined;
  const updated = (issue.fields as { updated?: unknown }).updated;
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.fields.project?.key ?? issue.key.split('-')[0]!,
    summary: issue.fields.summary ?? '',
    ...(issue.fields.priority?.name ? { priority: issue.fields.priority.name } : {}),
    ...(typeof updated === 'string' ? { updated: new Date(updated).toISOString() } : {}),
    ...(indexed
      ? { indexed: { ...(indexed.level !== undefined ? { level: indexed.level } : {}), ...(indexed.status ? { status: indexed.status } : {}), fingerprint: fingerprint(indexed) } }
      : {}),
  };
}

export class EscalationSweepJira implements SweepJira {
  constructor(private readonly asApp: JiraClient) {}

  async searchDue(input: { maxResults: number; nextPageToken?: string }): Promise<SweepPage> {
    const page = await this.asApp.searchPage({ jql: DUE_JQL, fields: FIELDS, properties: [ESCALATION_PROPERTY_KEY], ...input });
    return { issues: page.issues.map(toSweepIssue), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
  }

  async searchCriticalWithoutEscalation(input: { priorities: readonly string[]; maxResults: number }): Promise<SweepIssue[]> {
    const page = await this.asApp.searchPage({ jql: criticalJql(input.priorities), fields: FIELDS, maxResults: input.maxResults });
    return page.issues.map(toSweepIssue);
  }

  async notify(issueKey: string, message: { subject: string; textBody: string; htmlBody: string; accountIds: readonly string[]; groups: readonly string[] }): Promise<'sent' | 'no-valid-recipients'> {
    if (message.accountIds.length + message.groups.length === 0) return 'no-valid-recipients';
    try {
      await this.asApp.notify(issueKey, {
        subject: message.subject,
        textBody: message.textBody,
        htmlBody: message.htmlBody,
        to: { users: message.accountIds.map((accountId) => ({ accountId })), groups: message.groups.map((name) => ({ name })) },
      });
      return 'sent';
    } catch (error) {
      // A configured contact that no longer exists: Jira refuses the whole request. Retrying cannot help;
      // the comment still goes out and the admin sees the warning.
      if (error instanceof ProductRequestError && error.status === 400) return 'no-valid-recipients';
      throw error;
    }
  }

  async addNotificationComment(issueKey: string, plan: NotificationPlan): Promise<void> {
    await this.asApp.addCommentWithProperties(issueKey, notificationCommentAdf(plan), [{ key: NOTIFICATION_COMMENT_PROPERTY, value: { ref: plan.ref } }]);
  }

  async hasNotificationComment(issueKey: string, ref: string): Promise<boolean> {
    // Newest first: the comment sought was added moments before its run was lost.
    for (let startAt = 0; startAt < 500; startAt += 100) {
      const page = await this.asApp.getCommentsPage(issueKey, { startAt, maxResults: 100, newestFirst: true, withProperties: true });
      if (page.comments.some((c) => c.properties?.some((p) => p.key === NOTIFICATION_COMMENT_PROPERTY && (p.value as { ref?: string })?.ref === ref))) return true;
      if (page.comments.length < 100) return false;
    }
    return false;
  }

  saveProjection(issue: SweepIssue, document: EscalationIndexDocument, field?: EscalationFieldValue): Promise<void> {
    return writeEscalationProjection(this.asApp, issue, document, field);
  }
}
