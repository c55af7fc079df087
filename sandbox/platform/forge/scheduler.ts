import type { Db } from '../db/open-database';
import type { SimClock } from '../clock/sim-clock';
import { modulesOf, type AppManifest } from '../manifest/app-manifest';
import type { EventRow, EventsQueue } from './events-queue';
import type { FunctionRunner } from './function-runner';
import { CLOUD_ID } from '../jira/jira-format';

export const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

const INSTALL_CONTEXT = `ari:cloud:jira::site/${CLOUD_ID}`;

export interface AdvanceResult {
  now: string;
  firedTriggers: string[];
  deliveredEvents: number;
}

/**
 * Steps simulated time: fires each `scheduledTrigger` at its interval and delivers due queue and product
 * events, in time order. A failed trigger run is not retried (as on Forge); events are.
 */
export class Scheduler {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly manifest: AppManifest,
    private readonly clock: SimClock,
    private readonly queue: EventsQueue,
    private readonly runner: FunctionRunner,
  ) {
    this.syncTriggers();
  }

  /** New triggers start one interval from now; removed ones are forgotten. Kept across restarts. */
  private syncTriggers(): void {
    const triggers = modulesOf(this.manifest, 'scheduledTrigger');
    for (const t of triggers) {
      const interval = INTERVAL_MS[String(t.interval)];
      if (!interval) throw new Error(`scheduledTrigger ${t.key}: unknown interval '${String(t.interval)}'`);
      this.db
        .prepare('INSERT OR IGNORE INTO scheduled_trigger (module_key, next_at) VALUES (?, ?)')
        .run(t.key, this.clock.nowMs() + interval);
    }
    const keys = triggers.map((t) => t.key);
    for (const row of this.db.prepare('SELECT module_key FROM scheduled_trigger').all() as { module_key: string }[]) {
      if (!keys.includes(row.module_key)) this.db.prepare('DELETE FROM scheduled_trigger WHERE module_key = ?').run(row.module_key);
    }
  }

  /** Serialised: concurrent calls run one after another. */
  advance(ms: number): Promise<AdvanceResult> {
    if (!(ms >= 0)) return Promise.reject(new Error('advanceClock needs a non-negative number of milliseconds'));
    const run = this.chain.then(() => this.step(this.clock.nowMs() + ms));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Delivers what is due now, after any clock step or delivery already under way (never two at once). */
  deliverNow(): Promise<number> {
    const run = this.chain.then(() => this.deliverDue());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Settles once every clock step and delivery started so far has finished. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  private nextTrigger(): { module_key: string; next_at: number } | undefined {
    return this.db.prepare('SELECT module_key, next_at FROM scheduled_trigger ORDER BY next_at, module_key LIMIT 1').get() as
      { module_key: string; next_at: number } | undefined;
  }

  private async step(target: number): Promise<AdvanceResult> {
    const firedTriggers: string[] = [];
    let deliveredEvents = 0;
    for (;;) {
      const trigger = this.nextTrigger();
      const eventAt = this.queue.nextDueAt();
      const triggerAt = trigger && trigger.next_at <= target ? trigger.next_at : undefined;
      const dueAt = eventAt !== undefined && eventAt <= target ? Math.max(eventAt, this.clock.nowMs()) : undefined;
      if (triggerAt === undefined && dueAt === undefined) break;
      if (dueAt !== undefined && (triggerAt === undefined || dueAt <= triggerAt)) {
        this.clock.set(Math.max(this.clock.nowMs(), dueAt));
        deliveredEvents += await this.deliverDue();
        continue;
      }
      this.clock.set(Math.max(this.clock.nowMs(), triggerAt!));
      const module = modulesOf(this.manifest, 'scheduledTrigger').find((t) => t.key === trigger!.module_key)!;
      this.db
        .prepare('UPDATE scheduled_trigger SET next_at = ? WHERE module_key = ?')
        .run(trigger!.next_at + INTERVAL_MS[String(module.interval)]!, module.key);
      firedTriggers.push(module.key);
      try {
        await this.runner.run({
          functionKey: String(module.function),
          moduleKey: module.key,
          kind: 'scheduledTrigger',
          principal: undefined,
          args: [
            { context: { cloudId: CLOUD_ID, moduleKey: module.key }, contextToken: 'sandbox-context-token' },
            { installContext: INSTALL_CONTEXT },
          ],
        });
      } catch (e) {
        console.warn(`[sandbox] scheduled trigger ${module.key} failed (not retried, as on Forge):`, (e as Error).message);
      }
    }
    this.clock.set(Math.max(this.clock.nowMs(), target));
    return { now: this.clock.now().toISOString(), firedTriggers, deliveredEvents };
  }

  /**
   * Delivers every event due now; returns how many deliveries succeeded. Product events and post-function
   * retries go one after another; queue events all at once, as Forge invokes a queue's consumer for each event
   * in parallel — except that of the events pushed with the same `concurrency.key`, at most `concurrency.limit`
   * run at a time (the rest wait for a free slot, in order).
   *
   * Each slot keeps its own simulated time: its next event starts when its last one ended (in the realistic
   * mode, after that invocation's latency and waits), as on Forge, where the slots run side by side and one
   * consumer's wait holds up no other. The quotas are the installation's and count every slot's calls.
   */
  async deliverDue(): Promise<number> {
    const startAt = this.clock.nowMs();
    const rows = this.queue.due(startAt);
    let delivered = 0;
    for (const row of rows.filter((r) => r.kind !== 'queue')) delivered += (await this.deliverRow(row)).delivered;
    const lanes: Promise<number>[] = [];
    const limited = new Map<string, { limit: number; rows: EventRow[] }>();
    for (const row of rows.filter((r) => r.kind === 'queue')) {
      const concurrency = concurrencyOf(row);
      if (!concurrency) {
        lanes.push(this.deliverRow(row, startAt).then((r) => r.delivered));
        continue;
      }
      const group = limited.get(concurrency.key) ?? { limit: concurrency.limit, rows: [] };
      group.limit = Math.min(group.limit, concurrency.limit);
      group.rows.push(row);
      limited.set(concurrency.key, group);
    }
    for (const group of limited.values()) {
      // The events are dealt to the slots in turn beforehand: slots run side by side in real time, but not
      // at the same pace (one may run far ahead), and taking the next event whenever a slot is done in real
      // time would let one slot's simulated timeline take them all, one after another.
      const slots: EventRow[][] = Array.from({ length: Math.min(group.limit, group.rows.length) }, () => []);
      group.rows.forEach((row, i) => slots[i % slots.length]!.push(row));
      for (const slot of slots) {
        lanes.push(
          (async () => {
            let n = 0;
            let at = startAt;
            for (const row of slot) {
              const result = await this.deliverRow(row, at);
              n += result.delivered;
              at = Math.max(at, result.endedAt);
            }
            return n;
          })(),
        );
      }
    }
    for (const n of await Promise.all(lanes)) delivered += n;
    return delivered;
  }

  /**
   * Delivers one due event (to each function it names): `delivered` 1 when all deliveries succeeded;
   * `endedAt`, the simulated time its last invocation ended. `at`: the simulated start on a slot's timeline.
   */
  private async deliverRow(row: EventRow, at?: number): Promise<{ delivered: number; endedAt: number }> {
    let delivered = 0;
    let retryAfter = 2 ** row.attempts * 10;
    let error: string | undefined;
    let retryData: unknown;
    let endedAt = at ?? this.clock.nowMs();
    for (const d of this.queue.deliveriesFor(row, CLOUD_ID)) {
      try {
        const result = (await this.runner.run({
          functionKey: d.functionKey,
          moduleKey: d.moduleKey,
          kind: d.kind,
          principal: d.principal,
          args: [d.event, d.context ?? { installContext: INSTALL_CONTEXT }],
          ...(at !== undefined ? { simStartAt: Math.max(at, endedAt) } : {}),
          onSimEnd: (ms) => {
            endedAt = Math.max(endedAt, ms);
          },
        })) as { _retry?: boolean; retryOptions?: { retryAfter?: number; retryData?: unknown } } | undefined;
        if (result && result._retry) {
          error = 'InvocationError (retry requested)';
          retryAfter = result.retryOptions?.retryAfter ?? retryAfter;
          retryData = result.retryOptions?.retryData;
        } else delivered++;
      } catch (e) {
        // Consumers are retried on thrown errors; product-event triggers and post functions only on InvocationError.
        if (d.kind === 'consumer') error = String((e as Error).message ?? e);
        else console.warn(`[sandbox] trigger ${d.moduleKey} failed:`, (e as Error).message);
      }
    }
    // A retry is due counted from when the failed invocation ended.
    if (error) this.queue.markFailed(row, error, retryAfter, retryData, endedAt);
    else this.queue.markDone(row.id);
    return { delivered, endedAt };
  }
}

/** A queue event's `concurrency` setting (`{ key, limit }` of @forge/events), if it has a usable one. */
function concurrencyOf(row: EventRow): { key: string; limit: number } | undefined {
  const c = (JSON.parse(row.body) as { concurrency?: { key?: unknown; limit?: unknown } }).concurrency;
  if (!c || typeof c.key !== 'string' || typeof c.limit !== 'number') return undefined;
  return { key: c.key, limit: Math.max(1, Math.floor(c.limit)) };
}
