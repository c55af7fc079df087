import { createHash } from 'node:crypto';
import type { Router } from '../http/router';
import { fail, json } from '../http/responses';
import type { EmulatorRequest } from '../http/http-types';
import type { JiraContext } from './jira-context';
import { issueJson, idsOnly, parseFields } from './issue-view';
import { JqlError, parseJql } from './jql-parser';
import { compileJql } from './jql-sql';
import { browsableProjectIds, mayBrowseIssue, securedIssueIds } from './permissions';
import { issuePropertyIndexes } from '../manifest/app-manifest';
import { loadCustomFields } from './custom-fields';
import { findIssue, type IssueRow } from './issue-repo';

const MAX_IDS_PAGE = 5000;
const MAX_FIELDS_PAGE = 100;
const MAX_PROPERTIES = 5;

interface SearchParams {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand?: string;
  properties?: string[];
}

function listParam(req: EmulatorRequest, name: string): string[] | undefined {
  const all = req.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return all.length ? all : undefined;
}

/** The JQL as SQL over the issues the principal may see (project Browse permission and security levels). */
function compiledQuery(ctx: JiraContext, principal: EmulatorRequest['principal'], jql: string | undefined) {
  const query = parseJql(jql ?? '');
  if (!query.where) fail(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  const browsable = browsableProjectIds(ctx.db, principal);
  return compileJql(
    {
      principal,
      now: ctx.now(),
      propertyIndexes: issuePropertyIndexes(ctx.manifest),
      customFields: loadCustomFields(ctx.db),
      browsableProjectIds: browsable,
      hiddenIssueIds: securedIssueIds(ctx.db).filter((id) => !mayBrowseIssue(ctx.db, principal, findIssue(ctx, String(id))!)),
      valueExists: (field, value) => valueExists(ctx, browsable, field, value),
    },
    query,
  );
}

/**
 * Runs a JQL search (the supported subset, translated to SQL). Paging uses an opaque `nextPageToken`;
 * the last page carries no token and `isLast: true`.
 */
export function search(ctx: JiraContext, principal: EmulatorRequest['principal'], p: SearchParams): Record<string, unknown> {
  try {
    const compiled = compiledQuery(ctx, principal, p.jql);
    const fields = parseFields(p.fields, 'id');
    const cap = idsOnly(fields) && !p.properties?.length ? MAX_IDS_PAGE : MAX_FIELDS_PAGE;
    const requested = p.maxResults ?? 50;
    if (!Number.isInteger(requested) || requested < 0) fail(400, `The value '${requested}' is invalid for maxResults.`);
    const limit = Math.min(requested, cap);
    const offset = p.nextPageToken ? decodeToken(p.nextPageToken, p.jql) : 0;
    if ((p.properties?.length ?? 0) > MAX_PROPERTIES) fail(400, `A maximum of ${MAX_PROPERTIES} properties can be requested.`);
    const rows = ctx.db
      .prepare(
        `SELECT i.* FROM jira_issue i JOIN jira_project p ON p.id = i.project_id WHERE ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`,
      )
      .all(...compiled.args, ...compiled.orderArgs, limit + 1, offset) as IssueRow[];
    const page = rows.slice(0, limit);
    const isLast = rows.length <= limit;
    const onlyIds = idsOnly(fields) && !p.properties?.length && !p.expand;
    const issues = page.map((issue) => {
      if (onlyIds) return fields.include.has('key') ? { id: String(issue.id), key: issue.key } : { id: String(issue.id) };
      return issueJson(ctx, issue, {
        fields,
        expand: (p.expand ?? '').split(',').filter(Boolean),
        properties: p.properties ?? [],
        principal,
      });
    });
    return { issues, isLast, ...(isLast ? {} : { nextPageToken: encodeToken(offset + limit, p.jql) }) };
  } catch (e) {
    if (e instanceof JqlError) fail(400, e.message);
    throw e;
  }
}

/** Names (case-insensitive) or ids of priorities and statuses; keys, ids or names of browsable projects. */
function valueExists(ctx: JiraContext, browsable: number[] | null, field: 'priority' | 'status' | 'project', value: string): boolean {
  if (field === 'project') {
    const row = ctx.db
      .prepare('SELECT id FROM jira_project WHERE key = UPPER(?) OR CAST(id AS TEXT) = ? OR name = ?')
      .get(value, value, value) as { id: number } | undefined;
    return row !== undefined && (browsable === null || browsable.includes(row.id));
  }
  const table = field === 'priority' ? 'jira_priority' : 'jira_status';
  return ctx.db.prepare(`SELECT 1 FROM ${table} WHERE name = ? COLLATE NOCASE OR CAST(id AS TEXT) = ?`).get(value, value) !== undefined;
}

/** A token names the page of one query: used with another JQL it is refused, as Jira does. */
function queryHash(jql: string): string {
  return createHash('sha256').update(jql).digest('base64url').slice(0, 16);
}

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: number; q: string };
    if (!Number.isInteger(t.o) || t.o < 0 || t.q !== queryHash(jql)) throw new Error('mismatch');
    return t.o;
  } catch {
    fail(400, 'The provided next page token is invalid or expired.');
  }
}

