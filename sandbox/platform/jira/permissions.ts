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
