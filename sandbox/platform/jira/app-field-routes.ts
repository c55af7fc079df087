import type { Router } from '../http/router';
import { fail, noContent, parseJsonBody } from '../http/responses';
import type { JiraContext } from './jira-context';
import { addChangelog, APP_ACCOUNT_ID, findIssue, type ChangeItem } from './issue-repo';
import { findCustomField, loadCustomFields, type CustomField } from './custom-fields';
import { indexCustomField } from './property-index';
import { issueEventPayload } from './product-events';
import type { Principal } from '../sandbox-api';

interface Update {
  issueIds?: (number | string)[];
  value?: unknown;
  customField?: string;
}

function checkValue(field: CustomField, value: unknown): string | undefined {
  if (value === null) return undefined;
  const t = field.type;
  if (t === 'number' && typeof value !== 'number') return `Field ${field.id} expects a number.`;
  if ((t === 'string' || t === 'user' || t === 'group' || t === 'date' || t === 'datetime') && typeof value !== 'string')
    return `Field ${field.id} expects a string.`;
  if (t === 'object' && (typeof value !== 'object' || Array.isArray(value))) return `Field ${field.id} expects an object.`;
  return undefined;
}

function writeValues(ctx: JiraContext, field: CustomField, updates: Update[], generateChangelog: boolean, principal: Principal): void {
  const issues = updates.flatMap((u) =>
    (u.issueIds ?? []).map((id) => {
      const issue = findIssue(ctx, String(id));
      if (!issue) fail(400, `Issue with id ${id} does not exist.`);
      const err = checkValue(field, u.value);
      if (err) fail(400, err);
      return { issue, value: u.value };
    }),
  );
  const events: (() => void)[] = [];
  ctx.db.transaction(() => {
    for (const { issue, value } of issues) {
      const stored = JSON.parse(issue.fields) as Record<string, unknown>;
      const before = stored[field.id] ?? null;
      if (JSON.stringify(before) === JSON.stringify(value ?? null)) continue;
      stored[field.id] = value ?? null;
      ctx.db.prepare('UPDATE jira_issue SET fields = ?, updated = ? WHERE id = ?').run(JSON.stringify(stored), ctx.now(), issue.id);
      indexCustomField(ctx.db, field, issue.id, value);
      const str = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));
      const items: ChangeItem[] = [
        { field: field.name, fieldtype: 'custom', fieldId: field.id, from: null, fromString: str(before), to: null, toString: str(value) },
      ];
      if (generateChangelog) {
        const id = addChangelog(ctx, issue.id, APP_ACCOUNT_ID, items);
        events.push(() =>
          ctx.emit(
            'avi:jira:updated:issue',
            { ...issueEventPayload(ctx, findIssue(ctx, String(issue.id))!), changelog: { id: String(id), items } },
            principal,
          ),
        );
      }
    }
  })();
  events.forEach((e) => e());
}

/**
 * The app's own custom fields (Forge `jira:customField`): only the app that provides the field may write it
 * (a user principal gets 403, as Jira answers a request not authenticated as that app).
 */
export function registerAppFieldRoutes(router: Router, ctx: JiraContext): void {
  router.add('PUT', '/rest/api/3/app/field/{fieldIdOrKey}/value', (req) => {
    if (req.principal.kind !== 'app') fail(403, 'Only the app that provides the field can update its value.');
    const field = findCustomField(loadCustomFields(ctx.db), req.params.fieldIdOrKey!);
    if (!field) fail(404, `Field ${req.params.fieldIdOrKey} does not exist or is not provided by this app.`);
    const body = parseJsonBody<{ updates?: Update[] }>(req.body);
    if (!Array.isArray(body.updates)) fail(400, 'updates is required.');
    writeValues(ctx, field, body.updates, req.query.get('generateChangelog') !== 'false', req.principal);
    return noContent();
  });

  router.add('POST', '/rest/api/3/app/field/value', (req) => {
    if (req.principal.kind !== 'app') fail(403, 'Only the app that provides the field can update its value.');
    const body = parseJsonBody<{ updates?: Update[] }>(req.body);
    if (!Array.isArray(body.updates)) fail(400, 'updates is required.');
    const fields = loadCustomFields(ctx.db);
    const byField = new Map<CustomField, Update[]>();
    // OpenAPI updateMultipleCustomFieldValues: "Combinations of custom field and issue should be unique within the request."
    const seen = new Set<string>();
    for (const u of body.updates) {
      const field = findCustomField(fields, String(u.customField));
      if (!field) fail(404, `Field ${u.customField} does not exist or is not provided by this app.`);
      if (!Array.isArray(u.issueIds)) fail(400, 'issueIds is required.');
      for (const id of u.issueIds) {
        const pair = `${field.id}:${String(id)}`;
        if (seen.has(pair)) fail(400, `Field ${field.id} is updated more than once for issue ${String(id)}.`);
        seen.add(pair);
      }
      byField.set(field, [...(byField.get(field) ?? []), u]);
    }
    for (const [field, updates] of byField) writeValues(ctx, field, updates, req.query.get('generateChangelog') !== 'false', req.principal);
    return noContent();
  });
}
