import type { SiteFacts } from '../queue/escalation-sweep-queue';
import {
  ESCALATION_PROPERTY_KEY,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../../domain/escalation/escalation-projection';
import { fingerprint } from '../../domain/sweep/escalation-index';
import type { CriticalProblem, PriorityChange } from '../../domain/sweep/critical-priority';
import type { ProjectionWrite, ProjectionWriteResult, SweepIssue, SweepJira, SweepPage } from '../../usecases/escalation-sweep-deps';
import type { IssueCriticality, IssuePriorityReader } from '../../usecases/detect-critical-priority-use-case';
import type { CommentNotificationJira, IssueComment } from '../../usecases/record-client-notified-by-comment-use-case';
import { ServiceRequestError } from '../../usecases/ports/port-errors';
import { ProductRequestError } from '../http/product-request';
import type { JiraClient, JiraIssue } from './jira-client';
import { CRITICAL_PROBLEM_PROPERTY_KEY, criticalProblemOf } from './critical-problem-property';
import { EscalationFieldIdLookup, writeEscalationProjection, writeEscalationProjections } from './escalation-projection-writer';
import { NOTIFICATION_COMMENT_PROPERTY } from './notification-comment';
import { siteLanguage } from './site-language';

/**
 * The one-time backfill of the due index: every escalation whose property says open, as the sweep found
 * them before the index existed. The alias is the manifest's `jira:entityProperty` search alias.
 */
export const BACKFILL_JQL = 'escalationStatus = "open" ORDER BY key ASC';

/** The given issues by id (the sweep's due index names them; Jira gives their key, summary and property). */
export function issuesByIdJql(issueIds: readonly string[]): string {
  const ids = issueIds.filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) throw new Error('issuesByIdJql needs numeric issue ids');
  return `id in (${ids.join(', ')})`;
}

/** Critical open issues without an escalation, touched in the last day (the trigger's safety net). */
export function criticalJql(priorities: readonly string[]): string {
  const names = priorities.map((p) => `"${p.replace(/["\\]/g, '\\$&')}"`).join(', ');
  return `priority in (${names}) AND escalationStatus IS EMPTY AND statusCategory != Done AND updated >= -1d ORDER BY updated ASC`;
}

const FIELDS = ['summary', 'project', 'priority', 'updated'] as const;
/** Jira returns at most 100 issues per page when properties are requested. */
const MAX_SEARCH_PAGE = 100;
const CRITICAL_FIELDS = [...FIELDS, 'created'] as const;
/** Changelog entries per bulk-fetch page (Jira's maximum is 10,000 across the issues asked for). */
const CHANGELOG_PAGE = 1000;
/** Pages of changelog read at most for one search's critical issues (priority changes only). */
const MAX_CHANGELOG_PAGES = 5;

/** @param fieldId the level field's id when its value was asked for: its fingerprint joins `indexed`. */
function toSweepIssue(issue: JiraIssue, fieldId?: string): SweepIssue {
  const indexed = issue.properties?.[ESCALATION_PROPERTY_KEY] as { level?: number; status?: string } | undefined;
  const fieldValue = fieldId ? ((issue.fields as Record<string, unknown>)[fieldId] ?? null) : undefined;
  const { updated, created } = issue.fields as { updated?: unknown; created?: unknown };
  const criticalProblem = criticalProblemOf(issue.properties);
  return {
    id: issue.id,
    key: issue.key,
    projectKey: issue.fields.project?.key ?? issue.key.split('-')[0]!,
    summary: issue.fields.summary ?? '',
    ...(issue.fields.priority?.name ? { priority: issue.fields.priority.name } : {}),
    ...(typeof updated === 'string' ? { updated: new Date(updated).toISOString() } : {}),
    ...(typeof created === 'string' ? { created: new Date(created).toISOString() } : {}),
    ...(criticalProblem ? { criticalProblem } : {}),
    ...(indexed
      ? {
          indexed: {
            ...(indexed.level !== undefined ? { level: indexed.level } : {}),
            ...(indexed.status ? { status: indexed.status } : {}),
            fingerprint: fingerprint(indexed),
            ...(fieldValue !== undefined ? { field: fingerprint(fieldValue) } : {}),
          },
        }
      : {}),
  };
}

export class EscalationSweepJira implements SweepJira, CommentNotificationJira, IssuePriorityReader {
  private readonly fieldId: EscalationFieldIdLookup;

  constructor(private readonly asApp: JiraClient) {
    this.fieldId = new EscalationFieldIdLookup(asApp);
  }

