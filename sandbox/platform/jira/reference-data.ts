import type { Db } from '../db/open-database';
import { avatarUrls, jiraLocale, selfUrl } from './jira-format';

export interface UserRow {
  account_id: string;
  display_name: string;
  email: string | null;
  locale: string;
  time_zone: string;
  active: number;
  account_type: string;
}

export interface ProjectRow {
  id: number;
  key: string;
  name: string;
  lead: string | null;
  project_type: string;
  next_num: number;
}

export interface StatusRow {
  id: number;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

const CATEGORY: Record<string, { id: number; key: string; colorName: string; name: string }> = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export function findUser(db: Db, accountId: string): UserRow | undefined {
  return db.prepare('SELECT * FROM jira_user WHERE account_id = ?').get(accountId) as UserRow | undefined;
}

/** Jira's full user bean (GET /user, /myself). */
export function userJson(u: UserRow, includeLocale = true): Record<string, unknown> {
  return {
    self: selfUrl(`/rest/api/3/user?accountId=${u.account_id}`),
    accountId: u.account_id,
    accountType: u.account_type,
    emailAddress: u.email ?? undefined,
    avatarUrls: avatarUrls(u.account_id),
    displayName: u.display_name,
    active: u.active === 1,
    timeZone: u.time_zone,
    ...(includeLocale ? { locale: jiraLocale(u.locale) } : {}),
  };
}

/** The short user bean inside issue fields, comments and changelogs. */
export function userRef(db: Db, accountId: string | null | undefined): Record<string, unknown> | null {
  if (!accountId) return null;
  const u = findUser(db, accountId);
  if (!u) return { accountId, displayName: 'Former user', active: false, accountType: 'atlassian' };
  return {
    self: selfUrl(`/rest/api/3/user?accountId=${u.account_id}`),
    accountId: u.account_id,
    emailAddress: u.email ?? undefined,
    avatarUrls: avatarUrls(u.account_id),
    displayName: u.display_name,
    active: u.active === 1,
    timeZone: u.time_zone,
    accountType: u.account_type,
  };
}

export function findProject(db: Db, idOrKey: string): ProjectRow | undefined {
  return (
    /^\d+$/.test(idOrKey)
      ? db.prepare('SELECT * FROM jira_project WHERE id = ?').get(Number(idOrKey))
      : db.prepare('SELECT * FROM jira_project WHERE key = ?').get(idOrKey.toUpperCase())
  ) as ProjectRow | undefined;
}

export function projectRef(p: ProjectRow): Record<string, unknown> {
  return {
    self: selfUrl(`/rest/api/3/project/${p.id}`),
    id: String(p.id),
    key: p.key,
    name: p.name,
    projectTypeKey: p.project_type,
    simplified: false,
    avatarUrls: avatarUrls(`project-${p.id}`),
  };
}

export function findStatus(db: Db, id: number): StatusRow {
  return db.prepare('SELECT * FROM jira_status WHERE id = ?').get(id) as StatusRow;
}

export function statusJson(s: StatusRow): Record<string, unknown> {
  const c = CATEGORY[s.category]!;
  return {
    self: selfUrl(`/rest/api/3/status/${s.id}`),
    description: '',
    iconUrl: selfUrl('/images/icons/statuses/generic.png'),
    name: s.name,
    id: String(s.id),
    statusCategory: { self: selfUrl(`/rest/api/3/statuscategory/${c.id}`), ...c },
  };
}

export function statusCategoryJson(category: string): Record<string, unknown> {
  const c = CATEGORY[category]!;
  return { self: selfUrl(`/rest/api/3/statuscategory/${c.id}`), ...c };
}

export function priorityJson(db: Db, id: number | null): Record<string, unknown> | null {
  if (id === null) return null;
  const p = db.prepare('SELECT * FROM jira_priority WHERE id = ?').get(id) as { id: number; name: string } | undefined;
  if (!p) return null;
  return {
    self: selfUrl(`/rest/api/3/priority/${p.id}`),
    iconUrl: selfUrl(`/images/icons/priorities/${p.name.toLowerCase()}.svg`),
    name: p.name,
    id: String(p.id),
  };
}

export function issueTypeJson(db: Db, id: number): Record<string, unknown> {
  const t = db.prepare('SELECT * FROM jira_issue_type WHERE id = ?').get(id) as { id: number; name: string };
  return {
    self: selfUrl(`/rest/api/3/issuetype/${t.id}`),
    id: String(t.id),
    description: '',
    iconUrl: selfUrl('/images/icons/issuetypes/task.svg'),
    name: t.name,
    subtask: false,
    hierarchyLevel: 0,
  };
}
