import type { Db } from '../db/open-database';
import { issuePropertyIndexes, type AppManifest } from '../manifest/app-manifest';
import { indexIssueProperty } from '../jira/property-index';

export interface BulkIssue {
  summary: string;
  statusId?: number;
  priorityId?: number;
  /** Issue properties to store (and index per the manifest), e.g. `{ escalation: {...} }`. */
  properties?: Record<string, unknown>;
}

/**
 * Inserts many issues into a project in one SQLite transaction (benchmarks: 100,000 issues in seconds).
 * Bypasses REST on purpose: no changelog, no product events.
 * @example seedBulkIssues(sandbox.db, sandbox.appManifest, 'DEMO', 100_000, (i) => ({ summary: `Issue ${i}` }))
 */
export function seedBulkIssues(
  db: Db,
  manifest: AppManifest,
  projectKey: string,
  count: number,
  make: (i: number) => BulkIssue,
  at = Date.now(),
): void {
  const project = db.prepare('SELECT id, next_num FROM jira_project WHERE key = ?').get(projectKey) as
    { id: number; next_num: number } | undefined;
  if (!project) throw new Error(`No project ${projectKey}`);
  const indexes = issuePropertyIndexes(manifest);
  const insert = db.prepare(
    `INSERT INTO jira_issue (id, key, project_id, num, summary, status_id, priority_id, issue_type_id, reporter, assignee, created, updated, fields, watchers)
     VALUES (?, ?, ?, ?, ?, ?, ?, 10001, NULL, NULL, ?, ?, '{}', '[]')`,
  );
  const setProp = db.prepare('INSERT INTO jira_issue_property (issue_id, key, value) VALUES (?, ?, ?)');
  db.transaction(() => {
    let id = ((db.prepare('SELECT MAX(id) AS m FROM jira_issue').get() as { m: number | null }).m ?? 10000) + 1;
    let num = project.next_num;
    for (let i = 0; i < count; i++, id++, num++) {
      const issue = make(i);
      insert.run(id, `${projectKey}-${num}`, project.id, num, issue.summary, issue.statusId ?? 10000, issue.priorityId ?? 3, at, at);
      for (const [key, value] of Object.entries(issue.properties ?? {})) {
        setProp.run(id, key, JSON.stringify(value));
        indexIssueProperty(db, indexes, id, key, value);
      }
    }
    db.prepare('UPDATE jira_project SET next_num = ? WHERE id = ?').run(num, project.id);
  })();
}
