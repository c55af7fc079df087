import type { Router } from '../http/router';
import { fail, json, noContent } from '../http/responses';
import type { JiraContext } from './jira-context';
import { visibleIssue } from './issue-repo';
import { requireProjectPermission } from './permissions';
import { indexIssueProperty } from './property-index';
import { issuePropertyIndexes } from '../manifest/app-manifest';
import { selfUrl } from './jira-format';

const MAX_PROPERTY_CHARS = 32_768;
const MAX_KEY_CHARS = 255;

/** Issue entity properties, indexed per the manifest's `jira:entityProperty` modules. */
export function registerPropertyRoutes(router: Router, ctx: JiraContext): void {
  const indexes = issuePropertyIndexes(ctx.manifest);

  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const rows = ctx.db.prepare('SELECT key FROM jira_issue_property WHERE issue_id = ? ORDER BY key').all(issue.id) as { key: string }[];
    return json(200, {
      keys: rows.map((r) => ({ self: selfUrl(`/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(r.key)}`), key: r.key })),
    });
  });

  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const key = req.params.propertyKey!;
    const row = ctx.db.prepare('SELECT value FROM jira_issue_property WHERE issue_id = ? AND key = ?').get(issue.id, key) as
      { value: string } | undefined;
    if (!row) fail(404, `The property with key '${key}' does not exist.`);
    return json(200, { key, value: JSON.parse(row.value) as unknown });
  });

  router.add('PUT', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'EDIT_ISSUES',
      'You do not have permission to edit issues in this project.',
    );
    const key = req.params.propertyKey!;
    if (key.length > MAX_KEY_CHARS) fail(400, `The property key cannot be longer than ${MAX_KEY_CHARS} characters.`);
    const body = req.body ?? '';
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      fail(400, 'The property value must be a valid JSON.');
    }
    if (body.length > MAX_PROPERTY_CHARS) fail(400, `The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`);
    const existed = ctx.db.prepare('SELECT 1 FROM jira_issue_property WHERE issue_id = ? AND key = ?').get(issue.id, key) !== undefined;
    ctx.db.transaction(() => {
      ctx.db
        .prepare('INSERT OR REPLACE INTO jira_issue_property (issue_id, key, value) VALUES (?, ?, ?)')
        .run(issue.id, key, JSON.stringify(value));
      indexIssueProperty(ctx.db, indexes, issue.id, key, value);
    })();
    return existed ? json(200, {}) : json(201, {});
  });

  router.add('DELETE', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'EDIT_ISSUES',
      'You do not have permission to edit issues in this project.',
    );
    const key = req.params.propertyKey!;
    const info = ctx.db.prepare('DELETE FROM jira_issue_property WHERE issue_id = ? AND key = ?').run(issue.id, key);
    if (info.changes === 0) fail(404, `The property with key '${key}' does not exist.`);
    indexIssueProperty(ctx.db, indexes, issue.id, key, undefined);
    return noContent();
  });
}
