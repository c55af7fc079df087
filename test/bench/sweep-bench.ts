/**
 * `npm run bench:sweep`: one sweep (with its queue fan-out, until the queue is empty) over tracked
 * escalations of which 1,000 are due, in the sandbox's Forge-realistic mode (150 ms per Jira call, 40 ms per
 * storage or queue call, storage and Jira quotas answering 429, time limits in simulated time).
 * Every call through Forge's seam is counted: Jira, Confluence, storage (reads, writes, queries) and queue.
 * The lower bound comes from documented endpoint and batch limits, not from the app's plan: see the README,
 * "How the benchmarks bound the work". Prints one JSON line last.
 *
 * A second run has 10,000 due of 10,000 tracked (a backlog): `drainMinutes10k` is the simulated time until its
 * queue is empty and nothing found due is left due. Both runs check the outbox: every due escalation got its
 * messages (Jira's notifications per issue, each recipient once per message), none twice, nobody else any.
 *
 * BENCH_TRACKED (default 10,000) and BENCH_DUE (default 1,000) change the sizes of the first run;
 * BENCH_DUE_10K (default 10,000; 0 skips the run) the second. Each due escalation's analytics summary is
 * folded at its start before the sweep, as the app does when one starts; BENCH_FOLDED=0 leaves that out (the
 * seed writes no summaries, so every fold in the sweep is then an escalation's first, as after an upgrade).
 */
import path from 'node:path';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import { currentInvocation } from '../../sandbox/platform/forge/invocation-context';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { kvsEscalationSummaryStore } from '../../src/infrastructure/storage/escalation-summary-store';
import { summarizeEscalation } from '../../src/domain/analytics/escalation-summary';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { seedEscalations, startedEvent } from '../support/escalation-seed';
import { reliabilityConfiguration } from '../support/reliability-configuration';
import { sweepLowerBound } from './lower-bounds';

