import type { Router } from '../http/router';
import { fail, json, noContent, parseJsonBody } from '../http/responses';
import type { JiraContext } from './jira-context';
import { actorId, addChangelog, findIssue, visibleIssue, type IssueRow } from './issue-repo';
import { findStatus, statusJson } from './reference-data';
import { requireProjectPermission } from './permissions';
import { applyFieldUpdate } from './field-update';
import { issueEventPayload } from './product-events';
import { findModule } from '../manifest/app-manifest';
import { evaluateJiraExpression } from './jira-expression';
import { selfUrl } from './jira-format';
import type { Principal } from '../sandbox-api';
import { fieldSchemaJson, loadCustomFields, type CustomField } from './custom-fields';

interface TransitionRow {
  id: number;
  name: string;
  from_status: number | null;
  to_status: number;
}

interface RuleRow {
  module_key: string;
  configuration: string | null;
}

/** Transitions from the issue's status whose workflow conditions (Jira expressions) hold. */
function available(ctx: JiraContext, issue: IssueRow, principal: Principal): TransitionRow[] {
  // A looped transition (from a status to itself) is offered; a global one is not offered to its own target status.
  const candidates = ctx.db
    .prepare('SELECT * FROM jira_transition WHERE from_status = ? OR (from_status IS NULL AND to_status != ?) ORDER BY id')
    .all(issue.status_id, issue.status_id) as TransitionRow[];
  return candidates.filter((t) =>
    rules(ctx, t.id, 'jira:workflowCondition').every((c) => conditionHolds(ctx, issue, principal, c.module, c.configuration)),
  );
}

function conditionHolds(
  ctx: JiraContext,
  issue: IssueRow,
  principal: Principal,
  module: Record<string, unknown>,
  configuration: unknown,
): boolean {
  if (typeof module.expression !== 'string') throw new Error(`Workflow condition ${String(module.key)} has no expression`);
  const rows = ctx.db.prepare('SELECT key, value FROM jira_issue_property WHERE issue_id = ?').all(issue.id) as {
    key: string;
    value: string;
  }[];
  const properties = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const result = evaluateJiraExpression(module.expression, {
    issue: { id: issue.id, key: issue.key, properties },
    // Jira evaluates a condition for the user who would run the transition.
    user: { accountId: actorId(principal) },
    config: configuration === undefined ? null : configuration,
  });
  // Jira treats anything but `true` as a failed condition.
  return result === true;
}

function rules(ctx: JiraContext, transitionId: number, kind: string): { module: Record<string, unknown>; configuration: unknown }[] {
  return (ctx.db.prepare('SELECT module_key, configuration FROM jira_workflow_rule WHERE transition_id = ?').all(transitionId) as RuleRow[])
    .map((r) => ({
      found: findModule(ctx.manifest, r.module_key),
      configuration: r.configuration ? (JSON.parse(r.configuration) as unknown) : undefined,
      key: r.module_key,
    }))
    .map((r) => {
      if (!r.found) throw new Error(`Workflow rule ${r.key} is attached in the sandbox but missing from manifest.yml`);
      return { kind: r.found.kind, module: r.found.module, configuration: r.configuration };
    })
    .filter((r) => r.kind === kind);
}

/** The custom fields on the transition's screen (the sandbox's screens hold the app's fields only). */
function screenFields(ctx: JiraContext, transitionId: number): CustomField[] {
  const ids = (
    ctx.db.prepare('SELECT field_id FROM jira_transition_screen_field WHERE transition_id = ? ORDER BY field_id').all(transitionId) as {
      field_id: string;
    }[]
  ).map((r) => r.field_id);
  return loadCustomFields(ctx.db).filter((f) => ids.includes(f.id));
}

