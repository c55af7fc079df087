import {
  ESCALATION_PROPERTY_KEY,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../../domain/escalation/escalation-projection';
import { PROPERTIES_MULTI_ISSUES, type JiraClient } from './jira-client';

/** The manifest key of the "Escalation level" custom field. */
export const ESCALATION_FIELD_MODULE_KEY = 'escalation-level';

/** Forge names the field's schema after the module: `…/static/escalation-level`. Each site has its own id. */
export async function escalationFieldId(asApp: JiraClient): Promise<string> {
  const fields = await asApp.getFields();
  const field = fields.find((f) => f.schema?.custom?.endsWith(`/static/${ESCALATION_FIELD_MODULE_KEY}`));
  if (!field) throw new Error(`The app's custom field ${ESCALATION_FIELD_MODULE_KEY} is not installed in this Jira site`);
  return field.id;
}

/**
 * The field's id, looked up once per instance. Instances belong to one invocation (composition roots make
 * them per invocation), never to the module: a warm Forge process may serve another site next, whose field
 * has another id, so nothing of one site is kept beyond its invocation.
 */
export class EscalationFieldIdLookup {
  private id: Promise<string> | undefined;

  constructor(private readonly asApp: JiraClient) {}

  /** The id as another invocation read it (handed on in a queue event): no read needed. */
  know(id: string): void {
    this.id = Promise.resolve(id);
  }

  get(): Promise<string> {
    this.id ??= escalationFieldId(this.asApp).catch((error: unknown) => {
      this.id = undefined;
      throw error;
    });
    return this.id;
  }
}

/**
 * Writes an escalation's projections: the level field (only when given, with a changelog entry) first,
 * then the searchable property. If the field write fails the property still shows the old next check
 * time, so the sweep finds the issue again and the two cannot stay apart.
 */
export async function writeEscalationProjection(
  asApp: JiraClient,
  fieldId: EscalationFieldIdLookup,
  issue: { readonly id: string; readonly key: string },
  document: EscalationIndexDocument,
  field?: EscalationFieldValue,
): Promise<void> {
  if (field) await asApp.setAppFieldValue(await fieldId.get(), [Number(issue.id)], field);
  await asApp.setIssueProperty(issue.key, ESCALATION_PROPERTY_KEY, document);
}

/** One issue's projections for {@link writeEscalationProjections}. */
export interface ProjectionWriteRequest {
  readonly issue: { readonly id: string; readonly key: string };
  readonly document: EscalationIndexDocument;
  /** The level field's value, only when it changed. */
  readonly field?: EscalationFieldValue;
}

export interface ProjectionWriteResult {
  /** Issues whose property Jira confirmed written (their field too, when one was given). */
  readonly written: string[];
  /** Issues not written, or not confirmed, and why. */
  readonly failed: { readonly issueIds: string[]; readonly reason: string }[];
}

/** How long the task of a bulk property write is waited for: waits between reads of its status. */
export const TASK_POLL_WAITS_MS: readonly number[] = [250, 500, 1_000, 2_000];

/**
 * Writes many escalations' projections in a few requests: the level fields that changed in one
 * `POST /rest/api/3/app/field/value` (issues with the same value together), then the `escalation` property
 * with `POST /rest/api/3/issue/properties/multi`, 100 issues a request. That request is asynchronous and
 * non-transactional, so each task is read back (`GET /rest/api/3/task/{id}`) before its issues count as
 * written; an issue whose field write failed gets no property write (its property keeps the old check time).
 * Errors do not throw: the issues are reported in `failed`, so that the caller leaves their due index alone.
 *
 * Jira documents per-issue failures only as "available in the task result", without their shape: a task that
 * completes counts for all its issues, and the sweep's next read of each property (it compares it with what the
 * log derives) catches one that Jira skipped.
 */
export async function writeEscalationProjections(
  asApp: JiraClient,
  fieldId: EscalationFieldIdLookup,
  writes: readonly ProjectionWriteRequest[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<ProjectionWriteResult> {
  const failed: { issueIds: string[]; reason: string }[] = [];
  const withField = writes.filter((w) => w.field);
  let fieldFailed = new Set<string>();
  if (withField.length > 0) {
    try {
      const id = await fieldId.get();
      const byValue = new Map<string, { value: EscalationFieldValue; issueIds: number[] }>();
      for (const w of withField) {
        const key = JSON.stringify(w.field);
        const group = byValue.get(key) ?? { value: w.field!, issueIds: [] };
        group.issueIds.push(Number(w.issue.id));
        byValue.set(key, group);
      }
      await asApp.setAppFieldValues([...byValue.values()].map((g) => ({ customField: id, issueIds: g.issueIds, value: g.value })));
    } catch (error) {
      fieldFailed = new Set(withField.map((w) => w.issue.id));
      failed.push({ issueIds: [...fieldFailed], reason: `level field not written: ${String(error)}` });
    }
  }
  const properties = writes.filter((w) => !fieldFailed.has(w.issue.id));
  const tasks: { taskId: string; issueIds: string[] }[] = [];
  for (let i = 0; i < properties.length; i += PROPERTIES_MULTI_ISSUES) {
    const chunk = properties.slice(i, i + PROPERTIES_MULTI_ISSUES);
    const issueIds = chunk.map((w) => w.issue.id);
    try {
      const taskId = await asApp.setIssuePropertiesMulti(
        chunk.map((w) => ({ issueId: Number(w.issue.id), properties: { [ESCALATION_PROPERTY_KEY]: w.document } })),
      );
      tasks.push({ taskId, issueIds });
    } catch (error) {
      failed.push({ issueIds, reason: `property not written: ${String(error)}` });
    }
  }
  const written: string[] = [];
  for (const task of tasks) {
    const status = await finalStatus(asApp, task.taskId, sleep).catch((error: unknown) => `unreadable (${String(error)})`);
    if (status === 'COMPLETE') written.push(...task.issueIds);
    else failed.push({ issueIds: task.issueIds, reason: `property task ${task.taskId} ${status}` });
  }
  return { written, failed };
}

/** The task's status once it has finished, or `not finished` after the last wait. */
async function finalStatus(asApp: JiraClient, taskId: string, sleep: (ms: number) => Promise<void>): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const task = await asApp.getTask(taskId);
    if (task.status !== 'ENQUEUED' && task.status !== 'RUNNING') return task.status;
    const wait = TASK_POLL_WAITS_MS[attempt];
    if (wait === undefined) return 'not finished';
    await sleep(wait);
  }
}
