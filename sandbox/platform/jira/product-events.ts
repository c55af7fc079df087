import type { JiraContext } from './jira-context';
import type { IssueRow } from './issue-repo';
import { findProject, findStatus, issueTypeJson, projectRef, statusJson, userRef } from './reference-data';
import { jiraDate } from './jira-format';

/**
 * The `issue` part of Jira product events (`avi:jira:created:issue`, `avi:jira:updated:issue`,
 * `avi:jira:commented:issue`) with exactly the fields Forge's Jira events reference documents for it:
 * `id`, `key` and `fields` {summary, issuetype, creator, created, project, reporter, assignee, updated,
 * status}. Nothing more (no priority, no custom fields), so the sandbox is not kinder than Jira: an app that
 * needs more reads it from Jira. The queue adds `eventType`, `atlassianId` and `timestamp` (epoch
 * milliseconds as a string, as Forge sends it).
 */
export function issueEventPayload(ctx: JiraContext, issue: IssueRow): Record<string, unknown> {
  const p = findProject(ctx.db, String(issue.project_id))!;
  return {
    issue: {
      id: String(issue.id),
      key: issue.key,
      fields: {
        summary: issue.summary,
        issuetype: issueTypeJson(ctx.db, issue.issue_type_id),
        creator: userRef(ctx.db, issue.reporter),
        created: jiraDate(issue.created),
        project: projectRef(p),
        reporter: userRef(ctx.db, issue.reporter),
        assignee: userRef(ctx.db, issue.assignee),
        updated: jiraDate(issue.updated),
        status: statusJson(findStatus(ctx.db, issue.status_id)),
      },
    },
  };
}
