/**
 * `npm run bench:report`: the final report of an issue with 10,000 history events in the sandbox
 * (4,000 changelog entries, 3,000 comments, 3,000 escalation log events), seeded straight into the
 * platform's SQLite (not 10k REST calls), then generated through the app's real use-case code, Forge
 * seams and emulated Jira, in the resolver. Then the same at 100,000 events (ten times each), which the
 * resolver hands to the `report-generation` queue consumer: the queue is drained in simulated time and the
 * stored pages measured. The last line is one JSON object with both cases (`report10k`, `report100k`) and
 * the 10k case's figures at the top level as before.
 */
import path from 'node:path';
import { GCProfiler, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { RESOLVER_BUDGET_MS } from '../../src/entry/invocation-budgets';
import { createReportDeps } from '../../src/infrastructure/report-deps';
import { CHANGELOG_PAGE, COMMENT_PAGE } from '../../src/infrastructure/jira/jira-report-service';
import { generateReport, openReportWorkspace } from '../../src/usecases/report-workspace';
import { previewReport } from '../../src/usecases/preview-report-use-case';
import { LOG_HEAD_ENTITY } from '../../src/infrastructure/storage/escalation-event-store';
import { KVS_QUERY_PAGE } from './lower-bounds';

const CHANGELOG = 4_000;
const COMMENTS = 3_000;
const LOG = 3_000;
const LOG_PAGE = KVS_QUERY_PAGE; // Forge KVS query page: "up to a maximum of 20"
const ISSUE_KEY = 'DEMO-4';
const MIN = 60_000;

interface Scale {
  readonly changelog: number;
  readonly comments: number;
  readonly log: number;
}

/** The issue's history, straight into the platform's SQLite: changelog, comments, the escalation log and its head. */
function seedHistory(sandbox: PlatformSandbox, scale: Scale): void {
  const { changelog: CHANGELOG, comments: COMMENTS, log: LOG } = scale;
  const db = sandbox.db;
  const issue = db.prepare('SELECT id FROM jira_issue WHERE key = ?').get(ISSUE_KEY) as { id: number };
  const t0 = sandbox.now().getTime() - 30 * 86_400_000;
  const people = [DEMO_USERS.sam, DEMO_USERS.carla, DEMO_USERS.klaus, DEMO_USERS.erika];
  const at = (i: number, n: number) => t0 + Math.floor((i / n) * 29 * 86_400_000);
  const STATUSES = ['In Progress', 'Escalated', 'Waiting for client', 'In Progress'];

  db.transaction(() => {
    const changelog = db.prepare('INSERT INTO jira_changelog (issue_id, author, created, items) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < CHANGELOG; i++) {
      const item =
        i % 4 === 0
          ? {
              field: 'status',
              fieldtype: 'jira',
              fieldId: 'status',
              from: '1',
              fromString: STATUSES[i % 3],
              to: '2',
              toString: STATUSES[(i + 1) % 3],
            }
          : { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: `l${i - 1}`, to: null, toString: `l${i}` };
      changelog.run(issue.id, people[i % 4]!.accountId, at(i, CHANGELOG), JSON.stringify([item]));
    }
    const comment = db.prepare('INSERT INTO jira_comment (issue_id, author, body, created, updated) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < COMMENTS; i++) {
      const text = `Comment ${i}: <b>status</b> & details of the restore run ${i} — ${'x'.repeat(i % 200)}`;
      const created = at(i, COMMENTS);
      comment.run(
        issue.id,
        people[i % 4]!.accountId,
        JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
        created,
        created,
      );
    }
    const kvs = db.prepare('INSERT INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, NULL)');
    const sam = { accountId: DEMO_USERS.sam.accountId, party: 'contractor' as const };
    const carla = { accountId: DEMO_USERS.carla.accountId, party: 'contractor' as const };
    for (let seq = 1; seq <= LOG; seq++) {
      const iso = new Date(at(seq, LOG + 1)).toISOString();
      let event: EscalationEvent;
      if (seq === 1) {
        event = {
          seq,
          at: iso,
          actor: sam,
          type: 'escalation-started',
          trigger: 'sla-breach',
          problem: 'Restore fails for tenant 4711',
          impact: 'No backup',
          template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version },
        };
      } else if (seq === 2) event = { seq, at: iso, actor: sam, type: 'client-notified', channel: 'phone', note: 'Klaus informed' };
      else if (seq === Math.floor(LOG / 3))
        event = { seq, at: iso, actor: carla, type: 'level-changed', from: 1, to: 2, reason: 'manual', note: 'Management' };
      else if (seq === Math.floor((2 * LOG) / 3))
        event = { seq, at: iso, actor: carla, type: 'level-changed', from: 2, to: 3, reason: 'manual', note: 'Executives' };
      else if (seq === LOG) event = { seq, at: iso, actor: carla, type: 'escalation-resolved', resolution: 'Controller replaced' };
      else
        event = {
          seq,
          at: iso,
          actor: sam,
          type: 'status-update-posted',
          text: `Status ${seq}: restore at ${seq % 100} % <i>progress</i>`,
        };
      kvs.run(`escalation:${issue.id}:event:${String(seq).padStart(8, '0')}`, JSON.stringify(event), t0, t0);
    }
  })();
  // The log's head, as the event store keeps it beside every append.
  db.prepare('INSERT INTO kvs_entity (entity, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
    LOG_HEAD_ENTITY,
    String(issue.id),
    JSON.stringify({ issueId: String(issue.id), seq: LOG }),
    t0,
    t0,
  );
}

