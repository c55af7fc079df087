import { json } from '../http/responses';
import type { ProductResponse } from '../sandbox-api';
import { currentInvocation, type Invocation } from './invocation-context';

/** What a call through `__forge_fetch__` is, for counting. Storage reads, writes and queries apart. */
export type CallKind = 'jira' | 'confluence' | 'storageRead' | 'storageWrite' | 'storageQuery' | 'queue';
export const CALL_KINDS: readonly CallKind[] = ['jira', 'confluence', 'storageRead', 'storageWrite', 'storageQuery', 'queue'];
export type CallCounts = Record<CallKind, number>;

/**
 * Forge-realistic mode: latency per call and the platform's quotas. Defaults from Atlassian's docs:
 * - limits-kvs-ce: per installation 1,000 requests/s, 4,000 reads and 4,000 writes per minute, each counted
 *   in 10 KB units (a 65 KB request counts 7); over quota: 429 `RATE_LIMIT_EXCEEDED`.
 * - storage-reference/batchops: "You can send a maximum of 45 batch operations per minute" (`kvs.batchSet`,
 *   `batchGet`, `batchDelete`, counted here per installation and minute like the quotas above); over it, the
 *   same 429 `RATE_LIMIT_EXCEEDED` ("any request that exceeds a quota or limit", handling-errors-kvs).
 * - cloud/jira/platform/rate-limiting: a points quota per hour (each request costs 1 point, plus 1 per object a
 *   read returns; writes cost the base point only), 429 with `Retry-After` / `X-RateLimit-Reset`.
 *   The hourly figure differs by tier and is not in the stored docs: `jiraPointsPerHour` is an assumption.
 */
export interface RealisticOptions {
  /** Simulated milliseconds per call (default: Jira and Confluence 150, storage and queue 40). */
  latencyMs?: Partial<Record<'jira' | 'confluence' | 'storage' | 'queue', number>>;
  storageReadUnitsPerMinute?: number;
  storageWriteUnitsPerMinute?: number;
  /** `kvs.batchSet` / `batchGet` / `batchDelete` requests per minute (default 45). */
  storageBatchOperationsPerMinute?: number;
  jiraPointsPerHour?: number;
}

type Resolved = Required<Omit<RealisticOptions, 'latencyMs'>> & { latencyMs: Record<'jira' | 'confluence' | 'storage' | 'queue', number> };

const MIN = 60_000;
const HOUR = 3_600_000;
const UNIT_BYTES = 10 * 1024;

/** Per-invocation figures kept by the meter (also in {@link Invocation.sim}). */
export interface InvocationFigures {
  functionKey: string;
  kind: string;
  calls: CallCounts;
  /** Simulated time from the start of the invocation to its last answer (or wait): the critical path. */
  criticalPathMs: number;
  limitMs: number;
  timedOut: boolean;
}

export interface MeterSnapshot {
  totals: CallCounts & { total: number; storage: number };
  /** Answers 429 the realistic mode gave, by product (`batch`: storage 429s for the batch operations' limit, also in `storage`). */
  throttled: { storage: number; jira: number; batch: number };
  /** KVS batch operations (`/api/v1/batch/*`) answered, and the most in one minute (realistic mode; Forge allows 45). */
  batchOperations: { total: number; maxPerMinute: number };
  invocations: number;
  /** Per invocation kind: count, the largest critical path, its limit, how many ran out of time. */
  byKind: Record<string, { count: number; maxCriticalPathMs: number; limitMs: number; timedOut: number }>;
  maxInvocationMs: number;
}

export class SimulatedTimeoutError extends Error {
  readonly code = 'FUNCTION_TIME_OUT';
}

const zero = (): CallCounts => ({ jira: 0, confluence: 0, storageRead: 0, storageWrite: 0, storageQuery: 0, queue: 0 });

const READ_PATHS = new Set(['/api/v1/get', '/api/v1/secret/get', '/api/v1/batch/get', '/api/v1/entity/get']);
const QUERY_PATHS = new Set(['/api/v1/query', '/api/v1/entity/query']);
const BATCH_PATHS = new Set(['/api/v1/batch/set', '/api/v1/batch/get', '/api/v1/batch/delete']);

/** Whether a `__forge_fetch__` call is a KVS batch operation (`kvs.batchSet`, `batchGet`, `batchDelete`). */
export function isBatchOperation(proxy: Record<string, unknown>, path: string): boolean {
  return proxy.type === 'kvs' && BATCH_PATHS.has(path);
}

