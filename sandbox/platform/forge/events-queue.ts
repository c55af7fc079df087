import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';
import { json } from '../http/responses';
import { functionKeyOf, modulesOf, type AppManifest, type ManifestModule } from '../manifest/app-manifest';
import type { Principal, ProductResponse } from '../sandbox-api';

export const MAX_RETRIES = 4;

/**
 * limits-async-events, per installation: "Event per minute 500: Maximum number of events pushed in one
 * minute", and for functions with a timeout above 55 seconds "Payload size for long running functions
 * 100 KB: Maximum size of an individual event". (50 events and 200 KB per push are checked by @forge/events.)
 */
export const EVENTS_PER_MINUTE = 500;
export const LONG_RUNNING_EVENT_BYTES = 100 * 1024;
const MINUTE_MS = 60_000;

interface EventRow {
  id: number;
  kind: 'queue' | 'product' | 'workflow';
  target: string;
  job_id: string | null;
  event_id: string;
  body: string;
  due_at: number;
  attempts: number;
  status: string;
  last_error: string | null;
  retry_data: string | null;
}

export interface Delivery {
  functionKey: string;
  moduleKey: string;
  kind: 'consumer' | 'trigger' | 'jira:workflowPostFunction';
  event: Record<string, unknown>;
  /** Who the function runs as (workflow post functions run as the user who made the transition). */
  principal?: Principal;
  /** The invocation context (second argument); the scheduler's default when absent. */
  context?: Record<string, unknown>;
}

/** A post function Forge invokes again because it returned an `InvocationError`. */
export interface WorkflowRetry {
  moduleKey: string;
  functionKey: string;
  kind: string;
  event: Record<string, unknown>;
  principal: Principal;
  context: Record<string, unknown>;
}

/**
 * The async events queue (`@forge/events` Queue.push → `/webhook/queue/publish/...`) and the product-event
 * outbox, both in SQLite. Events become due at push time + delayInSeconds and are delivered by the
 * scheduler, with retries (thrown error or InvocationError) up to {@link MAX_RETRIES} times.
 */
export class EventsQueue {
  constructor(
    private readonly db: Db,
    private readonly manifest: AppManifest,
    private readonly now: () => number,
  ) {}

  handleApi(path: string, body: Record<string, unknown>): ProductResponse {
    if (path.startsWith('/webhook/queue/publish/')) return this.push(body);
    if (path.startsWith('/webhook/queue/stats/')) {
      const rows = this.db
        .prepare('SELECT status, COUNT(*) AS n FROM queue_event WHERE job_id = ? GROUP BY status')
        .all(String(body.jobId)) as { status: string; n: number }[];
      if (rows.length === 0) return json(404, { message: `Job ${String(body.jobId)} does not exist` });
      const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
      return json(200, { success: n('done'), inProgress: n('pending'), failed: n('failed') });
    }
    if (path.startsWith('/webhook/queue/cancel/')) {
      const info = this.db
        .prepare("UPDATE queue_event SET status = 'cancelled' WHERE job_id = ? AND status = 'pending'")
        .run(String(body.jobId));
      const exists = this.db.prepare('SELECT 1 FROM queue_event WHERE job_id = ?').get(String(body.jobId));
      return exists || info.changes ? { status: 204, headers: {}, body: '' } : json(404, { message: 'Job does not exist' });
    }
    return json(501, { message: `The sandbox events API does not implement ${path}` });
  }

  private readonly pushedByMinute = new Map<number, number>();

  private push(body: Record<string, unknown>): ProductResponse {
    const queueName = String(body.queueName);
    const consumer = modulesOf(this.manifest, 'consumer').find((c) => c.queue === queueName);
    if (!consumer) {
      return json(400, { message: `No consumer module in manifest.yml listens to queue '${queueName}'` });
    }
    const events = body.payload as { body: unknown; delayInSeconds?: number; concurrency?: unknown }[];
    const timeoutSeconds = this.manifest.functions.get(functionKeyOf(consumer) ?? '')?.timeoutSeconds ?? 55;
    if (timeoutSeconds > 55 && events.some((e) => Buffer.byteLength(JSON.stringify(e)) > LONG_RUNNING_EVENT_BYTES)) {
      return json(400, { message: `An event for a long-running consumer exceeds ${LONG_RUNNING_EVENT_BYTES / 1024} KB` });
    }
    // Counted in the minute of the push's own time (consumers in parallel slots push on timelines of their own).
    const minute = Math.floor(this.now() / MINUTE_MS) * MINUTE_MS;
    const pushed = this.pushedByMinute.get(minute) ?? 0;
    // @forge/events turns a 429 into its RateLimitError ("retry adding events after a minute").
    if (pushed + events.length > EVENTS_PER_MINUTE) {
      return json(429, { message: `More than ${EVENTS_PER_MINUTE} events pushed in one minute` });
    }
    this.pushedByMinute.set(minute, pushed + events.length);
    for (const key of this.pushedByMinute.keys()) if (key < minute - 3_600_000) this.pushedByMinute.delete(key);
    const insert = this.db.prepare('INSERT INTO queue_event (kind, target, job_id, event_id, body, due_at) VALUES (?, ?, ?, ?, ?, ?)');
    const now = this.now();
    this.db.transaction(() => {
      for (const e of events)
        insert.run('queue', queueName, String(body.jobId), randomUUID(), JSON.stringify(e), now + (e.delayInSeconds ?? 0) * 1000);
    })();
    return json(201, {});
  }