/**
 * Watches the heap while a run goes on: a full collection first (V8's gc exposed for this process), so the
 * growth measured is the run's. `heapMb`: the largest growth of `heapUsed` over that level, garbage included:
 * sampled every 20 ms and at every call (`sample`), and taken by V8 before each of its collections
 * (`GCProfiler`), so a peak reached between two calls (building, rendering) is not missed. `heapLiveMb`: the
 * largest growth left after one of V8's full collections (mark-compact) — what the run held, seen only where
 * V8 collected, so a lower bound of its peak.
 */
function watchHeap() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const profiler = new GCProfiler();
  profiler.start();
  return {
    sample,
    stop() {
      clearInterval(sampler);
      const collections = profiler.stop()?.statistics ?? [];
      for (const c of collections) peakHeap = Math.max(peakHeap, c.beforeGC.heapStatistics.usedHeapSize);
      const full = collections.filter((c) => c.gcType === 'MarkSweepCompact');
      const liveHeap = Math.max(baseHeap, ...full.map((c) => c.afterGC.heapStatistics.usedHeapSize));
      const mb = (bytes: number) => Math.round(bytes / 1048576);
      return {
        heapMb: mb(peakHeap - baseHeap),
        heapPeakMb: mb(peakHeap),
        heapLiveMb: mb(liveHeap - baseHeap),
        fullCollections: full.length,
        heapBaseMb: mb(baseHeap),
      };
    },
  };
}