/**
 * Counts every call the app makes through Forge's seam, per invocation and in total; in realistic mode also
 * gives each call its simulated latency (advancing the invocation's critical path and the sandbox clock —
 * no real waiting), answers 429 once a quota window is spent, and ends an invocation that overruns its limit.
 *
 * The critical path is kept per invocation as one simulated "now": a call starts at it and, when answered,
 * moves it to at least start + latency. Calls started together (Promise.all) overlap; calls in sequence add
 * up. With mixed latencies in parallel branches it errs on the long side.
 */
export class PlatformMeter {
  private options: Resolved | undefined;
  private totals = zero();
  private throttled = { storage: 0, jira: 0, batch: 0 };
  private batchOperations = { total: 0, maxPerMinute: 0 };
  private byKind = new Map<string, { count: number; maxCriticalPathMs: number; limitMs: number; timedOut: number }>();
  private invocations = 0;
  // Quota used per window, keyed by the window's start: invocations on timelines of their own (parallel
  // consumers) call in any order of simulated time, and each call counts in the window it falls in.
  private readonly readWindows = new QuotaWindows(MIN);
  private readonly writeWindows = new QuotaWindows(MIN);
  private readonly batchWindows = new QuotaWindows(MIN);
  private readonly jiraWindows = new QuotaWindows(HOUR);
  private restoreTimers: (() => void) | undefined;

  constructor(
    private readonly nowMs: () => number,
    private readonly advanceTo: (ms: number) => void,
  ) {}

  get realistic(): boolean {
    return this.options !== undefined;
  }

  /** Turns the realistic mode on (with these options) or off (undefined). */
  setRealistic(options: RealisticOptions | undefined): void {
    if (!options) {
      this.options = undefined;
      this.restoreTimers?.();
      this.restoreTimers = undefined;
      return;
    }
    this.options = {
      latencyMs: { jira: 150, confluence: 150, storage: 40, queue: 40, ...options.latencyMs },
      storageReadUnitsPerMinute: options.storageReadUnitsPerMinute ?? 4_000,
      storageWriteUnitsPerMinute: options.storageWriteUnitsPerMinute ?? 4_000,
      storageBatchOperationsPerMinute: options.storageBatchOperationsPerMinute ?? 45,
      jiraPointsPerHour: options.jiraPointsPerHour ?? 65_000,
    };
    this.restoreTimers ??= this.simulateWaits();
  }

  reset(): void {
    this.totals = zero();
    this.throttled = { storage: 0, jira: 0, batch: 0 };
    this.batchOperations = { total: 0, maxPerMinute: 0 };
    this.byKind.clear();
    this.invocations = 0;
  }

  snapshot(): MeterSnapshot {
    const t = this.totals;
    const storage = t.storageRead + t.storageWrite + t.storageQuery;
    const byKind = Object.fromEntries([...this.byKind].map(([k, v]) => [k, { ...v }]));
    return {
      totals: { ...t, storage, total: storage + t.jira + t.confluence + t.queue },
      throttled: { ...this.throttled },
      batchOperations: { ...this.batchOperations },
      invocations: this.invocations,
      byKind,
      maxInvocationMs: Math.max(0, ...Object.values(byKind).map((k) => k.maxCriticalPathMs)),
    };
  }

  /**
   * Starts the simulated time of an invocation (the runner calls it before the handler runs): at `startAt`
   * when it runs on a timeline of its own (a queue consumer in one of the concurrency slots), else now.
   */
  begin(invocation: Invocation, startAt?: number): void {
    const at = Math.max(startAt ?? this.nowMs(), 0);
    invocation.sim = { start: at, now: at, calls: zero(), killed: undefined, onKill: [] };
  }

  /** The simulated time of the current invocation in the realistic mode (its own timeline), else undefined. */
  localNow(): number | undefined {
    if (!this.options) return undefined;
    return currentInvocation()?.sim?.now;
  }

  /** Ends an invocation and files its figures under its module kind. */
  end(invocation: Invocation, kind: string): InvocationFigures | undefined {
    const sim = invocation.sim;
    if (!sim) return undefined;
    this.invocations++;
    const figures: InvocationFigures = {
      functionKey: invocation.functionKey,
      kind,
      calls: { ...zero(), ...sim.calls },
      criticalPathMs: sim.now - sim.start,
      limitMs: invocation.timeoutMs,
      timedOut: sim.killed !== undefined,
    };
    const entry = this.byKind.get(kind) ?? { count: 0, maxCriticalPathMs: 0, limitMs: invocation.timeoutMs, timedOut: 0 };
    entry.count++;
    entry.maxCriticalPathMs = Math.max(entry.maxCriticalPathMs, figures.criticalPathMs);
    entry.limitMs = Math.max(entry.limitMs, invocation.timeoutMs);
    if (figures.timedOut) entry.timedOut++;
    this.byKind.set(kind, entry);
    return figures;
  }