export function registerSearchRoutes(router: Router, ctx: JiraContext): void {
  router.add('GET', '/rest/api/3/search/jql', (req) => {
    const max = req.query.get('maxResults');
    return json(
      200,
      search(ctx, req.principal, {
        jql: req.query.get('jql') ?? '',
        nextPageToken: req.query.get('nextPageToken') ?? undefined,
        maxResults: max === null ? undefined : Number(max),
        fields: listParam(req, 'fields'),
        expand: req.query.get('expand') ?? undefined,
        properties: listParam(req, 'properties'),
      }),
    );
  });

  router.add('POST', '/rest/api/3/search/jql', (req) => {
    let body: SearchParams & { fieldsByKeys?: boolean; reconcileIssues?: number[] };
    try {
      body = JSON.parse(req.body ?? '{}') as typeof body;
    } catch {
      fail(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
    }
    const known = new Set([
      'jql',
      'nextPageToken',
      'maxResults',
      'fields',
      'expand',
      'properties',
      'fieldsByKeys',
      'failFast',
      'reconcileIssues',
    ]);
    const extra = Object.keys(body).filter((k) => !known.has(k));
    if (extra.length) fail(400, `Unrecognized field "${extra[0]}" in the request body.`);
    // OpenAPI SearchAndReconcileRequestBean.reconcileIssues: "Accepts max 50 ids".
    if ((body.reconcileIssues?.length ?? 0) > 50) fail(400, 'A maximum of 50 issue ids can be reconciled.');
    return json(200, search(ctx, req.principal, body));
  });

  // "Provide an estimated count of the issues that match the JQL … This endpoint requires JQL to be bounded";
  // issues count where the user may browse them (project permission and issue security). The sandbox's
  // index is never behind, so its estimate is exact.
  router.add('POST', '/rest/api/3/search/approximate-count', (req) => {
    let body: { jql?: unknown };
    try {
      body = JSON.parse(req.body ?? '{}') as typeof body;
    } catch {
      fail(400, 'Invalid request payload. Refer to the REST API documentation and try again.');
    }
    const extra = Object.keys(body).filter((k) => k !== 'jql');
    if (extra.length) fail(400, `Unrecognized field "${extra[0]}" in the request body.`);
    if (typeof body.jql !== 'string') fail(400, 'The JQL query is required.');
    try {
      const compiled = compiledQuery(ctx, req.principal, body.jql);
      const row = ctx.db
        .prepare(`SELECT COUNT(*) AS n FROM jira_issue i JOIN jira_project p ON p.id = i.project_id WHERE ${compiled.where}`)
        .get(...compiled.args) as { n: number };
      return json(200, { count: row.n });
    } catch (e) {
      if (e instanceof JqlError) fail(400, e.message);
      throw e;
    }
  });

  router.add('POST', '/rest/api/3/search', () =>
    fail(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'),
  );
  router.add('GET', '/rest/api/3/search', () =>
    fail(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'),
  );
}