/** The demo site in memory with the demo project configured, its clock on Monday 23 Nov 2026, 09:00 Berlin. */
async function demoSandbox(): Promise<Awaited<ReturnType<typeof createSandbox>>> {
  const sandbox = await createSandbox({
    appDir: path.resolve(__dirname, '../..'),
    dataFile: ':memory:',
    demoData: true,
    startAt: '2026-11-23T08:00:00.000Z',
  });
  try {
    await configureDemoProject(sandbox);
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return sandbox;
}

/** 10,000 events: generated in the resolver (the app's sizing keeps them there). */
async function run10k(): Promise<Record<string, unknown>> {
  const sandbox = await demoSandbox();
  try {
    seedHistory(sandbox, { changelog: CHANGELOG, comments: COMMENTS, log: LOG });

    // Count every request the app makes: product (Jira, Confluence) and Forge KVS.
    const g = globalThis as unknown as {
      __forge_fetch__: ((proxy: Record<string, unknown>, p: string, init?: RequestInit) => Promise<Response>) & { sandbox?: boolean };
    };
    const original = g.__forge_fetch__;
    const counts: Record<string, number> = {};
    const heap = watchHeap();
    const counting = Object.assign(
      (proxy: Record<string, unknown>, p: string, init?: RequestInit) => {
        heap.sample();
        const what =
          proxy.type === 'kvs'
            ? `kvs ${p}`
            : `${String(proxy.remote)} ${(init?.method ?? 'GET').toUpperCase()} ${p.split('?')[0]!.replace(/DEMO-\d+/g, '{key}')}`;
        counts[what] = (counts[what] ?? 0) + 1;
        return original(proxy, p, init);
      },
      { sandbox: original.sandbox },
    );
    g.__forge_fetch__ = counting;

    const requester = { accountId: DEMO_USERS.sam.accountId, issueKey: ISSUE_KEY };
    // In the realistic mode: 150 ms per Jira call, 40 ms per storage call, the resolver's 25 s in simulated time.
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    const started = performance.now();
    const generated = await sandbox.runAs({ kind: 'user', accountId: requester.accountId }, async () => {
      const deps = createReportDeps(RESOLVER_BUDGET_MS);
      const workspace = await openReportWorkspace(deps, requester);
      return generateReport(deps, workspace, 'en');
    });
    const totalMs = performance.now() - started;
    const heapFigures = heap.stop();
    const realistic = sandbox.meter.snapshot();
    sandbox.meter.setRealistic(undefined);
    g.__forge_fetch__ = original;

    const sum = (match: (k: string) => boolean) =>
      Object.entries(counts)
        .filter(([k]) => match(k))
        .reduce((n, [, v]) => n + v, 0);
    const pages = {
      changelog: sum((k) => k.includes('changelog/bulkfetch')),
      comments: sum((k) => k.includes('GET /rest/api/3/issue/{key}/comment')),
      log: sum((k) => k === 'kvs /api/v1/query'),
    };
    const needed = {
      changelog: Math.ceil(CHANGELOG / CHANGELOG_PAGE),
      comments: Math.ceil(COMMENTS / COMMENT_PAGE),
      log: Math.ceil(LOG / LOG_PAGE),
    };
    const requests = sum(() => true);
    const other = requests - pages.changelog - pages.comments - pages.log;
    const storage = generated.storage;
    console.error('requests by route:', counts);
    const previewed = await previewAnswer(sandbox);
    return {
      events: CHANGELOG + COMMENTS + LOG,
      changelogEntries: CHANGELOG,
      comments: COMMENTS,
      logEvents: LOG,
      requests,
      calls: realistic.totals,
      storageReads: realistic.totals.storageRead + realistic.totals.storageQuery,
      criticalPathMs: realistic.byKind.runAs?.maxCriticalPathMs,
      limitMs: realistic.byKind.runAs?.limitMs,
      timedOut: (realistic.byKind.runAs?.timedOut ?? 0) > 0,
      ...heapFigures,
      pages,
      pagesNeeded: needed,
      pagesAsNeeded: pages.changelog === needed.changelog && pages.comments === needed.comments && pages.log === needed.log,
      otherRequests: other,
      renderMs: Math.round(generated.renderMs * 10) / 10,
      totalMs: Math.round(totalMs),
      storageBytes: Buffer.byteLength(storage),
      contentHash: generated.contentHash,
      previewInResolver: !('generating' in previewed.answer),
      previewCriticalPathMs: previewed.criticalPathMs,
      previewKb: previewed.kb,
    };
  } finally {
    await sandbox.close();
  }
}

/** What the panel's Preview gets (the resolver's whole path, sizing included), in the realistic mode. */
async function previewAnswer(sandbox: PlatformSandbox, page?: number) {
  sandbox.meter.reset();
  sandbox.meter.setRealistic({});
  const requester = { accountId: DEMO_USERS.sam.accountId, issueKey: ISSUE_KEY };
  const answer = await sandbox.runAs({ kind: 'user', accountId: requester.accountId }, () =>
    previewReport(createReportDeps(RESOLVER_BUDGET_MS), requester, { locale: 'en', ...(page ? { page } : {}) }),
  );
  const snap = sandbox.meter.snapshot();
  sandbox.meter.setRealistic(undefined);
  return {
    answer,
    calls: snap.totals.total,
    criticalPathMs: snap.byKind.runAs?.maxCriticalPathMs,
    kb: Math.round(Buffer.byteLength(JSON.stringify(answer), 'utf8') / 102.4) / 10,
  };
}

/**
 * 100,000 events: the resolver asks for a background job; the queue is drained in simulated time (each consumer
 * run within its 300 s, re-queued when short, retried on failure); then the stored pages are measured and each
 * page previewed as the panel would. The heap is watched ({@link watchHeap}) from before the request until the
 * queue is drained.
 */
async function run100k(): Promise<Record<string, unknown>> {
  const scale = { changelog: CHANGELOG * 10, comments: COMMENTS * 10, log: LOG * 10 };
  const sandbox = await demoSandbox();
  try {
    seedHistory(sandbox, scale);
    const heap = watchHeap();
    // The consumer's calls come one after another without a free turn of the event loop: sampled at each call too.
    const g = globalThis as unknown as {
      __forge_fetch__: ((proxy: Record<string, unknown>, p: string, init?: RequestInit) => Promise<Response>) & { sandbox?: boolean };
    };
    const original = g.__forge_fetch__;
    g.__forge_fetch__ = Object.assign(
      (proxy: Record<string, unknown>, p: string, init?: RequestInit) => {
        heap.sample();
        return original(proxy, p, init);
      },
      { sandbox: original.sandbox },
    );
    const request = await previewAnswer(sandbox);
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    const simStart = sandbox.now().getTime();
    const pending = () =>
      (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE kind = 'queue' AND status = 'pending'").get() as { n: number }).n;
    for (let round = 0; round < 600 && pending() > 0; round++) {
      if ((await sandbox.deliverDue()) === 0) await sandbox.advanceClock(MIN);
    }
    const heapFigures = heap.stop();
    g.__forge_fetch__ = original;
    const backgroundMinutes = Math.round(((sandbox.now().getTime() - simStart) / MIN) * 10) / 10;
    const snap = sandbox.meter.snapshot();
    sandbox.meter.setRealistic(undefined);
    const failed = (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'failed'").get() as { n: number }).n;
    const pages = sandbox.db.prepare("SELECT length(CAST(value AS BLOB)) AS bytes FROM kvs WHERE key LIKE 'report-page:%'").all() as {
      bytes: number;
    }[];
    let maxPreviewKb = 0;
    let previewCriticalPathMs = 0;
    let contentHash: string | undefined;
    for (let n = 1; n <= pages.length; n++) {
      const shown = await previewAnswer(sandbox, n);
      maxPreviewKb = Math.max(maxPreviewKb, shown.kb);
      previewCriticalPathMs = Math.max(previewCriticalPathMs, shown.criticalPathMs ?? 0);
      if (!('generating' in shown.answer)) contentHash = shown.answer.contentHash;
    }
    const consumer = snap.byKind.consumer;
    return {
      events: scale.changelog + scale.comments + scale.log,
      changelogEntries: scale.changelog,
      comments: scale.comments,
      logEvents: scale.log,
      requestInBackground: 'generating' in request.answer,
      requestCalls: request.calls,
      requestCriticalPathMs: request.criticalPathMs,
      calls: snap.totals,
      throttled: snap.throttled,
      consumerRuns: consumer?.count,
      criticalPathMs: consumer?.maxCriticalPathMs,
      limitMs: consumer?.limitMs,
      timedOut: consumer?.timedOut,
      failedEvents: failed,
      backgroundMinutes,
      pages: pages.length,
      maxPageKb: Math.round(Math.max(0, ...pages.map((p) => p.bytes)) / 102.4) / 10,
      maxPreviewKb,
      previewCriticalPathMs,
      ...heapFigures,
      contentHash,
    };
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const report10k = await run10k();
  const report100k = process.env.BENCH_REPORT_100K === '0' ? undefined : await run100k();
  const pick = (r: Record<string, unknown>) => ({ calls: r.calls, criticalPathMs: r.criticalPathMs });
  console.log(
    JSON.stringify({
      ...report10k,
      report10k: pick(report10k),
      ...(report100k
        ? {
            report100k: {
              ...pick(report100k),
              pages: report100k.pages,
              maxPageKb: report100k.maxPageKb,
              heapMb: report100k.heapMb,
              heapPeakMb: report100k.heapPeakMb,
              heapLiveMb: report100k.heapLiveMb,
              // The heap this process may use (`npm run bench:report` sets 256 MB: the sandbox and its seeded data included).
              heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
              backgroundMinutes: report100k.backgroundMinutes,
            },
            detail100k: report100k,
          }
        : {}),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
