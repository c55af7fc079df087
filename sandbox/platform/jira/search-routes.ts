import type { Router } from '../http/router';
import { fail, json } from '../http/responses';
import type { EmulatorRequest } from '../http/http-types';
import type { JiraContext } from './jira-context';
import { issueJson, idsOnly, parseFields } from './issue-view';
import { JqlError, parseJql } from './jql-parser';
import { compileJql } from './jql-sql';
import { browsableProjectIds } from './permissions';
import { issuePropertyIndexes } from '../manifest/app-manifest';
import { loadCustomFields } from './custom-fields';
import type { IssueRow } from './issue-repo';

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

/**
 * Runs a JQL search (the supported subset, translated to SQL). Paging uses an opaque `nextPageToken`;
 * the last page carries no token and `isLast: true`.
 */
export function search(ctx: JiraContext, principal: EmulatorRequest['principal'], p: SearchParams): Record<string, unknown> {
  let query;
  try {
    query = parseJql(p.jql ?? '');
    if (!query.where) fail(400, 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
    const compiled = compileJql(
      {
        principal,
        now: ctx.now(),
        propertyIndexes: issuePropertyIndexes(ctx.manifest),
        customFields: loadCustomFields(ctx.db),
        browsableProjectIds: browsableProjectIds(ctx.db, principal),
      },
      query,
    );
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

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: jql.length })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: number; q: number };
    if (typeof t.o !== 'number' || t.q !== jql.length) throw new Error('mismatch');
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
    return json(200, search(ctx, req.principal, body));
  });

  router.add('POST', '/rest/api/3/search', () =>
    fail(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'),
  );
  router.add('GET', '/rest/api/3/search', () =>
    fail(410, 'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.'),
  );
}
