import type { Router } from '../http/router';
import { fail, json, noContent, parseJsonBody } from '../http/responses';
import type { JiraContext } from './jira-context';
import { actorId, findIssue, insertIssue, visibleIssue } from './issue-repo';
import { issueJson, parseFields } from './issue-view';
import { applyFieldUpdate } from './field-update';
import { mayBrowseIssue, requireProjectPermission } from './permissions';
import { findProject } from './reference-data';
import { selfUrl } from './jira-format';
import { issueEventPayload } from './product-events';
import { loadCustomFields } from './custom-fields';
import { indexCustomField } from './property-index';

function csv(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** GET/POST/PUT /rest/api/3/issue. */
export function registerIssueRoutes(router: Router, ctx: JiraContext): void {
  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    return json(
      200,
      issueJson(ctx, issue, {
        fields: parseFields(req.query.getAll('fields'), '*all'),
        expand: csv(req.query.getAll('expand')),
        properties: csv(req.query.getAll('properties')),
        principal: req.principal,
      }),
    );
  });

  router.add('POST', '/rest/api/3/issue', (req) => {
    const body = parseJsonBody<{ fields?: Record<string, unknown> }>(req.body);
    const f = { ...(body.fields ?? {}) };
    const projectRef = f.project as { key?: string; id?: string } | undefined;
    const project = projectRef && findProject(ctx.db, String(projectRef.key ?? projectRef.id));
    if (!project) fail(400, [], { project: 'Specify a valid project ID or key' });
    requireProjectPermission(
      ctx.db,
      req.principal,
      project.id,
      'CREATE_ISSUES',
      'You do not have permission to create issues in this project.',
    );
    if (typeof f.summary !== 'string' || !f.summary.trim()) fail(400, [], { summary: 'You must specify a summary of the issue.' });
    const type = f.issuetype as { name?: string; id?: string } | undefined;
    const typeName =
      type?.name ??
      (type?.id
        ? (ctx.db.prepare('SELECT name FROM jira_issue_type WHERE id = ?').get(Number(type.id)) as { name: string } | undefined)?.name
        : undefined);
    if (!typeName) fail(400, [], { issuetype: 'Specify an issue type' });
    const customFields = loadCustomFields(ctx.db);
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f)) {
      if (['project', 'summary', 'issuetype', 'priority', 'assignee', 'reporter', 'description', 'labels'].includes(k)) continue;
      if (k === 'duedate' || k === 'environment' || customFields.some((c) => c.id === k)) extra[k] = v;
      else fail(400, [], { [k]: `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.` });
    }
    const reporter = (f.reporter as { accountId?: string } | undefined)?.accountId ?? actorId(req.principal);
    const issue = insertIssue(ctx, {
      projectKey: project.key,
      summary: f.summary,
      issueType: typeName,
      priority: (f.priority as { name?: string; id?: string } | undefined)?.name ?? (f.priority as { id?: string } | undefined)?.id,
      reporter,
      assignee: (f.assignee as { accountId?: string } | undefined)?.accountId ?? null,
      description: f.description,
      labels: f.labels as string[] | undefined,
      extraFields: extra,
    });
    for (const c of customFields) if (extra[c.id] !== undefined) indexCustomField(ctx.db, c, issue.id, extra[c.id]);
    ctx.emit('avi:jira:created:issue', issueEventPayload(ctx, issue), req.principal);
    return json(201, { id: String(issue.id), key: issue.key, self: selfUrl(`/rest/api/3/issue/${issue.id}`) });
  });

  router.add('PUT', '/rest/api/3/issue/{issueIdOrKey}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'EDIT_ISSUES',
      'You do not have permission to edit issues in this project.',
    );
    const body = parseJsonBody<{ fields?: Record<string, unknown>; update?: Record<string, unknown> }>(req.body);
    if (body.update && Object.keys(body.update).length)
      fail(400, 'The sandbox supports "fields" in PUT /issue, not the "update" verbs: unsupported by the sandbox');
    applyFieldUpdate(ctx, issue, body.fields ?? {}, req.principal);
    return noContent();
  });

  /** Watchers are part of notify's recipients; a small route to manage them. */
  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/watchers', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const accountId = req.body ? (JSON.parse(req.body) as string) : actorId(req.principal);
    if (!mayBrowseIssue(ctx.db, { kind: 'user', accountId }, issue)) fail(400, 'The user does not have permission to view this issue.');
    const watchers = new Set(JSON.parse(findIssue(ctx, issue.key)!.watchers) as string[]);
    watchers.add(accountId);
    ctx.db.prepare('UPDATE jira_issue SET watchers = ? WHERE id = ?').run(JSON.stringify([...watchers]), issue.id);
    return noContent();
  });
}
