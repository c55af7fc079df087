import type { JiraContext } from './jira-context';
import type { IssueRow } from './issue-repo';
import { findProject, findStatus, priorityJson, statusJson, userRef } from './reference-data';
import { jiraDate } from './jira-format';

/** The `issue` part of Jira product events (`avi:jira:*:issue`) as Forge delivers it (subset). */
export function issueEventPayload(ctx: JiraContext, issue: IssueRow): Record<string, unknown> {
  const p = findProject(ctx.db, String(issue.project_id))!;
  return {
    issue: {
      id: String(issue.id),
      key: issue.key,
      fields: {
        summary: issue.summary,
        status: statusJson(findStatus(ctx.db, issue.status_id)),
        priority: priorityJson(ctx.db, issue.priority_id),
        project: { id: String(p.id), key: p.key, name: p.name },
        assignee: userRef(ctx.db, issue.assignee),
        reporter: userRef(ctx.db, issue.reporter),
        created: jiraDate(issue.created),
        updated: jiraDate(issue.updated),
      },
    },
  };
}
