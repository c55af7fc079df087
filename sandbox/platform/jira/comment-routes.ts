import type { Router } from '../http/router';
import { fail, json, noContent, parseJsonBody } from '../http/responses';
import { intParam } from './jira-format';
import type { JiraContext } from './jira-context';
import { actorId, touch, visibleIssue } from './issue-repo';
import { commentJson, type CommentRow } from './comment-view';
import { groupsOf, mayBrowseIssue, requireProjectPermission } from './permissions';
import { issueEventPayload } from './product-events';
import { adfText } from './field-update';
import { findUser } from './reference-data';
import { customerSeesRequest } from './service-management';

function isAdfDoc(body: unknown): boolean {
  const d = body as { type?: string; version?: number; content?: unknown };
  return d !== null && typeof d === 'object' && d.type === 'doc' && d.version === 1 && Array.isArray(d.content);
}

/** Comments (ADF bodies, paged) and notify (captured into the outbox). */
export function registerCommentRoutes(router: Router, ctx: JiraContext): void {
  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/comment', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const startAt = intParam(req, 'startAt', 0);
    // Pages of at most 100 (OpenAPI: getComments, `maxResults` default 100).
    const maxResults = Math.min(100, intParam(req, 'maxResults', 100));
    // "400: Returned if `orderBy` is set to a value other than *created*" (OpenAPI: getComments).
    const orderBy = req.query.get('orderBy');
    if (orderBy !== null && !['created', '-created', '+created'].includes(orderBy))
      fail(400, `The value '${orderBy}' is invalid for orderBy: only created, -created and +created are supported.`);
    const desc = orderBy === '-created';
    const total = (ctx.db.prepare('SELECT COUNT(*) AS n FROM jira_comment WHERE issue_id = ?').get(issue.id) as { n: number }).n;
    const rows = ctx.db
      .prepare(
        `SELECT * FROM jira_comment WHERE issue_id = ? ORDER BY created ${desc ? 'DESC' : 'ASC'}, id ${desc ? 'DESC' : 'ASC'} LIMIT ? OFFSET ?`,
      )
      .all(issue.id, maxResults, startAt) as CommentRow[];
    const properties = (req.query.get('expand') ?? '').split(',').includes('properties');
    return json(200, { startAt, maxResults, total, comments: rows.map((c) => commentJson(ctx, issue, c, { properties })) });
  });

  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const row = ctx.db.prepare('SELECT * FROM jira_comment WHERE issue_id = ? AND id = ?').get(issue.id, Number(req.params.id)) as
      CommentRow | undefined;
    if (!row) fail(404, `Can not find a comment for the id: ${req.params.id}.`);
    const properties = (req.query.get('expand') ?? '').split(',').includes('properties');
    return json(200, commentJson(ctx, issue, row, { properties }));
  });

  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/comment', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'ADD_COMMENTS',
      'You do not have the permission to comment on this issue.',
    );
    const body = parseJsonBody<{ body?: unknown; properties?: unknown }>(req.body);
    if (!isAdfDoc(body.body))
      fail(400, [], {
        comment: 'Comment body is not valid! Expected an Atlassian Document Format document ({type:"doc", version:1, content:[…]}).',
      });
    if (!adfText(body.body).trim() && !JSON.stringify(body.body).includes('"mention"'))
      fail(400, [], { comment: 'Comment body can not be empty!' });
    const now = ctx.now();
    const info = ctx.db
      .prepare('INSERT INTO jira_comment (issue_id, author, body, created, updated, properties) VALUES (?, ?, ?, ?, ?, ?)')
      .run(issue.id, actorId(req.principal), JSON.stringify(body.body), now, now, body.properties ? JSON.stringify(body.properties) : null);
    touch(ctx, issue.id);
    const row = ctx.db.prepare('SELECT * FROM jira_comment WHERE id = ?').get(Number(info.lastInsertRowid)) as CommentRow;
    const comment = commentJson(ctx, issue, row);
    // As Forge documents `avi:jira:commented:issue`: issue, comment, atlassianId (added by the queue) and
    // associatedUsers (the comment's author).
    const commenter = actorId(req.principal);
    ctx.emit(
      'avi:jira:commented:issue',
      { ...issueEventPayload(ctx, issue), comment, ...(commenter ? { associatedUsers: [{ accountId: commenter }] } : {}) },
      req.principal,
    );
    return json(201, comment);
  });

  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/notify', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const body = parseJsonBody<{
      subject?: string;
      textBody?: string;
      htmlBody?: string;
      to?: {
        reporter?: boolean;
        assignee?: boolean;
        watchers?: boolean;
        voters?: boolean;
        users?: { accountId?: string }[];
        groups?: { name?: string; groupName?: string }[];
        groupIds?: string[];
      };
    }>(req.body);
    const to = body.to ?? {};
    // OpenAPI (notify, 400): "the recipient is invalid. For example, the recipient is set to the assignee,
    // but the issue is unassigned" and "the recipient is the same as the calling user".
    if (to.assignee && !issue.assignee) fail(400, 'The issue has no assignee to notify.');
    if (to.reporter && !issue.reporter) fail(400, 'The issue has no reporter to notify.');
    if (req.principal.kind === 'user' && (to.users ?? []).some((u) => u.accountId === (req.principal as { accountId: string }).accountId))
      fail(400, 'You cannot send a notification to yourself.');
    for (const key of ['subject', 'textBody', 'htmlBody'] as const) {
      if (body[key] !== undefined && typeof body[key] !== 'string') fail(400, `The field '${key}' must be a string.`);
    }
    const recipients = new Set<string>();
    if (to.reporter && issue.reporter) recipients.add(issue.reporter);
    if (to.assignee && issue.assignee) recipients.add(issue.assignee);
    if (to.watchers) for (const w of JSON.parse(issue.watchers) as string[]) recipients.add(w);
    for (const u of to.users ?? []) {
      const user = u.accountId ? findUser(ctx.db, u.accountId) : undefined;
      if (!user) fail(400, `The user with accountId '${u.accountId}' does not exist.`);
      // OpenAPI (notify, 400): "the recipient is invalid". Whether Jira counts a deactivated or closed account
      // as invalid is not documented: the sandbox refuses it, the stricter reading.
      if (user.active !== 1) fail(400, `The user with accountId '${u.accountId}' is not active and cannot be notified.`);
      recipients.add(user.account_id);
    }
    const groupNames = [
      ...(to.groups ?? []).map((g) => g.name ?? g.groupName ?? ''),
      ...(to.groupIds ?? []).map(
        (id) => (ctx.db.prepare('SELECT name FROM jira_group WHERE group_id = ?').get(id) as { name: string } | undefined)?.name ?? '',
      ),
    ];
    for (const name of groupNames) {
      if (!ctx.db.prepare('SELECT 1 FROM jira_group WHERE name = ?').get(name)) fail(400, `Group '${name}' does not exist.`);
      for (const r of ctx.db.prepare('SELECT account_id FROM jira_group_member WHERE group_name = ?').all(name) as { account_id: string }[])
        recipients.add(r.account_id);
    }
    // Jira never emails the caller, nor anyone who cannot see the issue.
    if (req.principal.kind === 'user') recipients.delete(req.principal.accountId);
    // A portal customer browses a service project's requests they see on the portal (JSM grants Browse
    // Projects to "Service Project Customer - Portal Access"); no other issue.
    const reached = [...recipients].filter((id) =>
      findUser(ctx.db, id)?.account_type === 'customer'
        ? customerSeesRequest(ctx.db, id, issue.id) && findUser(ctx.db, id)?.active === 1
        : mayBrowseIssue(ctx.db, { kind: 'user', accountId: id }, issue) &&
          findUser(ctx.db, id)?.active === 1 &&
          groupsOf(ctx.db, id) !== undefined,
    );
    ctx.db
      .prepare(
        'INSERT INTO jira_notification (at, issue_key, subject, text_body, html_body, recipients, sent_by, request) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        ctx.now(),
        issue.key,
        body.subject ?? `${issue.key}: ${issue.summary}`,
        body.textBody ?? '',
        body.htmlBody ?? null,
        JSON.stringify(reached.sort()),
        JSON.stringify(req.principal),
        req.body ?? '',
      );
    return noContent();
  });
}
