import type { Principal } from '../sandbox-api';
import type { JiraContext } from './jira-context';
import type { IssueRow } from './issue-repo';
import { jiraDate, selfUrl } from './jira-format';
import { findProject, findStatus, issueTypeJson, priorityJson, projectRef, statusJson, userRef } from './reference-data';
import { changelogEntryJson, type ChangelogRow } from './changelog-view';
import { commentJson, type CommentRow } from './comment-view';
import { evaluateJiraExpression } from './jira-expression';
import { loadCustomFields } from './custom-fields';
import { serviceManagementFieldValues } from './service-management';
import { customFieldFormatter } from '../manifest/app-manifest';

export interface FieldSelection {
  all: boolean;
  include: Set<string>;
  exclude: Set<string>;
}

/** Parses Jira's `fields` parameter (`*all`, `*navigable`, names, `-name`); `fallback` when absent. */
export function parseFields(values: string[] | undefined, fallback: string): FieldSelection {
  const list = (values && values.length > 0 ? values : [fallback])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const sel: FieldSelection = { all: false, include: new Set(), exclude: new Set() };
  for (const f of list) {
    if (f === '*all' || f === '*navigable') sel.all = true;
    else if (f.startsWith('-')) sel.exclude.add(f.slice(1));
    else sel.include.add(f);
  }
  return sel;
}

/** True when only `id`/`key` are asked for (search then allows 5,000 results a page). */
export function idsOnly(sel: FieldSelection): boolean {
  return !sel.all && [...sel.include].every((f) => f === 'id' || f === 'key');
}

function wanted(sel: FieldSelection, name: string): boolean {
  if (sel.exclude.has(name)) return false;
  return sel.all || sel.include.has(name);
}

export function allFieldValues(ctx: JiraContext, issue: IssueRow, principal: Principal): Record<string, unknown> {
  const stored = JSON.parse(issue.fields) as Record<string, unknown>;
  const watchers = JSON.parse(issue.watchers) as string[];
  const project = findProject(ctx.db, String(issue.project_id))!;
  const status = findStatus(ctx.db, issue.status_id);
  const comments = ctx.db.prepare('SELECT * FROM jira_comment WHERE issue_id = ? ORDER BY id').all(issue.id) as CommentRow[];
  const custom: Record<string, unknown> = {};
  for (const f of loadCustomFields(ctx.db)) custom[f.id] = stored[f.id] ?? null;
  return {
    summary: issue.summary,
    status: statusJson(status),
    statusCategory: (statusJson(status) as { statusCategory: unknown }).statusCategory,
    priority: priorityJson(ctx.db, issue.priority_id),
    issuetype: issueTypeJson(ctx.db, issue.issue_type_id),
    project: projectRef(project),
    reporter: userRef(ctx.db, issue.reporter),
    creator: userRef(ctx.db, issue.reporter),
    assignee: userRef(ctx.db, issue.assignee),
    created: jiraDate(issue.created),
    updated: jiraDate(issue.updated),
    resolution: status.category === 'done' ? { id: '10000', name: 'Done', description: '' } : null,
    labels: [],
    description: null,
    duedate: null,
    ...stored,
    ...custom,
    ...serviceManagementFieldValues(ctx.db, issue.id),
    watches: {
      self: selfUrl(`/rest/api/3/issue/${issue.key}/watchers`),
      watchCount: watchers.length,
      isWatching: principal.kind === 'user' && watchers.includes(principal.accountId),
    },
    comment: {
      comments: comments.map((c) => commentJson(ctx, issue, c)),
      self: selfUrl(`/rest/api/3/issue/${issue.id}/comment`),
      maxResults: comments.length,
      total: comments.length,
      startAt: 0,
    },
  };
}

export interface ViewOptions {
  fields: FieldSelection;
  expand: string[];
  properties: string[];
  principal: Principal;
}

/** The IssueBean as GET /issue and /search/jql return it. */
export function issueJson(ctx: JiraContext, issue: IssueRow, opts: ViewOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: selfUrl(`/rest/api/3/issue/${issue.id}`),
    key: issue.key,
  };
  const values = allFieldValues(ctx, issue, opts.principal);
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) if (wanted(opts.fields, name)) fields[name] = value;
  out.fields = fields;
  if (opts.properties.length > 0) {
    const rows = ctx.db.prepare('SELECT key, value FROM jira_issue_property WHERE issue_id = ?').all(issue.id) as {
      key: string;
      value: string;
    }[];
    const all = opts.properties.includes('*all');
    out.properties = Object.fromEntries(
      rows.filter((r) => all || opts.properties.includes(r.key)).map((r) => [r.key, JSON.parse(r.value)]),
    );
  }
  if (opts.expand.includes('renderedFields')) {
    // App fields render through their manifest formatter (a Jira expression over `value`), as in Jira's views.
    const rendered: Record<string, unknown> = {};
    for (const field of loadCustomFields(ctx.db)) {
      const formatter = customFieldFormatter(field.definition);
      const value = fields[field.id];
      if (!formatter || value === null || value === undefined) continue;
      rendered[field.id] = String(evaluateJiraExpression(formatter, { value }));
    }
    out.renderedFields = rendered;
  }
  if (opts.expand.includes('names')) {
    const names: Record<string, string> = {};
    for (const name of Object.keys(fields))
      names[name] = name.startsWith('customfield_') ? customName(ctx, name) : name[0]!.toUpperCase() + name.slice(1);
    out.names = names;
  }
  if (opts.expand.includes('changelog')) {
    const rows = ctx.db.prepare('SELECT * FROM jira_changelog WHERE issue_id = ? ORDER BY id DESC').all(issue.id) as ChangelogRow[];
    out.changelog = { startAt: 0, maxResults: rows.length, total: rows.length, histories: rows.map((r) => changelogEntryJson(ctx, r)) };
  }
  return out;
}

function customName(ctx: JiraContext, id: string): string {
  return loadCustomFields(ctx.db).find((f) => f.id === id)?.name ?? id;
}
