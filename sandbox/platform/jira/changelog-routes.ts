import type { Router } from '../http/router';
import { fail, json, parseJsonBody } from '../http/responses';
import type { JiraContext } from './jira-context';
import { findIssue, visibleIssue } from './issue-repo';
import { changelogEntryJson, type ChangelogRow } from './changelog-view';
import { intParam, selfUrl } from './jira-format';
import { mayBrowseIssue } from './permissions';

/** Per-issue changelog (paged, oldest first) and the bulk fetch across issues. */
export function registerChangelogRoutes(router: Router, ctx: JiraContext): void {
  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/changelog', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const startAt = intParam(req, 'startAt', 0);
    // Pages of at most 100 (OpenAPI: getChangeLogs, `maxResults` default 100).
    const maxResults = Math.min(100, Math.max(1, intParam(req, 'maxResults', 100)));
    const total = (ctx.db.prepare('SELECT COUNT(*) AS n FROM jira_changelog WHERE issue_id = ?').get(issue.id) as { n: number }).n;
    const rows = ctx.db
      .prepare('SELECT * FROM jira_changelog WHERE issue_id = ? ORDER BY id LIMIT ? OFFSET ?')
      .all(issue.id, maxResults, startAt) as ChangelogRow[];
    return json(200, {
      self: selfUrl(`/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt}`),
      ...(startAt + maxResults < total
        ? { nextPage: selfUrl(`/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${startAt + maxResults}`) }
        : {}),
      maxResults,
      startAt,
      total,
      isLast: startAt + rows.length >= total,
      values: rows.map((r) => changelogEntryJson(ctx, r)),
    });
  });

  router.add('POST', '/rest/api/3/changelog/bulkfetch', (req) => {
    const body = parseJsonBody<{ issueIdsOrKeys?: string[]; fieldIds?: string[]; maxResults?: number; nextPageToken?: string }>(req.body);
    // OpenAPI BulkChangelogRequestBean: additionalProperties false; issueIdsOrKeys required, 1..1000 items;
    // fieldIds at most 10, unique; maxResults int32 in 1..10,000 (default 1000). Out of range is a 400,
    // not a silent clamp.
    const extra = Object.keys(body).filter((k) => !['issueIdsOrKeys', 'fieldIds', 'maxResults', 'nextPageToken'].includes(k));
    if (extra.length) fail(400, `Unrecognized field "${extra[0]}" in the request body.`);
    const keys = body.issueIdsOrKeys ?? [];
    if (!Array.isArray(keys) || keys.length === 0) fail(400, 'At least one issue ID or key must be provided.');
    if (keys.length > 1000) fail(400, 'A maximum of 1000 issue IDs or keys can be requested.');
    if (body.fieldIds !== undefined && !Array.isArray(body.fieldIds)) fail(400, 'fieldIds must be a list of field IDs.');
    if ((body.fieldIds?.length ?? 0) > 10) fail(400, 'A maximum of 10 field IDs can be requested.');
    if (new Set(body.fieldIds ?? []).size !== (body.fieldIds?.length ?? 0)) fail(400, 'fieldIds must not contain duplicates.');
    const maxResults = body.maxResults ?? 1000;
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10_000)
      fail(400, `The value '${String(maxResults)}' is invalid for maxResults: it must be between 1 and 10000.`);
    const issueIds = keys
      .map((k) => findIssue(ctx, String(k)))
      .filter((i): i is NonNullable<typeof i> => i !== undefined && mayBrowseIssue(ctx.db, req.principal, i))
      .map((i) => i.id);
    const after = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) : 0;
    if (Number.isNaN(after)) fail(400, 'The provided next page token is invalid.');
    const fieldIds = body.fieldIds ?? [];
    const collected: ChangelogRow[] = [];
    let lastId = after;
    let more = false;
    if (issueIds.length) {
      const stmt = ctx.db.prepare(
        `SELECT * FROM jira_changelog WHERE issue_id IN (${issueIds.join(',')}) AND id > ? ORDER BY id LIMIT 500`,
      );
      outer: for (;;) {
        const batch = stmt.all(lastId) as ChangelogRow[];
        if (batch.length === 0) break;
        for (const row of batch) {
          lastId = row.id;
          const items = (JSON.parse(row.items) as { fieldId?: string; field: string }[]).filter(
            (it) => fieldIds.length === 0 || fieldIds.includes(it.fieldId ?? it.field),
          );
          if (items.length === 0) continue;
          if (collected.length === maxResults) {
            more = true;
            lastId = collected[collected.length - 1]!.id;
            break outer;
          }
          collected.push({ ...row, items: JSON.stringify(items) });
        }
      }
    }
    const byIssue = new Map<number, ChangelogRow[]>();
    for (const row of collected) byIssue.set(row.issue_id, [...(byIssue.get(row.issue_id) ?? []), row]);
    return json(200, {
      issueChangeLogs: [...byIssue].map(([issueId, rows]) => ({
        issueId: String(issueId),
        changeHistories: rows.map((r) => changelogEntryJson(ctx, r)),
      })),
      ...(more ? { nextPageToken: Buffer.from(String(lastId)).toString('base64url') } : {}),
    });
  });
}
