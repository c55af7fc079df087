import type { JiraContext } from './jira-context';
import type { IssueRow } from './issue-repo';
import { jiraDate, selfUrl } from './jira-format';
import { userRef } from './reference-data';

export interface CommentRow {
  id: number;
  issue_id: number;
  author: string | null;
  body: string;
  created: number;
  updated: number;
  properties: string | null;
}

/** A comment as Jira's REST API returns it; `expand=properties` adds its comment properties. */
export function commentJson(
  ctx: JiraContext,
  issue: IssueRow,
  c: CommentRow,
  opts: { properties?: boolean } = {},
): Record<string, unknown> {
  const author = userRef(ctx.db, c.author);
  return {
    ...(opts.properties ? { properties: c.properties ? (JSON.parse(c.properties) as unknown[]) : [] } : {}),
    self: selfUrl(`/rest/api/3/issue/${issue.id}/comment/${c.id}`),
    id: String(c.id),
    author,
    body: JSON.parse(c.body),
    updateAuthor: author,
    created: jiraDate(c.created),
    updated: jiraDate(c.updated),
    jsdPublic: true,
  };
}