  /**
   * Schedules a post function's next invocation. Only a returned `InvocationError` leads here (a thrown error
   * is logged and not retried, as on Forge); the first, synchronous invocation counts as the first attempt.
   */
  scheduleWorkflowRetry(retry: WorkflowRetry, retryAfterSeconds: number): void {
    const retryContext = { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: null };
    this.db
      .prepare(
        'INSERT INTO queue_event (kind, target, job_id, event_id, body, due_at, attempts, retry_data) VALUES (?, ?, NULL, ?, ?, ?, 1, ?)',
      )
      .run(
        'workflow',
        retry.moduleKey,
        randomUUID(),
        JSON.stringify(retry),
        this.now() + retryAfterSeconds * 1000,
        JSON.stringify(retryContext),
      );
  }

  /** Stores a product event for the manifest `trigger` modules that subscribe to it. */
  emitProductEvent(eventType: string, payload: Record<string, unknown>, principal: Principal): void {
    const listeners = this.triggersFor(eventType, principal);
    if (listeners.length === 0) return;
    const actor = principal.kind === 'user' ? principal.accountId : undefined;
    this.db.prepare('INSERT INTO queue_event (kind, target, job_id, event_id, body, due_at) VALUES (?, ?, NULL, ?, ?, ?)').run(
      'product',
      eventType,
      randomUUID(),
      // `timestamp`: when the event happened, epoch milliseconds in a string (as Forge's Jira events carry it).
      JSON.stringify({ ...payload, eventType, atlassianId: actor, timestamp: String(this.now()), principalKind: principal.kind }),
      this.now(),
    );
  }

  private triggersFor(eventType: string, principal: Principal): ManifestModule[] {
    return modulesOf(this.manifest, 'trigger').filter((t) => {
      const events = (t.events as string[] | undefined) ?? [];
      const ignoreSelf = (t.filter as { ignoreSelf?: boolean } | undefined)?.ignoreSelf === true;
      return events.includes(eventType) && !(ignoreSelf && principal.kind === 'app');
    });
  }

  nextDueAt(): number | undefined {
    const row = this.db.prepare("SELECT MIN(due_at) AS t FROM queue_event WHERE status = 'pending'").get() as { t: number | null };
    return row.t ?? undefined;
  }

  due(at: number): EventRow[] {
    return this.db.prepare("SELECT * FROM queue_event WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id").all(at) as EventRow[];
  }

  deliveriesFor(row: EventRow, cloudId: string): Delivery[] {
    const body = JSON.parse(row.body) as Record<string, unknown>;
    if (row.kind === 'queue') {
      const consumer = modulesOf(this.manifest, 'consumer').find((c) => c.queue === row.target);
      if (!consumer) throw new Error(`No consumer for queue ${row.target}`);
      const retry = row.retry_data ? (JSON.parse(row.retry_data) as Record<string, unknown>) : undefined;
      return [
        {
          // No function: an empty key, which the runner refuses when the delivery runs.
          functionKey: functionKeyOf(consumer) ?? '',
          moduleKey: consumer.key,
          kind: 'consumer',
          event: {
            ...body,
            queueName: row.target,
            jobId: row.job_id,
            eventId: row.event_id,
            ...(retry ? { retryContext: retry } : {}),
            contextToken: 'sandbox-context-token',
          },
        },
      ];
    }
    if (row.kind === 'workflow') {
      const retry = body as unknown as WorkflowRetry;
      const retryContext = row.retry_data ? (JSON.parse(row.retry_data) as Record<string, unknown>) : undefined;
      return [
        {
          functionKey: retry.functionKey,
          moduleKey: retry.moduleKey,
          kind: 'jira:workflowPostFunction',
          event: { ...retry.event, ...(retryContext ? { retryContext } : {}) },
          principal: retry.principal,
          context: retry.context,
        },
      ];
    }
    const { principalKind, ...payload } = body;
    return this.triggersFor(
      row.target,
      principalKind === 'app' ? { kind: 'app' } : { kind: 'user', accountId: String(body.atlassianId) },
    ).map((t) => ({
      functionKey: String(t.function),
      moduleKey: t.key,
      kind: 'trigger' as const,
      event: {
        ...payload,
        context: { cloudId, moduleKey: t.key },
        contextToken: 'sandbox-context-token',
        ...(row.attempts ? { retryContext: { retryCount: row.attempts } } : {}),
      },
    }));
  }

  markDone(id: number): void {
    this.db.prepare("UPDATE queue_event SET status = 'done', attempts = attempts + 1 WHERE id = ?").run(id);
  }

  /** Schedules a retry, or marks the event failed after MAX_RETRIES retries. */
  markFailed(row: EventRow, error: string, retryAfterSeconds: number, retryData?: unknown, failedAt: number = this.now()): void {
    const attempts = row.attempts + 1;
    if (attempts > MAX_RETRIES) {
      this.db.prepare("UPDATE queue_event SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?").run(attempts, error, row.id);
      return;
    }
    const retryContext = { retryCount: attempts, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: retryData ?? null };
    this.db
      .prepare('UPDATE queue_event SET attempts = ?, last_error = ?, due_at = ?, retry_data = ? WHERE id = ?')
      .run(attempts, error, failedAt + retryAfterSeconds * 1000, JSON.stringify(retryContext), row.id);
  }

  list(status?: string): EventRow[] {
    return (
      status
        ? this.db.prepare('SELECT * FROM queue_event WHERE status = ? ORDER BY id').all(status)
        : this.db.prepare('SELECT * FROM queue_event ORDER BY id').all()
    ) as EventRow[];
  }
}

export type { EventRow };
