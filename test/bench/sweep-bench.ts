/**
 * `npm run bench:sweep`: one sweep (with its queue fan-out, until the queue is empty) over tracked
 * escalations of which 1,000 are due, in the sandbox's Forge-realistic mode (150 ms per Jira call, 40 ms per
 * storage or queue call, storage and Jira quotas answering 429, time limits in simulated time).
 * Every call through Forge's seam is counted: Jira, Confluence, storage (reads, writes, queries) and queue.
 * The lower bound comes from documented endpoint and batch limits, not from the app's plan: see the README,
 * "How the benchmarks bound the work". Prints one JSON line last.
 *
 * BENCH_TRACKED (default 10,000) and BENCH_DUE (default 1,000) change the sizes.
 */
import path from 'node:path';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import { DEFAULT_PROJECT_CONFIGURATION } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { seedEscalations } from '../support/escalation-seed';
import { sweepLowerBound } from './lower-bounds';

process.env.ESCALATION_LOG = 'silent';
const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-03T08:00:00.000Z';
const MIN = 60_000;
const TRACKED = Number(process.env.BENCH_TRACKED ?? 10_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);

async function run(tracked: number, due: number) {
  const sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  try {
    const configuration = DEFAULT_PROJECT_CONFIGURATION;
    await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', configuration));
    const now = sandbox.now();
    const dueStart = new Date(now.getTime() - 50 * MIN); // the "immediate" deadlines' warnings (45 min) are due
    // Due ones interleaved through the id range, not bunched at the start.
    const stride = Math.floor(tracked / due);
    seedEscalations(sandbox, {
      projectKey: 'DEMO',
      count: tracked,
      configuration,
      startedAt: (i) => (i % stride === 0 && i / stride < due ? dueStart : now),
    });
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    const simStart = sandbox.now().getTime();
    const t0 = performance.now();
    await sandbox.runFunction('escalation-sweep', {}, { kind: 'app' });
    const pending = () => (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'pending'").get() as { n: number }).n;
    // Deliver what is due; then let simulated time pass for retries and delays, a minute at a time.
    for (let round = 0; round < 600 && pending() > 0; round++) {
      if ((await sandbox.deliverDue()) === 0) await sandbox.advanceClock(MIN);
    }
    const wallMs = Math.round(performance.now() - t0);
    const drainMinutes = Math.round(((sandbox.now().getTime() - simStart) / MIN) * 10) / 10;
    const snap = sandbox.meter.snapshot();
    const failed = (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status = 'failed'").get() as { n: number }).n;
    return { tracked, due, snap, wallMs, drainMinutes, left: pending(), failed, routes: sandbox.requestLog.counts() };
  } finally {
    await sandbox.close();
  }
}

async function main() {
  const r = await run(TRACKED, DUE);
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
      maxInvocationMs: r.snap.maxInvocationMs,
      invocationLimits: Object.fromEntries(
        Object.entries(r.snap.byKind).map(([k, v]) => [k, { maxMs: v.maxCriticalPathMs, limitMs: v.limitMs, timedOut: v.timedOut }]),
      ),
      drainMinutes: r.drainMinutes,
      queueLeft: r.left,
      queueFailed: r.failed,
      wallMs: r.wallMs,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