  async criticalityOf(issueIdOrKey: string): Promise<IssueCriticality> {
    const issue = await this.asApp.getIssue(issueIdOrKey, ['priority'], [CRITICAL_PROBLEM_PROPERTY_KEY]);
    const criticalProblem = criticalProblemOf(issue.properties);
    return {
      ...(issue.fields.priority?.name ? { priority: issue.fields.priority.name } : {}),
      ...(criticalProblem ? { criticalProblem } : {}),
    };
  }

  recordCriticalProblem(issueIdOrKey: string, problem: CriticalProblem): Promise<void> {
    return this.asApp.setIssueProperty(issueIdOrKey, CRITICAL_PROBLEM_PROPERTY_KEY, problem);
  }

  async getComment(issueIdOrKey: string, commentId: string): Promise<IssueComment | undefined> {
    const comment = await this.asApp.getComment(issueIdOrKey, commentId, { withProperties: true });
    if (!comment) return undefined;
    return {
      id: comment.id,
      ...(comment.author?.accountId ? { authorAccountId: comment.author.accountId } : {}),
      body: comment.body,
      created: new Date(comment.created).toISOString(),
      ...(comment.updated ? { updated: new Date(comment.updated).toISOString() } : {}),
      appNotification: (comment.properties ?? []).some((p) => p.key === NOTIFICATION_COMMENT_PROPERTY),
    };
  }

  userGroups(accountId: string): Promise<string[]> {
    return this.asApp.getUserGroups(accountId);
  }

  async issuesByIds(issueIds: readonly string[]): Promise<SweepIssue[]> {
    if (issueIds.length === 0) return [];
    if (issueIds.length > MAX_SEARCH_PAGE) throw new Error(`issuesByIds takes at most ${MAX_SEARCH_PAGE} ids`);
    // The level field's value too, so that a value edited by hand is put back (the field id is this site's).
    const fieldId = await this.fieldId.get();
    const page = await this.asApp.searchPage({
      jql: issuesByIdJql(issueIds),
      fields: [...FIELDS, fieldId],
      properties: [ESCALATION_PROPERTY_KEY],
      maxResults: issueIds.length,
    });
    return page.issues.map((issue) => toSweepIssue(issue, fieldId));
  }

  async issueExists(issueId: string): Promise<boolean> {
    try {
      await this.asApp.getIssue(issueId, ['summary']);
      return true;
    } catch (error) {
      if (error instanceof ProductRequestError && error.status === 404) return false;
      throw error;
    }
  }

  async searchOpenEscalations(input: { maxResults: number; nextPageToken?: string }): Promise<SweepPage> {
    const fieldId = await this.fieldId.get();
    const page = await this.asApp.searchPage({
      jql: BACKFILL_JQL,
      fields: [...FIELDS, fieldId],
      properties: [ESCALATION_PROPERTY_KEY],
      ...input,
    });
    return {
      issues: page.issues.map((issue) => toSweepIssue(issue, fieldId)),
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    };
  }

  async searchCriticalWithoutEscalation(input: { priorities: readonly string[]; maxResults: number }): Promise<SweepIssue[]> {
    const page = await this.asApp.searchPage({
      jql: criticalJql(input.priorities),
      fields: CRITICAL_FIELDS,
      properties: [CRITICAL_PROBLEM_PROPERTY_KEY],
      maxResults: input.maxResults,
    });
    const issues = page.issues.map((issue) => toSweepIssue(issue));
    if (issues.length === 0) return issues;
    // Only the few issues the trigger missed: when did their priority become critical?
    const changes = await this.priorityChanges(issues.map((i) => i.id));
    return issues.map((issue) => ({ ...issue, priorityChanges: changes.get(issue.id) ?? [] }));
  }

  /** The priority changes of the given issues, oldest first (one bulk changelog read, paged). */
  private async priorityChanges(issueIds: readonly string[]): Promise<Map<string, PriorityChange[]>> {
    const byIssue = new Map<string, PriorityChange[]>();
    let token: string | undefined;
    for (let page = 0; page < MAX_CHANGELOG_PAGES; page++) {
      const result = await this.asApp.bulkFetchChangelogs({
        issueIdsOrKeys: issueIds,
        maxResults: CHANGELOG_PAGE,
        fieldIds: ['priority'],
        ...(token ? { nextPageToken: token } : {}),
      });
      for (const log of result.issueChangeLogs) {
        const list = byIssue.get(log.issueId) ?? [];
        for (const history of log.changeHistories) {
          for (const item of history.items) {
            const fieldId = (item as { fieldId?: unknown }).fieldId;
            if (item.field !== 'priority' && fieldId !== 'priority') continue;
            // `toString` is read as an own string only (a missing one would be Object.prototype's function).
            const from = typeof item.fromString === 'string' && item.fromString ? item.fromString : undefined;
            const to = typeof item.toString === 'string' && item.toString ? item.toString : undefined;
            list.push({ at: new Date(history.created).toISOString(), ...(from ? { from } : {}), ...(to ? { to } : {}) });
          }
        }
        byIssue.set(log.issueId, list);
      }
      token = result.nextPageToken ?? undefined;
      if (!token) break;
    }
    return byIssue;
  }