process.env.ESCALATION_LOG = 'silent';
const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-03T08:00:00.000Z';
const MIN = 60_000;
const SWEEP_INTERVAL = 5 * MIN;
/** A bound on the sweeps one run waits for: a backlog that is not drained by then is reported as left. */
const MAX_SWEEPS = 12;
const TRACKED = Number(process.env.BENCH_TRACKED ?? 10_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const DUE_10K = Number(process.env.BENCH_DUE_10K ?? 10_000);
const FOLDED = process.env.BENCH_FOLDED !== '0';
/**
 * BENCH_DIAG=1 prints, for each message sent twice, the issue's notifications (with the invocation that sent
 * each), its claims, log events and due entry; and the storage calls by path with their 429s and write units.
 */
const DIAG = process.env.BENCH_DIAG === '1';

type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

/**
 * BENCH_DIAG: which invocation sent each notification (a SQLite function the insert's trigger calls) and how
 * each invocation ended (simulated start and end, killed), to trace a message sent twice.
 */
function traceSends(sandbox: Sandbox) {
  const ends = new Map<string, { functionKey: string; start: number; end: number; killed?: string }>();
  sandbox.db.function('diag_invocation', () => {
    const inv = currentInvocation();
    return inv ? `${inv.invocationId} sim=${inv.sim ? new Date(inv.sim.now).toISOString() : '-'}` : null;
  });
  sandbox.db.exec(`CREATE TEMP TABLE diag_send (notification_id INTEGER, invocation TEXT);
    CREATE TEMP TRIGGER diag_send_trigger AFTER INSERT ON jira_notification
    BEGIN INSERT INTO diag_send VALUES (NEW.id, diag_invocation()); END;`);
  const end = sandbox.meter.end.bind(sandbox.meter);
  sandbox.meter.end = (invocation, kind) => {
    const sim = invocation.sim;
    if (sim)
      ends.set(invocation.invocationId, {
        functionKey: invocation.functionKey,
        start: sim.start,
        end: sim.now,
        ...(sim.killed ? { killed: sim.killed.message } : {}),
      });
    return end(invocation, kind);
  };
  return ends;
}

/**
 * BENCH_DIAG: storage calls by path and what they touch (entities, key prefixes): calls, 429s and write units
 * (10 KB each, as the quota counts them), to see where the storage calls and the write quota go.
 */
function profileStorage() {
  const g = globalThis as { __forge_fetch__?: (proxy: Record<string, unknown>, path: string, init?: RequestInit) => Promise<Response> };
  const inner = g.__forge_fetch__!;
  const profile = new Map<string, { calls: number; refused: number; units: number }>();
  g.__forge_fetch__ = async (proxy, path, init) => {
    const response = await inner(proxy, path, init);
    if (proxy.type === 'kvs') {
      const body = typeof init?.body === 'string' ? init.body : '';
      const touched = new Set([
        ...[...body.matchAll(/"entityName":"([^"]+)"/g)].map((m) => m[1]!),
        ...[...body.matchAll(/"key":"([a-z-]+):/g)].map((m) => `${m[1]!}:`),
      ]);
      const label = `${path} ${[...touched].sort().join(',')}`;
      const entry = profile.get(label) ?? { calls: 0, refused: 0, units: 0 };
      entry.calls++;
      if (response.status === 429) entry.refused++;
      else if (!/get|query/.test(path)) entry.units += Math.max(1, Math.ceil(Buffer.byteLength(body) / 10_240));
      profile.set(label, entry);
    }
    return response;
  };
  return { profile, restore: () => (g.__forge_fetch__ = inner) };
}

/** BENCH_DIAG: what storage and Jira hold for an issue whose message went out twice. */
function dumpIssue(sandbox: Sandbox, issueKey: string, ends: ReturnType<typeof traceSends>) {
  const { id } = sandbox.db.prepare('SELECT id FROM jira_issue WHERE key = ?').get(issueKey) as { id: number };
  const sends = sandbox.db
    .prepare(
      'SELECT n.id, n.at, n.subject, n.text_body, n.recipients, d.invocation FROM jira_notification n LEFT JOIN diag_send d ON d.notification_id = n.id WHERE n.issue_key = ? ORDER BY n.id',
    )
    .all(issueKey) as { id: number; at: number; subject: string; text_body: string; recipients: string; invocation: string | null }[];
  const kvsRows = (prefix: string) =>
    sandbox.db.prepare('SELECT key, value, created_at, updated_at FROM kvs WHERE key LIKE ? ORDER BY key').all(`${prefix}%`);
  const entities = sandbox.db.prepare('SELECT entity, key, value, updated_at FROM kvs_entity WHERE key = ?').all(String(id));
  const events = sandbox.db
    .prepare('SELECT id, attempts, status, last_error FROM queue_event WHERE body LIKE ? ORDER BY id')
    .all(`%"id":"${id}"%`);
  console.error(
    JSON.stringify(
      {
        issueKey,
        issueId: id,
        sends: sends.map((s) => ({ ...s, at: new Date(s.at).toISOString(), sender: ends.get(s.invocation?.split(' ')[0] ?? '') })),
        claims: kvsRows(`notification-claim:${id}:`),
        log: kvsRows(`escalation:${id}:event:`),
        entities,
        queueEvents: events,
      },
      null,
      1,
    ),
  );
}

/**
 * The outbox per issue: Jira's notifications (the sandbox keeps each `POST …/notify` with its request).
 * Dropped: a due escalation with fewer messages than the others (all are alike), or none at all. Duplicated: the
 * same subject to the same recipients twice on one issue. Stray: a message on an issue that was not due.
 */
function outbox(sandbox: Sandbox, dueKeys: ReadonlySet<string>) {
  const rows = sandbox.db.prepare('SELECT issue_key, subject, request FROM jira_notification').all() as {
    issue_key: string;
    subject: string;
    request: string;
  }[];
  const perIssue = new Map<string, Map<string, number>>();
  let stray = 0;
  for (const row of rows) {
    if (!dueKeys.has(row.issue_key)) {
      stray++;
      continue;
    }
    const messages = perIssue.get(row.issue_key) ?? new Map<string, number>();
    const to = JSON.stringify((JSON.parse(row.request || '{}') as { to?: unknown }).to ?? null);
    const key = `${row.subject}\u0000${to}`;
    messages.set(key, (messages.get(key) ?? 0) + 1);
    perIssue.set(row.issue_key, messages);
  }
  const counts = [...dueKeys].map((key) => perIssue.get(key)?.size ?? 0);
  const most = Math.max(0, ...counts);
  const duplicated = [...perIssue.values()].reduce((n, m) => n + [...m.values()].filter((c) => c > 1).length, 0);
  const twice = [...perIssue].filter(([, m]) => [...m.values()].some((c) => c > 1)).map(([key]) => key);
  return {
    twice,
    messagesPerDue: { min: Math.min(...counts), max: most },
    dropped: most === 0 ? counts.length : counts.filter((c) => c < most).length,
    duplicated,
    stray,
  };
}

async function run(tracked: number, due: number) {
  const sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  try {
    // Parties and contacts the demo site has, so that each notification reaches people (the outbox check counts them).
    const configuration = reliabilityConfiguration({ autoStartOnCriticalPriority: false });
    await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', configuration));
    const now = sandbox.now();
    const dueStart = new Date(now.getTime() - 50 * MIN); // the "immediate" deadlines' warnings (45 min) are due
    // Due ones interleaved through the id range, not bunched at the start.
    const stride = Math.floor(tracked / due);
    const isDue = (i: number) => i % stride === 0 && i / stride < due;
    const { firstId } = seedEscalations(sandbox, {
      projectKey: 'DEMO',
      count: tracked,
      configuration,
      startedAt: (i) => (isDue(i) ? dueStart : now),
    });
    const keyOf = sandbox.db.prepare('SELECT key FROM jira_issue WHERE id = ?');
    const dueKeys = new Set(
      Array.from({ length: tracked }, (_, i) => i)
        .filter(isDue)
        .map((i) => (keyOf.get(firstId + i) as { key: string }).key),
    );
    if (FOLDED) {
      await sandbox.runAs({ kind: 'app' }, async () => {
        for (let i = 0; i < tracked; i++) {
          if (!isDue(i)) continue;
          const log = [startedEvent(dueStart)];
          const issue = { id: String(firstId + i), key: (keyOf.get(firstId + i) as { key: string }).key, projectKey: 'DEMO' };
          const state = replayEscalation(log)!;
          await kvsEscalationSummaryStore.save(
            summarizeEscalation({ state, log, template: DEFAULT_PROCESS_TEMPLATE, issue, policy: configuration.policy }),
          );
        }
      });
    }
    const ends = DIAG ? traceSends(sandbox) : undefined;
    const storageProfile = DIAG ? profileStorage() : undefined;
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    const simStart = sandbox.now().getTime();
    const t0 = performance.now();
    const pending = () => (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'pending'").get() as { n: number }).n;
    // Entries still due as of the first sweep's start: found due, not brought up to date.
    const dueLeftNow = () =>
      (
        sandbox.db
          .prepare("SELECT COUNT(*) AS n FROM kvs_entity WHERE entity = 'escalation-due' AND json_extract(value, '$.nextCheckMinute') <= ?")
          .get(Math.floor(simStart / MIN)) as { n: number }
      ).n;
    // Until nothing found due is left due: what one sweep hands on is taken by the next scheduled one (every
    // five minutes, the manifest's `fiveMinute` trigger), so the drain counts those sweeps too.
    let sweeps = 0;
    do {
      if (sweeps > 0) await sandbox.advanceClock(SWEEP_INTERVAL - ((sandbox.now().getTime() - simStart) % SWEEP_INTERVAL));
      await sandbox.runFunction('escalation-sweep', {}, { kind: 'app' });
      sweeps++;
      // Deliver what is due; then let simulated time pass for retries and delays, a minute at a time.
      for (let round = 0; round < 600 && pending() > 0; round++) {
        if ((await sandbox.deliverDue()) === 0) await sandbox.advanceClock(MIN);
      }
    } while (dueLeftNow() > 0 && sweeps < MAX_SWEEPS);
    const wallMs = Math.round(performance.now() - t0);
    const drainMinutes = Math.round(((sandbox.now().getTime() - simStart) / MIN) * 10) / 10;
    const snap = sandbox.meter.snapshot();
    const failed = (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'failed'").get() as { n: number }).n;
    const dueLeft = dueLeftNow();
    const box = outbox(sandbox, dueKeys);
    if (ends) for (const key of box.twice.slice(0, 5)) dumpIssue(sandbox, key, ends);
    if (storageProfile) {
      storageProfile.restore();
      const rows = [...storageProfile.profile].sort((a, b) => b[1].calls - a[1].calls);
      console.error(`storage by call (${due} due): ${JSON.stringify(Object.fromEntries(rows), null, 1)}`);
      console.error(
        `function runs failed: ${JSON.stringify(sandbox.db.prepare('SELECT function_key, substr(error, 1, 200) AS error, COUNT(*) AS n FROM function_run WHERE ok = 0 GROUP BY 1, 2').all())}`,
      );
    }
    const { twice: _keys, ...outboxFigures } = box;
    return {
      tracked,
      due,
      snap,
      wallMs,
      drainMinutes,
      left: pending(),
      failed,
      dueLeft,
      sweeps,
      outbox: outboxFigures,
      routes: sandbox.requestLog.counts(),
    };
  } finally {
    await sandbox.close();
  }
}

async function main() {
  const r = await run(TRACKED, DUE);
  const backlog = DUE_10K > 0 ? await run(Math.max(DUE_10K, 1), DUE_10K) : undefined;
  if (backlog) {
    console.error(`10k run, calls by Jira route: ${JSON.stringify(backlog.routes)}`);
    console.error(`10k run, by invocation kind: ${JSON.stringify(backlog.snap.byKind)}`);
  }
  const bound = sweepLowerBound(r.due);
  const t = r.snap.totals;
  console.error(`calls by Jira route: ${JSON.stringify(r.routes)}`);
  console.error(`by invocation kind: ${JSON.stringify(r.snap.byKind)}`);
  console.log(
    JSON.stringify({
      mode: 'realistic',
      tracked: r.tracked,
      dueEscalations: r.due,
      callsTotal: t.total,
      callsJira: t.jira,
      callsConfluence: t.confluence,
      callsStorage: t.storage,
      storageReads: t.storageRead,
      storageWrites: t.storageWrite,
      storageQueries: t.storageQuery,
      callsQueue: t.queue,
      lowerBoundTotal: bound.total,
      lowerBound: bound,
      ratioTotal: Math.round((t.total / bound.total) * 100) / 100,
      ratioJira: Math.round((t.jira / bound.jira) * 100) / 100,
      storageCallsPerDue: Math.round((t.storage / r.due) * 100) / 100,
      throttled: r.snap.throttled,
      batchOperations: r.snap.batchOperations,
      maxInvocationMs: r.snap.maxInvocationMs,
      invocationLimits: Object.fromEntries(
        Object.entries(r.snap.byKind).map(([k, v]) => [k, { maxMs: v.maxCriticalPathMs, limitMs: v.limitMs, timedOut: v.timedOut }]),
      ),
      drainMinutes: r.drainMinutes,
      queueLeft: r.left,
      queueFailed: r.failed,
      dueLeft: r.dueLeft,
      outbox: r.outbox,
      ...(backlog
        ? {
            drainMinutes10k: backlog.drainMinutes,
            due10k: backlog.due,
            maxInvocationMs10k: backlog.snap.maxInvocationMs,
            throttled10k: backlog.snap.throttled,
            queueLeft10k: backlog.left,
            queueFailed10k: backlog.failed,
            dueLeft10k: backlog.dueLeft,
            sweeps10k: backlog.sweeps,
            outbox10k: backlog.outbox,
            calls10k: { jira: backlog.snap.totals.jira, storage: backlog.snap.totals.storage, queue: backlog.snap.totals.queue },
            wallMs10k: backlog.wallMs,
          }
        : {}),
      wallMs: r.wallMs,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
