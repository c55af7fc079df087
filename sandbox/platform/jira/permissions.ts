import type { Principal } from '../sandbox-api';
import type { Db } from '../db/open-database';
import { fail } from '../http/responses';

export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'EDIT_ISSUES',
  'CREATE_ISSUES',
  'ADD_COMMENTS',
  'TRANSITION_ISSUES',
  'ASSIGN_ISSUES',
  'ADMINISTER_PROJECTS',
  'RESOLVE_ISSUES',
  'SCHEDULE_ISSUES',
  'DELETE_ISSUES',
  'MANAGE_WATCHERS',
] as const;
export const GLOBAL_PERMISSIONS = ['ADMINISTER', 'USER_PICKER', 'CREATE_SHARED_OBJECTS'] as const;

export const NO_ISSUE = 'Issue does not exist or you do not have permission to see it.';

export function groupsOf(db: Db, accountId: string): string[] {
  return (
    db.prepare('SELECT group_name FROM jira_group_member WHERE account_id = ? ORDER BY group_name').all(accountId) as {
      group_name: string;
    }[]
  ).map((r) => r.group_name);
}

/** Project permission check; the app principal holds every permission (as a Forge app with the scopes). */
export function hasProjectPermission(db: Db, principal: Principal, projectId: number, permission: string): boolean {
  if (principal.kind === 'app') return true;
  const groups = groupsOf(db, principal.accountId);
  const rows = db
    .prepare('SELECT holder_type, holder FROM jira_project_permission WHERE project_id = ? AND permission = ?')
    .all(projectId, permission) as { holder_type: string; holder: string }[];
  return rows.some(
    (r) =>
      r.holder_type === 'anyone' ||
      (r.holder_type === 'group' && groups.includes(r.holder)) ||
      (r.holder_type === 'user' && r.holder === principal.accountId) ||
      (r.holder_type === 'projectRole' && inRole(db, principal.accountId, groups, projectId, Number(r.holder))),
  );
}

function inRole(db: Db, accountId: string, groups: string[], projectId: number, roleId: number): boolean {
  const actors = db
    .prepare('SELECT actor_type, actor FROM jira_role_actor WHERE project_id = ? AND role_id = ?')
    .all(projectId, roleId) as { actor_type: string; actor: string }[];
  return actors.some((a) => (a.actor_type === 'user' && a.actor === accountId) || (a.actor_type === 'group' && groups.includes(a.actor)));
}

export function hasGlobalPermission(db: Db, principal: Principal, permission: string): boolean {
  if (principal.kind === 'app') return true;
  const groups = groupsOf(db, principal.accountId);
  if (permission === 'USER_PICKER' || permission === 'CREATE_SHARED_OBJECTS') return true;
  return groups.includes('jira-administrators') || groups.includes('site-admins');
}

/** Ends the request like Jira when a user may see the issue but not change it. */
export function requireProjectPermission(db: Db, principal: Principal, projectId: number, permission: string, message: string): void {
  if (!hasProjectPermission(db, principal, projectId, permission)) fail(403, message);
}

/** Ids of projects the principal may browse (null = all). */
export function browsableProjectIds(db: Db, principal: Principal): number[] | null {
  if (principal.kind === 'app') return null;
  const ids = (db.prepare('SELECT id FROM jira_project').all() as { id: number }[]).map((r) => r.id);
  return ids.filter((id) => hasProjectPermission(db, principal, id, 'BROWSE_PROJECTS'));
}

/** Who an issue security level lets see its issues (Jira's level members, the kinds the sandbox knows). */
export type SecurityLevelMember =
  | { type: 'group'; group: string }
  | { type: 'user'; accountId: string }
  | { type: 'reporter' }
  | { type: 'assignee' }
  | { type: 'projectRole'; roleId: number };

/**
 * Whether the principal may see the issue, as Jira decides it: Browse projects in the issue's project and,
 * when the issue has a security level, membership of that level ("issue-level security permission to view
 * the issue", OpenAPI: search/jql). The app principal sees everything, as elsewhere in the sandbox.
 */
export function mayBrowseIssue(
  db: Db,
  principal: Principal,
  issue: { id: number; project_id: number; reporter: string | null; assignee: string | null },
): boolean {
  if (!hasProjectPermission(db, principal, issue.project_id, 'BROWSE_PROJECTS')) return false;
  if (principal.kind === 'app') return true;
  const level = db.prepare('SELECT level_id FROM jira_issue_security WHERE issue_id = ?').get(issue.id) as { level_id: number } | undefined;
  if (!level) return true;
  const groups = groupsOf(db, principal.accountId);
  const members = db.prepare('SELECT holder_type, holder FROM jira_security_level_member WHERE level_id = ?').all(level.level_id) as {
    holder_type: string;
    holder: string;
  }[];
  return members.some(
    (m) =>
      (m.holder_type === 'group' && groups.includes(m.holder)) ||
      (m.holder_type === 'user' && m.holder === principal.accountId) ||
      (m.holder_type === 'reporter' && issue.reporter === principal.accountId) ||
      (m.holder_type === 'assignee' && issue.assignee === principal.accountId) ||
      (m.holder_type === 'projectRole' && inRole(db, principal.accountId, groups, issue.project_id, Number(m.holder))),
  );
}

/** Ids of the issues that have a security level (few: the filter runs per search). */
export function securedIssueIds(db: Db): number[] {
  return (db.prepare('SELECT issue_id FROM jira_issue_security ORDER BY issue_id').all() as { issue_id: number }[]).map((r) => r.issue_id);
}

/** Creates (or replaces the members of) a security level and puts the issue under it; `null` removes its level. */
export function setIssueSecurity(db: Db, issueId: number, level: { name: string; members: readonly SecurityLevelMember[] } | null): void {
  if (level === null) {
    db.prepare('DELETE FROM jira_issue_security WHERE issue_id = ?').run(issueId);
    return;
  }
  db.prepare('INSERT OR IGNORE INTO jira_security_level (name) VALUES (?)').run(level.name);
  const { id } = db.prepare('SELECT id FROM jira_security_level WHERE name = ?').get(level.name) as { id: number };
  db.prepare('DELETE FROM jira_security_level_member WHERE level_id = ?').run(id);
  const add = db.prepare('INSERT OR IGNORE INTO jira_security_level_member (level_id, holder_type, holder) VALUES (?, ?, ?)');
  for (const m of level.members) {
    const holder = m.type === 'group' ? m.group : m.type === 'user' ? m.accountId : m.type === 'projectRole' ? String(m.roleId) : '';
    add.run(id, m.type, holder);
  }
  db.prepare(
    'INSERT INTO jira_issue_security (issue_id, level_id) VALUES (?, ?) ON CONFLICT(issue_id) DO UPDATE SET level_id = excluded.level_id',
  ).run(issueId, id);
}