  async notify(
    issueKey: string,
    message: { subject: string; textBody: string; htmlBody: string; accountIds: readonly string[]; groups: readonly string[] },
  ): Promise<'sent' | 'no-valid-recipients'> {
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
      // each recipient is then told on their own and the admin sees the warning.
      if (error instanceof ProductRequestError && error.status === 400) return 'no-valid-recipients';
      throw answered(error);
    }
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get */
  userProfile(accountId: string): Promise<{ locale?: string; active: boolean; accountType?: string } | undefined> {
    // Read once per person and invocation: a sweep tells the same contacts about many escalations.
    const known = this.profiles.get(accountId);
    if (known) return known;
    const read = this.asApp.getUser(accountId).then(
      (user) => ({
        ...(user.locale ? { locale: user.locale } : {}),
        active: user.active !== false,
        ...(user.accountType ? { accountType: user.accountType } : {}),
      }),
      (error: unknown) => {
        if (error instanceof ProductRequestError && error.status === 404) return undefined;
        this.profiles.delete(accountId);
        throw answered(error);
      },
    );
    this.profiles.set(accountId, read);
    return read;
  }

  /** This invocation's reads of people, groups and the site's address (an instance lives for one invocation). */
  private readonly members = new Map<string, Promise<string[] | undefined>>();
  private readonly profiles = new Map<string, Promise<{ locale?: string; active: boolean; accountType?: string } | undefined>>();
  private baseUrl: Promise<string | undefined> | undefined;

  /** @see JiraClient.getGroupMembers; undefined when Jira does not let the app read the group. */
  groupMembers(groupName: string): Promise<string[] | undefined> {
    const known = this.members.get(groupName);
    if (known) return known;
    const read = this.asApp.getGroupMembers(groupName).catch((error: unknown) => {
      // A group that is gone or hidden stays so for this invocation; anything else may be asked again.
      if (error instanceof ProductRequestError && (error.status === 403 || error.status === 404)) return undefined;
      this.members.delete(groupName);
      throw answered(error);
    });
    this.members.set(groupName, read);
    return read;
  }

  siteUrl(): Promise<string | undefined> {
    this.baseUrl ??= this.serverInfo()
      .then((info) => info.baseUrl.replace(/\/+$/, ''))
      .catch(() => undefined);
    return this.baseUrl;
  }

  /** The site's default language: the level field's value is written in it (one read per invocation). */
  siteLocale(): Promise<'de' | 'en'> {
    return this.serverInfo().then((info) => siteLanguage(info.defaultLocale));
  }

  /** What this invocation read of the site and the level field, to hand on to the consumers it queues work for. */
  async siteFacts(): Promise<SiteFacts> {
    const [levelFieldId, info] = await Promise.all([this.fieldId.get(), this.serverInfo()]);
    return { levelFieldId, baseUrl: info.baseUrl, ...(info.defaultLocale ? { defaultLocale: info.defaultLocale } : {}) };
  }

  /** The facts another invocation read and handed on: this one need not read them again. */
  knowSite(facts: SiteFacts): void {
    this.fieldId.know(facts.levelFieldId);
    this.info = Promise.resolve({ baseUrl: facts.baseUrl, ...(facts.defaultLocale ? { defaultLocale: facts.defaultLocale } : {}) });
  }

  private info: ReturnType<JiraClient['getServerInfo']> | undefined;
  private serverInfo(): ReturnType<JiraClient['getServerInfo']> {
    // A failed read is not kept: the next caller asks again.
    this.info ??= this.asApp.getServerInfo().catch((error: unknown) => {
      this.info = undefined;
      throw answered(error);
    });
    return this.info;
  }

  saveProjection(issue: SweepIssue, document: EscalationIndexDocument, field?: EscalationFieldValue): Promise<void> {
    return writeEscalationProjection(this.asApp, this.fieldId, issue, document, field);
  }

  saveProjections(writes: readonly ProjectionWrite[]): Promise<ProjectionWriteResult> {
    return writeEscalationProjections(this.asApp, this.fieldId, writes);
  }
}

/** Jira's error answer (or its lasting unavailability) in the use cases' words: the request had no effect. */
function answered(error: unknown): unknown {
  return error instanceof ProductRequestError ? new ServiceRequestError(error.message, error.status, { cause: error }) : error;
}