function transitionJson(ctx: JiraContext, t: TransitionRow, expandFields: boolean): Record<string, unknown> {
  const fields = screenFields(ctx, t.id);
  return {
    id: String(t.id),
    name: t.name,
    to: statusJson(findStatus(ctx.db, t.to_status)),
    hasScreen: fields.length > 0,
    isGlobal: t.from_status === null,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
    isLooped: t.from_status === t.to_status,
    // `expand=transitions.fields`: the screen's fields as FieldMetadata (the spec allows no other property there).
    ...(expandFields
      ? {
          fields: Object.fromEntries(
            fields.map((f) => [
              f.id,
              {
                required: false,
                schema: fieldSchemaJson(f, ctx.manifest.appId),
                name: f.name,
                key: f.id,
                operations: ['set'],
              },
            ]),
          ),
        }
      : {}),
  };
}

/** Transitions, with the app's workflow validators (function-based) and post functions run as Jira would. */
export function registerWorkflowRoutes(router: Router, ctx: JiraContext): void {
  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/transitions', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const list = available(ctx, issue, req.principal);
    const expandFields = req.query
      .getAll('expand')
      .flatMap((e) => e.split(','))
      .some((e) => e.trim() === 'transitions.fields');
    return json(200, { expand: 'transitions', transitions: list.map((t) => transitionJson(ctx, t, expandFields)) });
  });

  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/transitions', async (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'TRANSITION_ISSUES',
      'You do not have permission to transition this issue.',
    );
    const body = parseJsonBody<{ transition?: { id?: string }; fields?: Record<string, unknown> }>(req.body);
    const t = available(ctx, issue, req.principal).find((x) => String(x.id) === String(body.transition?.id));
    if (!t) fail(400, `Transition id '${body.transition?.id}' is not valid for this issue.`);
    // Jira takes only the fields on the transition's screen, as it answers for PUT /issue otherwise.
    const onScreen = screenFields(ctx, t.id).map((f) => f.id);
    const offScreen = Object.keys(body.fields ?? {}).filter((k) => !onScreen.includes(k));
    if (offScreen.length)
      fail(
        400,
        [],
        Object.fromEntries(offScreen.map((k) => [k, `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`])),
      );
    const from = findStatus(ctx.db, issue.status_id);
    const to = findStatus(ctx.db, t.to_status);
    const event = {
      issue: { id: String(issue.id), key: issue.key },
      transition: {
        from: { id: String(from.id) },
        to: { id: String(to.id) },
        transitionId: String(t.id),
        transitionName: t.name,
        modifiedFields: body.fields ?? {},
      },
    };
    // The validator gets exactly what Jira documents for it — {issue, configuration, transition: {from, to,
    // modifiedFields}} — and no user, neither in the payload nor in the invocation: the sandbox must not be
    // kinder than Jira.
    const validatorEvent = (configuration: unknown) => ({
      issue: { key: issue.key },
      configuration,
      transition: { from: { id: String(from.id) }, to: { id: String(to.id) }, modifiedFields: body.fields ?? {} },
    });
    for (const v of rules(ctx, t.id, 'jira:workflowValidator')) {
      if (!v.module.function) fail(501, `Validator ${String(v.module.key)} uses a Jira expression, which is unsupported by the sandbox`);
      const result = (await ctx.runWorkflowModule(String(v.module.key), validatorEvent(v.configuration), undefined)) as {
        result?: boolean;
        errorMessage?: string;
      };
      if (!result?.result) fail(400, result?.errorMessage ?? 'Transition refused by a workflow validator.');
    }
    if (body.fields && Object.keys(body.fields).length) applyFieldUpdate(ctx, issue, body.fields, req.principal);
    ctx.db.prepare('UPDATE jira_issue SET status_id = ?, updated = ? WHERE id = ?').run(to.id, ctx.now(), issue.id);
    const items = [
      {
        field: 'status',
        fieldtype: 'jira' as const,
        fieldId: 'status',
        from: String(from.id),
        fromString: from.name,
        to: String(to.id),
        toString: to.name,
      },
    ];
    const changelogId = addChangelog(ctx, issue.id, actorId(req.principal), items);
    const after = findIssue(ctx, String(issue.id))!;
    ctx.emit('avi:jira:updated:issue', { ...issueEventPayload(ctx, after), changelog: { id: String(changelogId), items } }, req.principal);
    for (const pf of rules(ctx, t.id, 'jira:workflowPostFunction')) {
      await runPostFunction(
        ctx,
        String(pf.module.key),
        { ...event, configuration: pf.configuration, changelog: { id: String(changelogId) } },
        req.principal,
      );
    }
    return noContent();
  });

  router.add('GET', '/rest/api/3/issue/{issueIdOrKey}/remotelink', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    const globalId = req.query.get('globalId');
    const rows = (
      globalId
        ? ctx.db.prepare('SELECT * FROM jira_remote_link WHERE issue_id = ? AND global_id = ?').all(issue.id, globalId)
        : ctx.db.prepare('SELECT * FROM jira_remote_link WHERE issue_id = ? ORDER BY id').all(issue.id)
    ) as { id: number; global_id: string | null; body: string }[];
    const links = rows.map((r) => ({
      id: r.id,
      self: selfUrl(`/rest/api/3/issue/${issue.key}/remotelink/${r.id}`),
      ...(r.global_id ? { globalId: r.global_id } : {}),
      ...(JSON.parse(r.body) as Record<string, unknown>),
    }));
    // With globalId Jira returns that one link; without, the array of all links.
    if (globalId) return links[0] ? json(200, links[0]) : fail(404, `No remote link with globalId '${globalId}' exists on this issue.`);
    return json(200, links);
  });

  router.add('POST', '/rest/api/3/issue/{issueIdOrKey}/remotelink', (req) => {
    const issue = visibleIssue(ctx, req.principal, req.params.issueIdOrKey!);
    requireProjectPermission(
      ctx.db,
      req.principal,
      issue.project_id,
      'EDIT_ISSUES',
      'You do not have permission to link issues in this project.',
    );
    const body = parseJsonBody<{
      globalId?: string;
      application?: unknown;
      relationship?: string;
      object?: { url?: string; title?: string };
    }>(req.body);
    if (!body.object?.url) fail(400, [], { url: "'url' is required." });
    if (!body.object?.title) fail(400, [], { title: "'title' is required." });
    const { globalId, ...rest } = body;
    const existing = globalId
      ? (ctx.db.prepare('SELECT id FROM jira_remote_link WHERE issue_id = ? AND global_id = ?').get(issue.id, globalId) as
          { id: number } | undefined)
      : undefined;
    if (existing) {
      ctx.db.prepare('UPDATE jira_remote_link SET body = ? WHERE id = ?').run(JSON.stringify(rest), existing.id);
      return json(200, { id: existing.id, self: selfUrl(`/rest/api/3/issue/${issue.key}/remotelink/${existing.id}`) });
    }
    const info = ctx.db
      .prepare('INSERT INTO jira_remote_link (issue_id, global_id, body) VALUES (?, ?, ?)')
      .run(issue.id, globalId ?? null, JSON.stringify(rest));
    const id = Number(info.lastInsertRowid);
    return json(201, { id, self: selfUrl(`/rest/api/3/issue/${issue.key}/remotelink/${id}`) });
  });
}

/**
 * Post functions run after the transition; a failure never undoes the transition (as in Jira). Forge invokes
 * a post function again only when it returned an `InvocationError` (`{_retry: true, retryOptions}`), after
 * `retryAfter` seconds; a thrown error is logged and not retried.
 */
async function runPostFunction(ctx: JiraContext, moduleKey: string, event: Record<string, unknown>, principal: Principal): Promise<void> {
  let result: unknown;
  try {
    result = await ctx.runWorkflowModule(moduleKey, event, principal);
  } catch (e) {
    console.warn(`[sandbox] post function ${moduleKey} failed (not retried, as on Forge):`, e);
    return;
  }
  const retry = result as { _retry?: unknown; retryOptions?: { retryAfter?: unknown } } | undefined;
  if (retry && retry._retry === true) {
    const after = typeof retry.retryOptions?.retryAfter === 'number' ? retry.retryOptions.retryAfter : 1;
    ctx.retryWorkflowModuleLater(moduleKey, event, principal, after);
  }
}
