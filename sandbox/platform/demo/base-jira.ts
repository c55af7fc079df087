import type { JiraContext } from '../jira/jira-context';
import { APP_ACCOUNT_ID } from '../jira/issue-repo';

/** Workflow: To Do → In Progress → Escalated → Resolved → Closed, with status categories. */
export const STATUSES = [
  { id: 10000, name: 'To Do', category: 'new' },
  { id: 10001, name: 'In Progress', category: 'indeterminate' },
  { id: 10002, name: 'Escalated', category: 'indeterminate' },
  { id: 10003, name: 'Resolved', category: 'done' },
  { id: 10004, name: 'Closed', category: 'done' },
] as const;

export const TRANSITIONS = [
  { id: 11, name: 'Start progress', from: 10000, to: 10001 },
  { id: 21, name: 'Escalate', from: 10001, to: 10002 },
  { id: 22, name: 'Escalate', from: 10000, to: 10002 },
  { id: 31, name: 'De-escalate', from: 10002, to: 10001 },
  { id: 41, name: 'Resolve', from: 10001, to: 10003 },
  { id: 42, name: 'Resolve', from: 10002, to: 10003 },
  { id: 51, name: 'Close', from: 10003, to: 10004 },
  { id: 61, name: 'Reopen', from: 10003, to: 10001 },
  // Looped: stays Escalated; its screen carries the app's Escalation level field (the demo puts it there).
  { id: 71, name: 'Change escalation level', from: 10002, to: 10002 },
] as const;

export const PRIORITIES = ['Highest', 'High', 'Medium', 'Low'] as const;

/** Reference data every site has (statuses, priorities, types, roles, the app's own user). Idempotent. */
export function ensureBaseJira(ctx: JiraContext): void {
  const db = ctx.db;
  db.transaction(() => {
    for (const s of STATUSES)
      db.prepare('INSERT OR IGNORE INTO jira_status (id, name, category) VALUES (?, ?, ?)').run(s.id, s.name, s.category);
    for (const t of TRANSITIONS)
      db.prepare('INSERT OR IGNORE INTO jira_transition (id, name, from_status, to_status) VALUES (?, ?, ?, ?)').run(
        t.id,
        t.name,
        t.from,
        t.to,
      );
    PRIORITIES.forEach((p, i) =>
      db.prepare('INSERT OR IGNORE INTO jira_priority (id, name, sequence) VALUES (?, ?, ?)').run(i + 1, p, i + 1),
    );
    for (const [id, name] of [
      [10001, 'Task'],
      [10002, 'Bug'],
      [10003, 'Service Request'],
    ] as const) {
      db.prepare('INSERT OR IGNORE INTO jira_issue_type (id, name) VALUES (?, ?)').run(id, name);
    }
    for (const [id, name, description] of [
      [10002, 'Administrators', 'Project administrators'],
      [10100, 'Contractor', 'Contractor party (Auftragnehmer)'],
      [10101, 'Client', 'Client party (Auftraggeber)'],
    ] as const) {
      db.prepare('INSERT OR IGNORE INTO jira_role (id, name, description) VALUES (?, ?, ?)').run(id, name, description);
    }
    db.prepare(
      "INSERT OR IGNORE INTO jira_user (account_id, display_name, email, locale, time_zone, account_type) VALUES (?, 'Escalation Process (app)', NULL, 'en-US', 'UTC', 'app')",
    ).run(APP_ACCOUNT_ID);
  })();
}
