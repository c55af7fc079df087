import type { Router } from '../http/router';
import { fail, json, parseJsonBody } from '../http/responses';
import type { Principal } from '../sandbox-api';
import type { JiraContext } from './jira-context';
import { findIssue } from './issue-repo';
import { hasGlobalPermission, hasProjectPermission, mayBrowseIssue } from './permissions';
import { indexIssueProperty } from './property-index';
import { issuePropertyIndexes } from '../manifest/app-manifest';
import { selfUrl } from './jira-format';

/** OpenAPI bulkSetIssuePropertiesByIssue: "up to 10 entity properties … for each issue and up to 100 issues included in the request". */
export const PROPERTIES_MULTI_MAX_ISSUES = 100;
export const PROPERTIES_MULTI_MAX_PROPERTIES = 10;
/** IssueEntityPropertiesForMultiUpdate.properties: "The maximum length of an issue property value is 32768 characters." */
const MAX_PROPERTY_CHARS = 32_768;
const MAX_KEY_CHARS = 255;

/**
 * How long after its submission a task starts, in the sandbox's simulated milliseconds (`meta` key
 * `jira.taskDelayMs`, default 0). Even at 0 a task never runs inside the request that submitted it: it runs
 * before the next Jira request is answered, so the submitter sees ENQUEUED first, as Jira answers 303 at once.
 */
export const TASK_DELAY_META_KEY = 'jira.taskDelayMs';

interface TaskRow {
  id: number;
  kind: string;
  principal: string;
  payload: string;
  submitted: number;
  run_at: number;
  started: number | null;
  finished: number | null;
  status: string;
  message: string | null;
}

interface MultiPayload {
  issues: { issueID: number; properties: Record<string, unknown> }[];
}

function taskDelayMs(ctx: JiraContext): number {
  const row = ctx.db.prepare('SELECT value FROM meta WHERE key = ?').get(TASK_DELAY_META_KEY) as { value: string } | undefined;
  const ms = row ? Number(row.value) : 0;
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** The request body as Jira's MultiIssueEntityProperties schema takes it (additionalProperties: false), or Jira's 400. */
function readMultiPayload(raw: string | undefined): MultiPayload {
  const body = parseJsonBody<Record<string, unknown>>(raw);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail(400, 'The request body must be a JSON object.');
  const unknown = Object.keys(body).filter((k) => k !== 'issues');
  if (unknown.length > 0) fail(400, `Unrecognized field "${unknown[0]}".`);
  const issues = body.issues;
  if (!Array.isArray(issues) || issues.length === 0) fail(400, 'issues must contain at least one issue.');
  if (issues.length > PROPERTIES_MULTI_MAX_ISSUES)
    fail(400, `The number of issues in the request cannot exceed ${PROPERTIES_MULTI_MAX_ISSUES}.`);
  const out: MultiPayload['issues'] = [];
  for (const item of issues as unknown[]) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) fail(400, 'Each issue must be a JSON object.');
    const { issueID, properties, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length > 0) fail(400, `Unrecognized field "${Object.keys(rest)[0]}".`);
    if (typeof issueID !== 'number' || !Number.isInteger(issueID)) fail(400, 'issueID must be an issue id (a number).');
    if (properties === null || typeof properties !== 'object' || Array.isArray(properties))
      fail(400, 'properties must be a JSON object of property keys and values.');
    const entries = Object.entries(properties as Record<string, unknown>);
    if (entries.length === 0) fail(400, 'properties must contain at least one property.');
    if (entries.length > PROPERTIES_MULTI_MAX_PROPERTIES)
      fail(400, `The number of properties for an issue cannot exceed ${PROPERTIES_MULTI_MAX_PROPERTIES}.`);
    for (const [key, value] of entries) {
      if (key.length === 0 || key.length > MAX_KEY_CHARS) fail(400, `The property key cannot be longer than ${MAX_KEY_CHARS} characters.`);
      if (value === undefined || JSON.stringify(value).length > MAX_PROPERTY_CHARS)
        fail(400, `The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`);
    }
    out.push({ issueID, properties: properties as Record<string, unknown> });
  }
  return { issues: out };
}

/**
 * Runs one bulk property task: non-transactional (each issue on its own), an issue that is not found is
 * ignored (OpenAPI: "if an issue is not found, it is ignored"), one the submitter may not browse or edit fails alone.
 */
