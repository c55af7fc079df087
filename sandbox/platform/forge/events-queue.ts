import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open-database';
import { json } from '../http/responses';
import { functionKeyOf, modulesOf, type AppManifest, type ManifestModule } from '../manifest/app-manifest';
import type { Principal, ProductResponse } from '../sandbox-api';

export const MAX_RETRIES = 4;

interface EventRow {
  id: number;
  kind: 'queue' | 'product';
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
  kind: 'consumer' | 'trigger';
  event: Record<string, unknown>;
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

  private push(body: Record<string, unknown>): ProductResponse {
    const queueName = String(body.queueName);
    if (!modulesOf(this.manifest, 'consumer').some((c) => c.queue === queueName)) {
      return json(400, { message: `No consumer module in manifest.yml listens to queue '${queueName}'` });
    }
    const events = body.payload as { body: unknown; delayInSeconds?: number; concurrency?: unknown }[];
    const insert = this.db.prepare('INSERT INTO queue_event (kind, target, job_id, event_id, body, due_at) VALUES (?, ?, ?, ?, ?, ?)');
    const now = this.now();
    this.db.transaction(() => {
      for (const e of events)
        insert.run('queue', queueName, String(body.jobId), randomUUID(), JSON.stringify(e), now + (e.delayInSeconds ?? 0) * 1000);
    })();
    return json(201, {});
  }

  /** Stores a product event for the manifest `trigger` modules that subscribe to it. */
  emitProductEvent(eventType: string, payload: Record<string, unknown>, principal: Principal): void {
    const listeners = this.triggersFor(eventType, principal);
    if (listeners.length === 0) return;
    const actor = principal.kind === 'user' ? principal.accountId : undefined;
    this.db
      .prepare('INSERT INTO queue_event (kind, target, job_id, event_id, body, due_at) VALUES (?, ?, NULL, ?, ?, ?)')
      .run(
        'product',
        eventType,
        randomUUID(),
        JSON.stringify({ ...payload, eventType, atlassianId: actor, principalKind: principal.kind }),
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
  markFailed(row: EventRow, error: string, retryAfterSeconds: number, retryData?: unknown): void {
    const attempts = row.attempts + 1;
    if (attempts > MAX_RETRIES) {
      this.db.prepare("UPDATE queue_event SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?").run(attempts, error, row.id);
      return;
    }
    const retryContext = { retryCount: attempts, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: retryData ?? null };
    this.db
      .prepare('UPDATE queue_event SET attempts = ?, last_error = ?, due_at = ?, retry_data = ? WHERE id = ?')
      .run(attempts, error, this.now() + retryAfterSeconds * 1000, JSON.stringify(retryContext), row.id);
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
