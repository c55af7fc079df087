/**
 * `npm run bench:analytics`: the revision analytics over 10,000 and 100,000 past escalations of real sandbox
 * issues, through the real resolver (the project-month running totals, Jira's count of escalated issues as
 * the viewer, the domain figures, the envelope). The totals are built by the real backfill from stored
 * summaries (10,000) or bulk-loaded from the same fold (100,000). Prints one JSON line per case and one last with both: {cases: [{escalations, storageReads,
 * criticalPathMs, …}]}; targets: storageReads ≤ 50 and criticalPathMs ≤ 1,000 in the realistic mode.
 * `BENCH_ESCALATIONS=10000` runs one case.
 */
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import { configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import { seedBulkIssues } from '../../sandbox/platform/demo/bulk-issues';
import { admin } from '../../sandbox/app-demo/admin-invoke';
import type { EscalationSummary } from '../../src/domain/analytics/escalation-summary';
import { revisionAnalytics } from '../../src/domain/analytics/revision-analytics';
import { syntheticSummary } from '../../src/domain/analytics/testing-logs';
import { addTotals, contributionOf, type AnalyticsTotals } from '../../src/domain/analytics/analytics-totals';
import {
  BACKFILL_KEY,
  kvsEscalationSummaryStore,
  placeOf,
  PROJECT_ENTITY,
  SUMMARY_PREFIX,
  TOTALS_ENTITY,
  type ProjectRow,
  type TotalsPlace,
  type TotalsRow,
} from '../../src/infrastructure/storage/escalation-summary-store';
import { prefixReadBound } from './lower-bounds';

/** Up to this many escalations the totals are built by the real backfill; above it they are bulk-loaded. */
const BACKFILL_UP_TO = 10_000;
const COUNTS = process.env.BENCH_ESCALATIONS ? [Number(process.env.BENCH_ESCALATIONS)] : [10_000, 100_000];

async function bulkLoadTotals(summaries: readonly EscalationSummary[]) {
  const groups = new Map<string, { place: TotalsPlace; parts: AnalyticsTotals[] }>();
  for (const s of summaries) {
    const place = placeOf(s);
    const group = groups.get(place.key) ?? { place, parts: [] };
    group.parts.push(contributionOf(s));
    groups.set(place.key, group);
  }
  // Pairwise, so each document costs n·log n instead of n² (the sum is the same in any order).
  const sum = (parts: AnalyticsTotals[]): AnalyticsTotals =>
    parts.length === 1 ? parts[0]! : addTotals(sum(parts.slice(0, parts.length >> 1)), sum(parts.slice(parts.length >> 1)));
  const docs = new Map([...groups].map(([key, { place, parts }]) => [key, { place, totals: sum(parts) }]));
  const items = [...docs.values()].map(({ place, totals }) => ({
    entityName: TOTALS_ENTITY,
    key: place.key,
    value: { projectKey: place.projectKey, month: place.month, version: 1, totals } satisfies TotalsRow,
  }));
  for (let i = 0; i < items.length; i += 25) await kvs.batchSet(items.slice(i, i + 25));
  const perProject = new Map<string, number>();
  for (const s of summaries) perProject.set(s.projectKey, (perProject.get(s.projectKey) ?? 0) + 1);
  for (const [projectKey, escalations] of perProject)
    await kvs.entity<ProjectRow>(PROJECT_ENTITY).set(projectKey, { projectKey, escalations, version: 1 });
  await kvs.set(BACKFILL_KEY, { done: true, folded: summaries.length });
}

async function runCase(count: number) {
  const sandbox = await createSandbox({
    appDir: path.resolve(__dirname, '../..'),
    dataFile: ':memory:',
    demoData: true,
    startAt: '2026-12-15T08:00:00.000Z',
  });
  try {
    await configureDemoProject(sandbox);
    const make = (i: number, issueId: string, key: string): EscalationSummary => ({
      ...syntheticSummary(i, issueId),
      projectKey: 'DEMO',
      issueKey: key,
    });
    // Each summary has a real issue carrying the `escalation` property, as the app writes it: the view asks
    // Jira (as the viewer) how many escalated issues of the project they may browse.
    seedBulkIssues(sandbox.db, sandbox.appManifest, 'DEMO', count, (i) => {
      const s = syntheticSummary(i);
      return { summary: `Past escalation ${i}`, properties: { escalation: { level: s.maxLevel, status: s.status } } };
    });
    const rows = (sandbox.db.prepare('SELECT id, key FROM jira_issue ORDER BY id DESC LIMIT ?').all(count) as { id: number; key: string }[])
      .reverse()
      .map((r) => ({ id: String(r.id), key: r.key }));
    const summaries = rows.map((r, i) => make(i, r.id, r.key));
    const t0 = performance.now();
    await sandbox.runAs({ kind: 'app' }, async () => {
      for (let i = 0; i < count; i += 200)
        await Promise.all(summaries.slice(i, i + 200).map((s) => kvs.set(`${SUMMARY_PREFIX}${s.issueId}`, s)));
    });
    const t1 = performance.now();
    if (count <= BACKFILL_UP_TO) {
      // The summaries are folded into the totals by the real backfill (the hourly trigger's work), page by page.
      let done = false;
      while (!done) done = (await sandbox.runAs({ kind: 'app' }, () => kvsEscalationSummaryStore.backfillTotals({ maxPages: 50 }))).done;
    } else {
      // Folding 100,000 one by one takes the sandbox too long for a benchmark: the same documents are summed
      // in memory from each summary's contributionOf and written in batches (the view reads only these).
      await sandbox.runAs({ kind: 'app' }, () => bulkLoadTotals(summaries));
    }
    const t2 = performance.now();
    const totals = await sandbox.runAs({ kind: 'app' }, () => kvsEscalationSummaryStore.totals({ from: '2026-01', to: '2026-12' }));
    const docKb = totals.map((t) => Buffer.byteLength(JSON.stringify(t)) / 1024);

    const period = { from: '2026-01-01', to: '2027-01-01' };
    const first = await admin(sandbox, 'ada', 'escalation-review', 'getAnalytics', period); // warm-up (module load, JIT)
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const started = performance.now();
      await admin(sandbox, 'ada', 'escalation-review', 'getAnalytics', period);
      runs.push(performance.now() - started);
    }
    // Once more in the realistic mode: every call counted and on the simulated critical path.
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    const view = await admin(sandbox, 'ada', 'escalation-review', 'getAnalytics', period);
    const realistic = sandbox.meter.snapshot();
    sandbox.meter.setRealistic(undefined);
    if (view.analytics.total !== count) throw new Error(`expected ${count} escalations in the period, got ${view.analytics.total}`);
    // The figures from the totals equal those over every summary (the per-escalation way).
    const expected = revisionAnalytics(
      summaries,
      { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
      new Date(first.analytics.generatedAt),
    );
    if (JSON.stringify({ ...first.analytics, generatedAt: '' }) !== JSON.stringify({ ...expected, generatedAt: '' }))
      throw new Error('the figures from the totals differ from those over the summaries');
    console.log(
      `${count}: seeded summaries in ${Math.round(t1 - t0)} ms, backfill folded them in ${Math.round(t2 - t1)} ms; ` +
        `${totals.length} totals documents (largest ${Math.max(...docKb).toFixed(1)} KiB); runs ${runs.map((x) => Math.round(x)).join(', ')} ms`,
    );
    const result = {
      escalations: count,
      storageReads: realistic.totals.storage,
      jiraCalls: realistic.totals.jira,
      storageReadsTarget: 50,
      criticalPathMs: realistic.byKind.resolver?.maxCriticalPathMs,
      criticalPathTargetMs: 1000,
      limitMs: realistic.byKind.resolver?.limitMs,
      throttled: realistic.throttled,
      totalsDocuments: totals.length,
      largestTotalsKiB: Math.round(Math.max(...docKb) * 10) / 10,
      pagesOneKeyPerSummary: prefixReadBound(count),
      ms: Math.round([...runs].sort((a, b) => a - b)[1]!),
      backfillMs: Math.round(t2 - t1),
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await sandbox.close();
  }
}

async function main() {
  const cases = [];
  for (const count of COUNTS) cases.push(await runCase(count));
  console.log(
    JSON.stringify({
      mode: 'realistic (storageReads, jiraCalls, criticalPathMs); computation only (ms)',
      path: 'resolver getAnalytics → entity query of the project-month totals (100 per page) → project counts (plain gets side by side) ∥ approximate-count as the user per project → analyticsFromTotals',
      cases,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