function runPropertiesTask(ctx: JiraContext, task: TaskRow): string | null {
  const principal = JSON.parse(task.principal) as Principal;
  const { issues } = JSON.parse(task.payload) as MultiPayload;
  const indexes = issuePropertyIndexes(ctx.manifest);
  const failures: string[] = [];
  const write = ctx.db.prepare('INSERT OR REPLACE INTO jira_issue_property (issue_id, key, value) VALUES (?, ?, ?)');
  for (const { issueID, properties } of issues) {
    const issue = findIssue(ctx, String(issueID));
    if (!issue || !mayBrowseIssue(ctx.db, principal, issue)) continue;
    if (!hasProjectPermission(ctx.db, principal, issue.project_id, 'EDIT_ISSUES')) {
      failures.push(`${issueID}: You do not have permission to edit issues in this project.`);
      continue;
    }
    ctx.db.transaction(() => {
      for (const [key, value] of Object.entries(properties)) {
        write.run(issue.id, key, JSON.stringify(value));
        indexIssueProperty(ctx.db, indexes, issue.id, key, value);
      }
    })();
  }
  return failures.length > 0 ? `Properties not set on issues ${failures.join('; ')}` : null;
}

/** Runs every task whose time has come, oldest first (before each Jira request is answered). */
export function runDueTasks(ctx: JiraContext): void {
  const now = ctx.now();
  const due = ctx.db.prepare("SELECT * FROM jira_task WHERE status = 'ENQUEUED' AND run_at <= ? ORDER BY id").all(now) as TaskRow[];
  for (const task of due) {
    let status = 'COMPLETE';
    let message: string | null = null;
    try {
      message = task.kind === 'issue-properties-multi' ? runPropertiesTask(ctx, task) : null;
    } catch (error) {
      status = 'FAILED';
      message = String(error);
    }
    ctx.db
      .prepare('UPDATE jira_task SET status = ?, started = ?, finished = ?, message = ? WHERE id = ?')
      .run(status, Math.max(task.run_at, task.submitted), now, message, task.id);
  }
}

function taskJson(task: TaskRow): Record<string, unknown> {
  const done = task.finished !== null;
  return {
    self: selfUrl(`/rest/api/3/task/${task.id}`),
    id: String(task.id),
    description: task.kind === 'issue-properties-multi' ? 'Bulk set issue properties by issue' : task.kind,
    status: task.status,
    ...(task.message ? { message: task.message } : {}),
    // Jira legacy user key of the submitter: the sandbox has none, so 0.
    submittedBy: 0,
    progress: done ? 100 : 0,
    elapsedRuntime: done ? task.finished! - (task.started ?? task.submitted) : 0,
    submitted: task.submitted,
    ...(task.started !== null ? { started: task.started } : {}),
    ...(done ? { finished: task.finished } : {}),
    lastUpdate: task.finished ?? task.submitted,
  };
}

/**
 * Jira's asynchronous operations: `POST /rest/api/3/issue/properties/multi` answers 303 with the task's
 * `location` and does the work later; `GET /rest/api/3/task/{taskId}` tells its status (creator or admin only).
 */
export function registerTaskRoutes(router: Router, ctx: JiraContext): void {
  router.add('POST', '/rest/api/3/issue/properties/multi', (req) => {
    const payload = readMultiPayload(req.body);
    const now = ctx.now();
    const info = ctx.db
      .prepare(
        "INSERT INTO jira_task (kind, principal, payload, submitted, run_at, status) VALUES ('issue-properties-multi', ?, ?, ?, ?, 'ENQUEUED')",
      )
      .run(JSON.stringify(req.principal), JSON.stringify(payload), now, now + taskDelayMs(ctx));
    return { status: 303, headers: { location: selfUrl(`/rest/api/3/task/${Number(info.lastInsertRowid)}`) }, body: '' };
  });

  router.add('GET', '/rest/api/3/task/{taskId}', (req) => {
    const task = /^\d+$/.test(req.params.taskId!)
      ? (ctx.db.prepare('SELECT * FROM jira_task WHERE id = ?').get(Number(req.params.taskId)) as TaskRow | undefined)
      : undefined;
    if (!task) fail(404, `Task ${req.params.taskId} does not exist.`);
    const creator = task.principal === JSON.stringify(req.principal);
    if (!creator && !hasGlobalPermission(ctx.db, req.principal, 'ADMINISTER'))
      fail(403, 'You do not have the permission to see the specified task.');
    return json(200, taskJson(task));
  });
}