  /** A promise that rejects when the invocation's simulated time runs past its limit (realistic mode). */
  killed(invocation: Invocation): Promise<never> {
    return new Promise<never>((_, reject) => invocation.sim?.onKill.push(reject));
  }

  /** Simulated milliseconds left to the current invocation, or undefined outside the realistic mode. */
  remainingMs(invocation: Invocation): number | undefined {
    if (!this.options || !invocation.sim) return undefined;
    return Math.max(0, invocation.timeoutMs - (invocation.sim.now - invocation.sim.start));
  }

  /**
   * Wraps one call through `__forge_fetch__`: counts it, and in realistic mode refuses it over quota and
   * charges its latency. `perform` answers it; `bodyBytes` sizes storage units; `batch`: a KVS batch operation.
   */
  async call(kind: CallKind, bodyBytes: number, perform: () => Promise<ProductResponse>, batch = false): Promise<ProductResponse> {
    const invocation = currentInvocation();
    const sim = invocation?.sim;
    if (sim?.killed) throw sim.killed;
    this.totals[kind]++;
    if (sim) sim.calls[kind] = (sim.calls[kind] ?? 0) + 1;
    const options = this.options;
    if (!options || !sim) {
      if (batch) this.batchOperations.total++;
      return perform();
    }
    const startAt = sim.now;
    const refused = (batch ? this.overBatchLimit(startAt) : undefined) ?? this.overQuota(kind, bodyBytes, startAt);
    if (!refused && batch) this.countBatch(startAt);
    let response = refused ?? (await perform());
    if (!refused && kind === 'jira') response = this.chargeJira(response, startAt);
    if (!refused && (kind === 'storageRead' || kind === 'storageQuery')) this.readWindows.add(startAt, units(response.body.length));
    this.elapse(invocation, startAt + this.latencyOf(kind, options));
    return response;
  }

  private latencyOf(kind: CallKind, options: Resolved): number {
    if (kind === 'jira' || kind === 'confluence' || kind === 'queue') return options.latencyMs[kind];
    return options.latencyMs.storage;
  }

  /** Moves the invocation's simulated time (and the sandbox clock) to `to`; past the limit, ends it. */
  private elapse(invocation: Invocation, to: number): void {
    const sim = invocation.sim!;
    sim.now = Math.max(sim.now, to);
    if (this.nowMs() < sim.now) this.advanceTo(sim.now);
    if (!sim.killed && sim.now - sim.start > invocation.timeoutMs) {
      sim.killed = new SimulatedTimeoutError(
        `Function ${invocation.functionKey} timed out after ${invocation.timeoutMs / 1000} s of simulated time (Forge limit)`,
      );
      for (const reject of sim.onKill) reject(sim.killed);
    }
  }

  /** A batch operation once the installation's of this minute are spent. */
  private overBatchLimit(at: number): ProductResponse | undefined {
    if (this.batchWindows.used(at) < this.options!.storageBatchOperationsPerMinute) return undefined;
    this.throttled.batch++;
    return this.storage429(this.batchWindows.endOf(at) - at, 'batch operations of this minute spent');
  }

  private countBatch(at: number): void {
    this.batchWindows.add(at, 1);
    this.batchOperations.total++;
    this.batchOperations.maxPerMinute = Math.max(this.batchOperations.maxPerMinute, this.batchWindows.used(at));
  }

  private overQuota(kind: CallKind, bodyBytes: number, at: number): ProductResponse | undefined {
    const o = this.options!;
    if (kind === 'storageWrite') {
      const cost = units(bodyBytes);
      if (this.writeWindows.used(at) + cost > o.storageWriteUnitsPerMinute) return this.storage429(this.writeWindows.endOf(at) - at);
      this.writeWindows.add(at, cost);
    }
    if (kind === 'storageRead' || kind === 'storageQuery') {
      if (this.readWindows.used(at) >= o.storageReadUnitsPerMinute) return this.storage429(this.readWindows.endOf(at) - at);
    }
    if (kind === 'jira') {
      if (this.jiraWindows.used(at) >= o.jiraPointsPerHour) {
        this.throttled.jira++;
        const resetAt = this.jiraWindows.endOf(at);
        // The quota refuses every request until the hour's reset: Retry-After, the reset as Jira writes it
        // (yyyy-MM-ddTHH:mmZ) and which limit it is.
        return json(
          429,
          { errorMessages: ['Rate limit exceeded.'], errors: {} },
          {
            'retry-after': String(Math.ceil((resetAt - at) / 1000)),
            'x-ratelimit-reset': `${new Date(resetAt).toISOString().slice(0, 16)}Z`,
            'ratelimit-reason': 'jira-quota-tenant-based',
          },
        );
      }
    }
    return undefined;
  }

