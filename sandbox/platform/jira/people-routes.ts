import { serviceManagementFieldList } from './service-management';
import type { Router } from '../http/router';
import { fail, json, parseJsonBody } from '../http/responses';
import type { JiraContext } from './jira-context';
import { findIssue } from './issue-repo';
import { intParam, selfUrl } from './jira-format';
import { fieldSchemaJson, loadCustomFields } from './custom-fields';
import {
  GLOBAL_PERMISSIONS,
  groupsOf,
  hasGlobalPermission,
  hasProjectPermission,
  mayBrowseIssue,
  PROJECT_PERMISSIONS,
  securedIssueIds,
} from './permissions';
import { findProject, findUser, priorityJson, projectRef, userJson, userRef, type ProjectRow } from './reference-data';
import { APP_ACCOUNT_ID } from './issue-repo';

/** Users, groups, projects, roles, permissions and the field list. */
export function registerPeopleRoutes(router: Router, ctx: JiraContext): void {
  const db = ctx.db;

  router.add('GET', '/rest/api/3/myself', (req) => {
    const id = req.principal.kind === 'user' ? req.principal.accountId : APP_ACCOUNT_ID;
    const u = findUser(db, id);
    if (!u) fail(401, 'Client must be authenticated to access this resource.');
    return json(200, { ...userJson(u), groups: groupItems(ctx, id), applicationRoles: { size: 1, items: [] } });
  });

  router.add('GET', '/rest/api/3/user', (req) => {
    const accountId = req.query.get('accountId');
    if (!accountId) fail(400, 'The accountId query parameter needs to be provided');
    const u = findUser(db, accountId);
    if (!u) fail(404, `Specified user does not exist or you do not have required permissions`);
    const expand = (req.query.get('expand') ?? '').split(',');
    return json(200, { ...userJson(u), ...(expand.includes('groups') ? { groups: groupItems(ctx, accountId) } : {}) });
  });

  // Paged like Jira; unknown account ids are left out, as Jira does.
  router.add('GET', '/rest/api/3/user/bulk', (req) => {
    const ids = req.query.getAll('accountId');
    if (ids.length === 0) fail(400, 'The accountId query parameter needs to be provided');
    const startAt = intParam(req, 'startAt', 0);
    const maxResults = Math.min(intParam(req, 'maxResults', 10), 200);
    const users = ids.map((id) => findUser(db, id)).filter((u): u is NonNullable<typeof u> => u !== undefined);
    const page = users.slice(startAt, startAt + maxResults);
    return json(200, {
      self: selfUrl('/rest/api/3/user/bulk'),
      maxResults,
      startAt,
      total: users.length,
      isLast: startAt + page.length >= users.length,
      values: page.map((u) => userJson(u, false)),
    });
  });

  // Users whose display name or email address has a word starting with the query (Jira's user search).
  router.add('GET', '/rest/api/3/user/search', (req) => {
    const query = (req.query.get('query') ?? '').trim().toLowerCase();
    const accountId = req.query.get('accountId');
    if (!query && !accountId) fail(400, 'One of the query parameters query, accountId or property is required.');
    // OpenAPI (findUsers, 400): "`query` and `accountId` are provided".
    if (query && accountId) fail(400, 'The query parameters query and accountId cannot be provided together.');
    const startAt = intParam(req, 'startAt', 0);
    const maxResults = Math.min(intParam(req, 'maxResults', 50), 1000);
    const rows = db.prepare('SELECT * FROM jira_user WHERE active = 1 ORDER BY display_name').all() as NonNullable<
      ReturnType<typeof findUser>
    >[];
    const words = (u: NonNullable<ReturnType<typeof findUser>>) => [
      ...u.display_name.toLowerCase().split(/[\s-]+/),
      u.display_name.toLowerCase(),
      (u.email ?? '').toLowerCase(),
    ];
    const matches = rows.filter((u) => (accountId ? u.account_id === accountId : words(u).some((w) => w.startsWith(query))));
    return json(
      200,
      matches.slice(startAt, startAt + maxResults).map((u) => userJson(u, false)),
    );
  });

  router.add('GET', '/rest/api/3/priority', () => {
    const rows = db.prepare('SELECT id FROM jira_priority ORDER BY sequence').all() as { id: number }[];
    return json(
      200,
      rows.map((r) => ({ ...priorityJson(db, r.id), statusColor: '#cccccc', description: '' })),
    );
  });

  router.add('GET', '/rest/api/3/user/groups', (req) => {
    const accountId = req.query.get('accountId');
    if (!accountId) fail(400, 'The accountId query parameter needs to be provided');
    if (!findUser(db, accountId)) fail(404, `Specified user does not exist or you do not have required permissions`);
    return json(200, groupItems(ctx, accountId).items);
  });

  // Paged like Jira (at most 50 a page); needs Administer Jira (or Browse users and groups) of a user; the app has it.
  router.add('GET', '/rest/api/3/group/member', (req) => {
    const byId = req.query.get('groupId');
    const name = byId
      ? (db.prepare('SELECT name FROM jira_group WHERE group_id = ?').get(byId) as { name: string } | undefined)?.name
      : req.query.get('groupname');
    if (!byId && !name) fail(400, 'You must specify a group name or group id.');
    if (!hasGlobalPermission(db, req.principal, 'ADMINISTER')) fail(403, 'You do not have the permission to see the specified group.');
    if (!name || !db.prepare('SELECT 1 FROM jira_group WHERE name = ?').get(name)) fail(404, `Group not found`);
    const includeInactive = req.query.get('includeInactiveUsers') === 'true';
    const startAt = intParam(req, 'startAt', 0);
    const maxResults = Math.min(intParam(req, 'maxResults', 50), 50);
    const members = (
      db.prepare('SELECT account_id FROM jira_group_member WHERE group_name = ? ORDER BY account_id').all(name) as { account_id: string }[]
    )
      .map((r) => findUser(db, r.account_id))
      .filter((u): u is NonNullable<typeof u> => u !== undefined && (includeInactive || u.active === 1));
    const page = members.slice(startAt, startAt + maxResults);
    const isLast = startAt + page.length >= members.length;
    const query = (at: number) => `/rest/api/3/group/member?groupname=${encodeURIComponent(name)}&startAt=${at}&maxResults=${maxResults}`;
    return json(200, {
      self: selfUrl(query(startAt)),
      ...(isLast ? {} : { nextPage: selfUrl(query(startAt + maxResults)) }),
      maxResults,
      startAt,
      total: members.length,
      isLast,
      values: page.map((u) => userJson(u, false)),
    });
  });

  // Anonymous in Jira: the site's address (links in notifications) and the server's time.
  router.add('GET', '/rest/api/3/serverInfo', () =>
    json(200, {
      baseUrl: selfUrl(''),
      displayUrl: selfUrl(''),
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100_000,
      serverTime: new Date(ctx.now()).toISOString(),
      scmInfo: 'sandbox',
      serverTitle: 'Jira',
      // The demo site's default language (Jira's general settings): German, like the contract and both companies.
      defaultLocale: { locale: 'de_DE' },
    }),
  );

  // Projects the caller may browse (OpenAPI: searchProjects; `action` view/browse, which the sandbox's permissions
  // do not tell apart), by key; `query` matches key or name, case-insensitive. Pages of 50, at most 100.
  router.add('GET', '/rest/api/3/project/search', (req) => {
    const startAt = intParam(req, 'startAt', 0);
    const maxResults = Math.min(100, intParam(req, 'maxResults', 50));
    const query = (req.query.get('query') ?? '').toLowerCase();
    const projects = (db.prepare('SELECT * FROM jira_project ORDER BY key').all() as ProjectRow[]).filter(
      (p) =>
        hasProjectPermission(db, req.principal, p.id, 'BROWSE_PROJECTS') &&
        (!query || p.key.toLowerCase().includes(query) || p.name.toLowerCase().includes(query)),
    );
    const page = projects.slice(startAt, startAt + maxResults);
    const at = (start: number) => selfUrl(`/rest/api/3/project/search?startAt=${start}&maxResults=${maxResults}`);
    return json(200, {
      self: at(startAt),
      ...(startAt + maxResults < projects.length ? { nextPage: at(startAt + maxResults) } : {}),
      maxResults,
      startAt,
      total: projects.length,
      isLast: startAt + page.length >= projects.length,
      values: page.map(projectRef),
    });
  });

  router.add('GET', '/rest/api/3/project/{projectIdOrKey}', (req) => {
    const p = findProject(db, req.params.projectIdOrKey!);
    if (!p || !hasProjectPermission(db, req.principal, p.id, 'BROWSE_PROJECTS')) {
      fail(404, `No project could be found with key '${req.params.projectIdOrKey}'.`);
    }
    return json(200, {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...projectRef(p),
      description: '',
      lead: userRef(db, p.lead),
      roles: Object.fromEntries(roles(ctx).map((r) => [r.name, selfUrl(`/rest/api/3/project/${p.id}/role/${r.id}`)])),
      issueTypes: (db.prepare('SELECT id, name FROM jira_issue_type').all() as { id: number; name: string }[]).map((t) => ({
        self: selfUrl(`/rest/api/3/issuetype/${t.id}`),
        id: String(t.id),
        name: t.name,
        subtask: false,
      })),
      assigneeType: 'UNASSIGNED',
      isPrivate: false,
      properties: {},
    });
  });

  router.add('GET', '/rest/api/3/project/{projectIdOrKey}/role', (req) => {
    const p = visibleProject(ctx, req.principal, req.params.projectIdOrKey!);
    return json(200, Object.fromEntries(roles(ctx).map((r) => [r.name, selfUrl(`/rest/api/3/project/${p.id}/role/${r.id}`)])));
  });

  router.add('GET', '/rest/api/3/project/{projectIdOrKey}/role/{id}', (req) => {
    const p = visibleProject(ctx, req.principal, req.params.projectIdOrKey!);
    const role = roles(ctx).find((r) => String(r.id) === req.params.id);
    if (!role) fail(404, `Can not retrieve a role actor for a null project role.`);
    const actors = db.prepare('SELECT actor_type, actor FROM jira_role_actor WHERE project_id = ? AND role_id = ?').all(p.id, role.id) as {
      actor_type: string;
      actor: string;
    }[];
    return json(200, {
      self: selfUrl(`/rest/api/3/project/${p.id}/role/${role.id}`),
      name: role.name,
      id: role.id,
      description: role.description,
      actors: actors.map((a, i) =>
        a.actor_type === 'user'
          ? {
              id: i + 1,
              displayName: findUser(db, a.actor)?.display_name ?? a.actor,
              type: 'atlassian-user-role-actor',
              actorUser: { accountId: a.actor },
            }
          : {
              id: i + 1,
              displayName: a.actor,
              type: 'atlassian-group-role-actor',
              name: a.actor,
              actorGroup: { name: a.actor, displayName: a.actor, groupId: groupId(ctx, a.actor) },
            },
      ),
      scope: { type: 'PROJECT', project: { id: String(p.id), key: p.key, name: p.name } },
    });
  });

  router.add('GET', '/rest/api/3/mypermissions', (req) => {
    const keys = (req.query.get('permissions') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (keys.length === 0) fail(400, 'The permissions query parameter is required.');
    const known = new Set<string>([...PROJECT_PERMISSIONS, ...GLOBAL_PERMISSIONS]);
    const unknown = keys.filter((k) => !known.has(k));
    if (unknown.length) fail(400, `Unrecognized permission keys: ${unknown.join(', ')} (the sandbox knows ${[...known].join(', ')})`);
    let projectId: number | undefined;
    const issueKey = req.query.get('issueKey') ?? req.query.get('issueId');
    const projectKey = req.query.get('projectKey') ?? req.query.get('projectId');
    if (issueKey) {
      const issue = findIssue(ctx, issueKey);
      if (!issue || !mayBrowseIssue(db, req.principal, issue)) fail(404, 'Issue does not exist or you do not have permission to see it.');
      projectId = issue.project_id;
    } else if (projectKey) {
      const p = findProject(db, projectKey);
      if (!p) fail(404, `No project could be found with key '${projectKey}'.`);
      projectId = p.id;
    }
    const permissions: Record<string, unknown> = {};
    for (const key of keys) {
      const global = (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
      const have = global
        ? hasGlobalPermission(db, req.principal, key)
        : projectId !== undefined
          ? hasProjectPermission(db, req.principal, projectId, key)
          : (db.prepare('SELECT id FROM jira_project').all() as { id: number }[]).some((p) =>
              hasProjectPermission(db, req.principal, p.id, key),
            );
      permissions[key] = {
        id: String(100 + [...known].indexOf(key)),
        key,
        name: titleCase(key),
        type: global ? 'GLOBAL' : 'PROJECT',
        description: '',
        havePermission: have,
      };
    }
    return json(200, { permissions });
  });

  /**
   * Get bulk permissions (OpenAPI: getBulkPermissions): per project permission, which of the given projects and
   * issues the user has it for. An issue counts only if the user may see it (its security level included);
   * unknown ids are ignored; more than 1000 valid project or issue ids, an unknown permission or
   * `projectPermissions` without a permission answer 400; asking for another user needs Administer Jira (403).
   */
  router.add('POST', '/rest/api/3/permissions/check', (req) => {
    const body = parseJsonBody<{ accountId?: unknown; globalPermissions?: unknown; projectPermissions?: unknown }>(req.body);
    const extra = Object.keys(body).filter((k) => !['accountId', 'globalPermissions', 'projectPermissions'].includes(k));
    if (extra.length) fail(400, `Unrecognized field "${extra[0]}" (BulkPermissionsRequestBean).`);
    let principal = req.principal;
    if (body.accountId !== undefined && body.accountId !== null) {
      if (typeof body.accountId !== 'string' || !findUser(db, body.accountId)) fail(400, [], { accountId: 'The account ID is invalid.' });
      if (
        req.principal.kind === 'user' &&
        body.accountId !== req.principal.accountId &&
        !hasGlobalPermission(db, req.principal, 'ADMINISTER')
      )
        fail(403, 'Only Jira administrators can perform this operation.');
      principal = { kind: 'user', accountId: body.accountId };
    }
    const list = (v: unknown, what: string): unknown[] => {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) fail(400, `${what} must be a list.`);
      return v.filter((x) => x !== null);
    };
    const globals = list(body.globalPermissions, 'globalPermissions');
    const unknownGlobal = globals.find((g) => typeof g !== 'string' || !(GLOBAL_PERMISSIONS as readonly string[]).includes(g));
    if (unknownGlobal !== undefined)
      fail(400, [], { [typeof unknownGlobal === 'string' ? unknownGlobal : JSON.stringify(unknownGlobal)]: 'Unrecognized permission' });
    const grants = list(body.projectPermissions, 'projectPermissions').map((entry) => {
      const e = (entry ?? {}) as { permissions?: unknown; projects?: unknown; issues?: unknown };
      const permissions = list(e.permissions, 'permissions').filter((p) => p !== '');
      if (permissions.length === 0) fail(400, 'At least one project permission must be provided.');
      const unknown = permissions.find((p) => typeof p !== 'string' || !(PROJECT_PERMISSIONS as readonly string[]).includes(p));
      if (unknown !== undefined)
        fail(400, [], { [typeof unknown === 'string' ? unknown : JSON.stringify(unknown)]: 'Unrecognized permission' });
      const projects = list(e.projects, 'projects')
        .map((id) => (typeof id === 'number' ? findProject(db, String(id)) : undefined))
        .filter((p): p is NonNullable<typeof p> => p !== undefined);
      const issues = list(e.issues, 'issues')
        .map((id) => (typeof id === 'number' && Number.isInteger(id) ? findIssue(ctx, String(id)) : undefined))
        .filter((i): i is NonNullable<typeof i> => i !== undefined);
      // "A maximum of 1000 projects and 1000 issues can be checked"; invalid ids are ignored, so only valid ones count.
      if (projects.length > 1000 || issues.length > 1000) fail(400, 'More than 1000 valid project IDs or issue IDs were provided.');
      return { permissions: permissions as string[], projects, issues };
    });
    // Decided once per project and permission; the security level only where an issue has one.
    const granted = new Map<string, boolean>();
    const has = (projectId: number, permission: string) => {
      const key = `${projectId}:${permission}`;
      if (!granted.has(key)) granted.set(key, hasProjectPermission(db, principal, projectId, permission));
      return granted.get(key)!;
    };
    const secured = new Set(securedIssueIds(db));
    const projectPermissions = [...new Set(grants.flatMap((g) => g.permissions))].map((permission) => {
      const projects = new Set<number>();
      const issues = new Set<number>();
      for (const g of grants.filter((x) => x.permissions.includes(permission))) {
        for (const p of g.projects) if (has(p.id, permission)) projects.add(p.id);
        for (const i of g.issues)
          if (
            has(i.project_id, 'BROWSE_PROJECTS') &&
            has(i.project_id, permission) &&
            (!secured.has(i.id) || mayBrowseIssue(db, principal, i))
          )
            issues.add(i.id);
      }
      return { permission, issues: [...issues].sort((a, b) => a - b), projects: [...projects].sort((a, b) => a - b) };
    });
    return json(200, {
      globalPermissions: globals.filter((g) => hasGlobalPermission(db, principal, g as string)),
      projectPermissions,
    });
  });

  router.add('GET', '/rest/api/3/field', () => {
    const system = [
      'summary',
      'status',
      'priority',
      'assignee',
      'reporter',
      'created',
      'updated',
      'description',
      'labels',
      'project',
      'issuetype',
    ].map((id) => ({
      id,
      key: id,
      name: titleCase(id),
      custom: false,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [id],
      schema: { type: id === 'labels' ? 'array' : 'string', system: id },
    }));
    const custom = loadCustomFields(db).map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      untranslatedName: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${f.numericId}]`, f.name],
      schema: fieldSchemaJson(f, ctx.manifest.appId),
    }));
    return json(200, [...system, ...serviceManagementFieldList(), ...custom]);
  });
}

function titleCase(key: string): string {
  return key
    .toLowerCase()
    .split('_')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}

function roles(ctx: JiraContext): { id: number; name: string; description: string }[] {
  return ctx.db.prepare('SELECT * FROM jira_role ORDER BY id').all() as { id: number; name: string; description: string }[];
}

function groupId(ctx: JiraContext, name: string): string | undefined {
  return (ctx.db.prepare('SELECT group_id FROM jira_group WHERE name = ?').get(name) as { group_id: string } | undefined)?.group_id;
}

function groupItems(
  ctx: JiraContext,
  accountId: string,
): { size: number; items: { name: string; groupId: string | undefined; self: string }[] } {
  const items = groupsOf(ctx.db, accountId).map((name) => ({
    name,
    groupId: groupId(ctx, name),
    self: selfUrl(`/rest/api/3/group?groupId=${groupId(ctx, name)}`),
  }));
  return { size: items.length, items };
}

function visibleProject(ctx: JiraContext, principal: Parameters<typeof hasProjectPermission>[1], idOrKey: string) {
  const p = findProject(ctx.db, idOrKey);
  if (!p || !hasProjectPermission(ctx.db, principal, p.id, 'BROWSE_PROJECTS'))
    fail(404, `No project could be found with key '${idOrKey}'.`);
  return p;
}
