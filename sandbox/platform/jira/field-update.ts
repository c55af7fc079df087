import type { Principal } from '../sandbox-api';
import { fail } from '../http/responses';
import type { JiraContext } from './jira-context';
import { actorId, addChangelog, type ChangeItem, type IssueRow, findIssue } from './issue-repo';
import { findUser } from './reference-data';
import { loadCustomFields } from './custom-fields';
import { indexCustomField } from './property-index';
import { issueEventPayload } from './product-events';

/** Plain text of an ADF document (for changelog strings). */
export function adfText(doc: unknown): string {
  if (doc === null || doc === undefined) return '';
  if (typeof doc === 'string') return doc;
  const node = doc as { text?: string; content?: unknown[]; type?: string; attrs?: { text?: string } };
  if (node.type === 'mention') return node.attrs?.text ?? '@user';
  return (node.text ?? '') + (node.content ?? []).map(adfText).join(node.type === 'doc' ? '\n' : '');
}

function valueString(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  // A JSON value: strings as they are, numbers, booleans, objects and arrays as JSON text.
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const NOT_SETTABLE = (f: string) => `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`;

/**
 * Applies `fields` of PUT /issue (or a transition) and records one changelog entry with an item per
 * changed field, as Jira does. Returns the items (empty when nothing changed).
 */
export function applyFieldUpdate(ctx: JiraContext, issue: IssueRow, fields: Record<string, unknown>, principal: Principal): ChangeItem[] {
  const db = ctx.db;
  const stored = JSON.parse(issue.fields) as Record<string, unknown>;
  const customFields = loadCustomFields(db);
  const items: ChangeItem[] = [];
  const errors: Record<string, string> = {};
  const cols: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    switch (name) {
      case 'summary':
        if (typeof value !== 'string' || !value.trim()) {
          errors.summary = 'You must specify a summary of the issue.';
          break;
        }
        if (value !== issue.summary)
          items.push({
            field: 'summary',
            fieldtype: 'jira',
            fieldId: 'summary',
            from: null,
            fromString: issue.summary,
            to: null,
            toString: value,
          });
        cols.summary = value;
        break;
      case 'priority': {
        const ref = value as { id?: string; name?: string } | null;
        const p =
          ref &&
          (db
            .prepare('SELECT id, name FROM jira_priority WHERE CAST(id AS TEXT) = ? OR name = ?')
            .get(String(ref.id ?? ''), ref.name ?? '') as { id: number; name: string } | undefined);
        if (!p) {
          errors.priority = `Priority name '${ref?.name ?? ref?.id}' is not valid`;
          break;
        }
        if (p.id !== issue.priority_id) {
          const old = db.prepare('SELECT name FROM jira_priority WHERE id = ?').get(issue.priority_id) as { name: string } | undefined;
          items.push({
            field: 'priority',
            fieldtype: 'jira',
            fieldId: 'priority',
            from: issue.priority_id === null ? null : String(issue.priority_id),
            fromString: old?.name ?? null,
            to: String(p.id),
            toString: p.name,
          });
        }
        cols.priority_id = p.id;
        break;
      }
      case 'assignee': {
        const accountId = (value as { accountId?: string } | null)?.accountId ?? null;
        if (accountId && !findUser(db, accountId)) {
          errors.assignee = `User '${accountId}' cannot be assigned issues.`;
          break;
        }
        if (accountId !== issue.assignee) {
          items.push({
            field: 'assignee',
            fieldtype: 'jira',
            fieldId: 'assignee',
            from: issue.assignee,
            fromString: issue.assignee ? (findUser(db, issue.assignee)?.display_name ?? null) : null,
            to: accountId,
            toString: accountId ? findUser(db, accountId)!.display_name : null,
          });
        }
        cols.assignee = accountId;
        break;
      }
      case 'description':
      case 'labels':
      case 'duedate':
      case 'environment': {
        const before = stored[name];
        if (JSON.stringify(before ?? null) !== JSON.stringify(value ?? null)) {
          const str = (v: unknown) =>
            name === 'description' || name === 'environment' ? adfText(v) || null : Array.isArray(v) ? v.join(' ') : valueString(v);
          items.push({
            field: name,
            fieldtype: 'jira',
            fieldId: name,
            from: null,
            fromString: str(before),
            to: null,
            toString: str(value),
          });
        }
        stored[name] = value;
        break;
      }
      default: {
        const cf = customFields.find((f) => f.id === name);
        if (!cf || cf.definition.readOnly === true) {
          errors[name] = NOT_SETTABLE(name);
          break;
        }
        if (JSON.stringify(stored[name] ?? null) !== JSON.stringify(value ?? null)) {
          items.push({
            field: cf.name,
            fieldtype: 'custom',
            fieldId: cf.id,
            from: null,
            fromString: valueString(stored[name]),
            to: null,
            toString: valueString(value),
          });
        }
        stored[name] = value;
        indexCustomField(db, cf, issue.id, value);
      }
    }
  }
  if (Object.keys(errors).length) fail(400, [], errors);
  const sets = Object.keys(cols).map((c) => `${c} = ?`);
  db.prepare(`UPDATE jira_issue SET ${[...sets, 'fields = ?', 'updated = ?'].join(', ')} WHERE id = ?`).run(
    ...Object.values(cols),
    JSON.stringify(stored),
    ctx.now(),
    issue.id,
  );
  if (items.length) {
    const changelogId = addChangelog(ctx, issue.id, actorId(principal), items);
    ctx.emit(
      'avi:jira:updated:issue',
      { ...issueEventPayload(ctx, findIssue(ctx, String(issue.id))!), changelog: { id: String(changelogId), items } },
      principal,
    );
  }
  return items;
}