  /** Forge storage's quota answer. Its docs name no Retry-After; @forge/kvs would not pass headers on anyway. */
  private storage429(waitMs: number, what = 'storage quota of this minute spent'): ProductResponse {
    this.throttled.storage++;
    return json(
      429,
      { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded (sandbox: ${what})` },
      { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
    );
  }

  /**
   * Jira's points: 1 per request, plus 1 per object a read returns (approximated by the largest array). The
   * answer carries the quota headers Jira sends: `Beta-RateLimit-Policy`, and `Beta-RateLimit` with the points
   * left (`r`, only once 80 % are spent) and the seconds to the reset; `X-RateLimit-NearLimit` under 20 % left.
   */
  private chargeJira(response: ProductResponse, at: number): ProductResponse {
    let objects = 0;
    if (response.status < 300 && response.body.startsWith('{')) {
      try {
        const body = JSON.parse(response.body) as Record<string, unknown>;
        for (const v of Object.values(body)) if (Array.isArray(v)) objects = Math.max(objects, v.length);
      } catch {
        // Not JSON: the base point only.
      }
    }
    this.jiraWindows.add(at, 1 + objects);
    const quota = this.options!.jiraPointsPerHour;
    const left = Math.max(0, quota - this.jiraWindows.used(at));
    const resetIn = Math.ceil((this.jiraWindows.endOf(at) - at) / 1000);
    const headers: Record<string, string> = {
      ...response.headers,
      'beta-ratelimit-policy': `"tenant-app-quota";q=${quota};w=3600`,
      'beta-ratelimit': left < quota * 0.2 ? `"tenant-app-quota";r=${left};t=${resetIn}` : `"tenant-app-quota";t=${resetIn}`,
    };
    if (left < quota * 0.2) headers['x-ratelimit-nearlimit'] = 'true';
    return { ...response, headers };
  }

  /**
   * Waits inside a realistic invocation pass in simulated time: a `setTimeout` started by app code within an
   * invocation moves that invocation's time on by its delay and fires at once (retry waits, backoff).
   */
  private simulateWaits(): () => void {
    const g = globalThis as { setTimeout: typeof setTimeout };
    const real = g.setTimeout;
    const simulated = ((handler: (...a: unknown[]) => void, delay?: number, ...args: unknown[]) => {
      const invocation = currentInvocation();
      if (this.options && invocation?.sim && typeof delay === 'number' && delay > 0) {
        this.elapse(invocation, invocation.sim.now + delay);
        return real(handler, 0, ...args);
      }
      return real(handler, delay, ...args);
    }) as typeof setTimeout;
    g.setTimeout = Object.assign(simulated, real);
    return () => {
      if (g.setTimeout === simulated) g.setTimeout = real;
    };
  }
}

/** Fixed windows of one length (a minute, an hour) by their start; windows far behind the latest are dropped. */
class QuotaWindows {
  private readonly usedByStart = new Map<number, number>();
  private latest = 0;

  constructor(private readonly length: number) {}

  private startOf(at: number): number {
    return Math.floor(at / this.length) * this.length;
  }

  endOf(at: number): number {
    return this.startOf(at) + this.length;
  }

  used(at: number): number {
    return this.usedByStart.get(this.startOf(at)) ?? 0;
  }

  add(at: number, amount: number): void {
    const start = this.startOf(at);
    this.usedByStart.set(start, (this.usedByStart.get(start) ?? 0) + amount);
    if (start > this.latest) {
      this.latest = start;
      // Timelines of parallel invocations lie within their time limit (15 min at most) of each other.
      for (const key of this.usedByStart.keys()) if (key < start - 24 * HOUR) this.usedByStart.delete(key);
    }
  }
}

function units(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / UNIT_BYTES));
}

/** The kind of a `__forge_fetch__` call, from its proxy and path. */
export function callKind(proxy: Record<string, unknown>, path: string): CallKind | undefined {
  if (proxy.type === 'kvs') {
    if (READ_PATHS.has(path)) return 'storageRead';
    if (QUERY_PATHS.has(path)) return 'storageQuery';
    return 'storageWrite';
  }
  if (proxy.remote === 'jira') return 'jira';
  if (proxy.remote === 'confluence') return 'confluence';
  if (proxy.remote === 'stargate' && path.startsWith('/webhook/queue/')) return 'queue';
  return undefined;
}
