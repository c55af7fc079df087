import type { Principal } from '../sandbox-api';
import { fail } from '../http/responses';
import type { JiraContext } from './jira-context';
import { mayBrowseIssue, NO_ISSUE } from './permissions';
import { findProject, findStatus } from './reference-data';

export interface IssueRow {
  id: number;
  key: string;
  project_id: number;
  num: number;
  summary: string;
  status_id: number;
  priority_id: number | null;
  issue_type_id: number;
  reporter: string | null;
  assignee: string | null;
  created: number;
  updated: number;
  fields: string;
  watchers: string;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export function findIssue(ctx: JiraContext, idOrKey: string): IssueRow | undefined {
  return (
    /^\d+$/.test(idOrKey)
      ? ctx.db.prepare('SELECT * FROM jira_issue WHERE id = ?').get(Number(idOrKey))
      : ctx.db.prepare('SELECT * FROM jira_issue WHERE key = ?').get(idOrKey.toUpperCase())
  ) as IssueRow | undefined;
}

/** The issue if the principal may browse it (project and issue security); otherwise Jira's 404 (it never reveals that an issue exists). */
export function visibleIssue(ctx: JiraContext, principal: Principal, idOrKey: string): IssueRow {
  const issue = findIssue(ctx, idOrKey);
  if (!issue || !mayBrowseIssue(ctx.db, principal, issue)) fail(404, NO_ISSUE);
  return issue;
}

export function actorId(principal: Principal): string {
  return principal.kind === 'user' ? principal.accountId : APP_ACCOUNT_ID;
}

/** The account Jira attributes an app's changes to (Forge apps act as their own app user). */
export const APP_ACCOUNT_ID = '557058:sandbox-app-user';

export function addChangelog(ctx: JiraContext, issueId: number, author: string | null, items: ChangeItem[], at = ctx.now()): number {
  const info = ctx.db
    .prepare('INSERT INTO jira_changelog (issue_id, author, created, items) VALUES (?, ?, ?, ?)')
    .run(issueId, author, at, JSON.stringify(items));
  return Number(info.lastInsertRowid);
}

export function touch(ctx: JiraContext, issueId: number): void {
  ctx.db.prepare('UPDATE jira_issue SET updated = ? WHERE id = ?').run(ctx.now(), issueId);
}

export interface NewIssue {
  projectKey: string;
  summary: string;
  issueType?: string;
  priority?: string;
  status?: string;
  reporter?: string | null;
  assignee?: string | null;
  description?: unknown;
  labels?: string[];
  watchers?: string[];
  created?: number;
  extraFields?: Record<string, unknown>;
}

/** Inserts an issue with its next key in the project. @throws HttpFailure 400 on unknown project/type/priority. */
export function insertIssue(ctx: JiraContext, input: NewIssue): IssueRow {
  const project = findProject(ctx.db, input.projectKey);
  if (!project) fail(400, [], { project: 'valid project is required' });
  const type = ctx.db.prepare('SELECT id FROM jira_issue_type WHERE name = ?').get(input.issueType ?? 'Task') as { id: number } | undefined;
  if (!type) fail(400, [], { issuetype: 'valid issue type is required' });
  const priority = input.priority
    ? (ctx.db.prepare('SELECT id FROM jira_priority WHERE name = ? OR id = ?').get(input.priority, input.priority) as
        { id: number } | undefined)
    : (ctx.db.prepare("SELECT id FROM jira_priority WHERE name = 'Medium'").get() as { id: number } | undefined);
  if (input.priority && !priority) fail(400, [], { priority: `Priority name '${input.priority}' is not valid` });
  const status = (
    input.status
      ? ctx.db.prepare('SELECT id FROM jira_status WHERE name = ?').get(input.status)
      : ctx.db.prepare('SELECT id FROM jira_status ORDER BY id LIMIT 1').get()
  ) as { id: number } | undefined;
  if (!status) fail(400, `Unknown status ${input.status}`);
  const num = project.next_num;
  const key = `${project.key}-${num}`;
  const at = input.created ?? ctx.now();
  const maxId = ctx.db.prepare('SELECT MAX(id) AS m FROM jira_issue').get() as { m: number | null };
  const id = Math.max(10000, maxId.m ?? 10000) + 1;
  const fields = {
    ...(input.extraFields ?? {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    labels: input.labels ?? [],
  };
  ctx.db.prepare('UPDATE jira_project SET next_num = next_num + 1 WHERE id = ?').run(project.id);
  ctx.db
    .prepare(
      `INSERT INTO jira_issue (id, key, project_id, num, summary, status_id, priority_id, issue_type_id, reporter, assignee, created, updated, fields, watchers)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id,
      key,
      project.id,
      num,
      input.summary,
      status.id,
      priority?.id ?? null,
      type.id,
      input.reporter ?? null,
      input.assignee ?? null,
      at,
      at,
      JSON.stringify(fields),
      JSON.stringify(input.watchers ?? (input.reporter ? [input.reporter] : [])),
    );
  return findIssue(ctx, key)!;
}

export function statusCategoryOf(ctx: JiraContext, issue: IssueRow): string {
  return findStatus(ctx.db, issue.status_id).category;
}
