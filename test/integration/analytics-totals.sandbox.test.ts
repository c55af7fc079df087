import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { configureDemoProject, seedDemoEscalations } from '../../sandbox/app-demo/demo-escalations';
import { admin } from '../../sandbox/app-demo/admin-invoke';
import { analyticsFromTotals } from '../../src/domain/analytics/analytics-totals';
import type { EscalationSummary } from '../../src/domain/analytics/escalation-summary';
import { revisionAnalytics } from '../../src/domain/analytics/revision-analytics';
import { syntheticSummary } from '../../src/domain/analytics/testing-logs';
import {
  FOLDED_ENTITY,
  kvsEscalationSummaryStore as store,
  SUMMARY_PREFIX,
} from '../../src/infrastructure/storage/escalation-summary-store';

/**
 * The revision analytics' running totals in the sandbox's Forge storage (custom entities, conditional
 * transactions): concurrent writers lose no update, the backfill folds older summaries once and resumes,
 * and the view gives the same figures from the totals as from the summaries, issue security included.
 */
const appDir = path.resolve(__dirname, '../..');
const year = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
const months = { from: '2026-01', to: '2026-12' };
const now = new Date('2026-12-15T08:00:00.000Z');
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
});
afterEach(async () => sandbox.close());

/** Summaries of one project-month (1320 = lcm of the 8 projects and 330 days syntheticSummary cycles through). */
const sameMonth = (n: number, first = 0) =>
  Array.from({ length: n }, (_, k) => syntheticSummary(30 + 1320 * (first + k), String(70_000 + first + k)));
const later = (s: EscalationSummary): EscalationSummary => ({
  ...s,
  status: 'closed',
  endedAt: '2026-03-01T00:00:00.000Z',
  lastSeq: s.lastSeq + 5,
});
const asApp = <T>(fn: () => Promise<T>) => sandbox.runAs({ kind: 'app' }, fn);

describe('running totals in storage', () => {
  it('two writers on the same project-month lose no update, and an overtaken summary changes nothing', async () => {
    const first = sameMonth(12);
    expect(new Set(first.map((s) => `${s.projectKey}:${s.startedAt.slice(0, 7)}`)).size).toBe(1);
    await asApp(() => Promise.all(first.map((s) => store.save(s))));
    // Half of them change while an older summary of some arrives late (an append overtaken by a later one).
    const changed = first.slice(0, 6).map(later);
    await asApp(() => Promise.all([...changed.map((s) => store.save(s)), ...first.slice(0, 3).map((s) => store.save(s))]));
    const final = [...changed, ...first.slice(6)];

    const totals = await asApp(() => store.totals(months));
    // One project-month, split by issue into documents that each hold their share.
    expect(new Set(totals.map((t) => `${t.projectKey}:${t.month}`)).size).toBe(1);
    expect(totals.length).toBeGreaterThan(1);
    expect(totals.flatMap((t) => Object.keys(t.issues)).sort()).toEqual(first.map((s) => s.issueId).sort());
    expect(analyticsFromTotals(totals, year, now)).toEqual(revisionAnalytics(final, year, now));
    expect(await asApp(() => store.projectCounts([first[0]!.projectKey, 'NONE']))).toEqual(new Map([[first[0]!.projectKey, 12]]));
    // The per-issue rows are the latest summaries.
    expect((await asApp(() => store.all())).filter((s) => s.status === 'closed')).toHaveLength(
      final.filter((s) => s.status === 'closed').length,
    );
  });

  it('folds with plain reads, no batch operation: hundreds of folds a minute stay clear of Forge’s 45 batch operations', async () => {
    const summaries = sameMonth(60);
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    await asApp(async () => {
      for (const s of summaries) await store.save(s);
    });
    const first = sandbox.meter.snapshot();
    // Folded again: the marker carries the summary folded before, and the project rows are read only when
    // an escalation joins a project, so a fold reads its marker and its totals, side by side.
    sandbox.meter.reset();
    await asApp(async () => {
      for (const s of summaries) await store.save(later(s));
    });
    const again = sandbox.meter.snapshot();
    // Only the log moved on (the same part of the totals): the marker alone is read, the totals are not written.
    sandbox.meter.reset();
    await asApp(async () => {
      for (const s of summaries) await store.save({ ...later(s), lastSeq: s.lastSeq + 9 });
    });
    const logOnly = sandbox.meter.snapshot();
    sandbox.meter.setRealistic(undefined);
    for (const snap of [first, again, logOnly]) {
      expect(snap.batchOperations.total).toBe(0);
      expect(snap.throttled.storage).toBe(0);
    }
    // First fold: the marker, then the totals and the project row; again: the marker, then the totals.
    expect(first.totals).toMatchObject({ storageRead: 3 * 60, storageWrite: 60 });
    expect(again.totals).toMatchObject({ storageRead: 2 * 60, storageWrite: 60 });
    expect(logOnly.totals).toMatchObject({ storageRead: 60, storageWrite: 60 });
    expect(analyticsFromTotals(await asApp(() => store.totals(months)), year, now)).toEqual(
      revisionAnalytics(summaries.map(later), year, now),
    );
    const latest = await asApp(() => store.all());
    expect(latest.map((s) => s.lastSeq).sort()).toEqual(summaries.map((s) => s.lastSeq + 9).sort());
    expect(await asApp(() => store.projectCounts([summaries[0]!.projectKey]))).toEqual(new Map([[summaries[0]!.projectKey, 60]]));
  });

  it('reads the summary folded before from its own key when the marker was written before it carried one', async () => {
    const summaries = sameMonth(3);
    await asApp(() => Promise.all(summaries.map((s) => store.save(s))));
    // Markers as written before this change: no summary in them.
    await asApp(async () => {
      for (const s of summaries) {
        const marker = await kvs.entity<Record<string, unknown>>(FOLDED_ENTITY).get(s.issueId);
        expect(marker).toHaveProperty('summary');
        const old = { ...marker! };
        delete old.summary;
        await kvs.entity(FOLDED_ENTITY).set(s.issueId, old);
      }
    });
    sandbox.kvsLog.reset();
    await asApp(() => Promise.all(summaries.map((s) => store.save(later(s)))));
    expect(sandbox.kvsLog.counts()['/api/v1/get']).toBe(3);
    expect(analyticsFromTotals(await asApp(() => store.totals(months)), year, now)).toEqual(
      revisionAnalytics(summaries.map(later), year, now),
    );
    // The fold wrote the summary into the marker again: the next one reads no summary key.
    sandbox.kvsLog.reset();
    await asApp(() => Promise.all(summaries.map((s) => store.save({ ...later(s), lastSeq: s.lastSeq + 9 }))));
    expect(sandbox.kvsLog.counts()['/api/v1/get']).toBeUndefined();
  });

  it('moves an escalation’s part when its project-month changes', async () => {
    const [s] = sameMonth(1);
    await asApp(() => store.save(s!));
    const moved: EscalationSummary = { ...s!, projectKey: 'MOVED', issueKey: 'MOVED-1', lastSeq: s!.lastSeq + 1 };
    await asApp(() => store.save(moved));
    const totals = await asApp(() => store.totals(months));
    expect(totals.map((t) => [t.projectKey, Object.keys(t.issues).length])).toEqual(
      expect.arrayContaining([
        [s!.projectKey, 0],
        ['MOVED', 1],
      ]),
    );
    expect(await asApp(() => store.projectCounts([s!.projectKey, 'MOVED']))).toEqual(
      new Map([
        [s!.projectKey, 0],
        ['MOVED', 1],
      ]),
    );
  });

  it('the backfill folds summaries from before the totals once, resumes page by page, and skips what a change folded meanwhile', async () => {
    const old = sameMonth(45); // three query pages of 20
    await asApp(() => Promise.all(old.map((s) => kvs.set(`${SUMMARY_PREFIX}${s.issueId}`, s))));
    expect(await asApp(() => store.totalsComplete())).toBe(false);

    expect(await asApp(() => store.backfillTotals({ maxPages: 1 }))).toEqual({ done: false, folded: 20 });
    // A change of one not yet reached and one already folded, between two runs.
    const changes = [later(old[44]!), later(old[0]!)];
    await asApp(() => Promise.all(changes.map((s) => store.save(s))));
    expect(await asApp(() => store.backfillTotals({ maxPages: 5 }))).toEqual({ done: true, folded: 44 });
    expect(await asApp(() => store.totalsComplete())).toBe(true);
    expect(await asApp(() => store.backfillTotals({ maxPages: 5 }))).toEqual({ done: true, folded: 44 });

    const final = [changes[1]!, ...old.slice(1, 44), changes[0]!];
    expect(analyticsFromTotals(await asApp(() => store.totals(months)), year, now)).toEqual(revisionAnalytics(final, year, now));
    expect(await asApp(() => store.projectCounts([old[0]!.projectKey]))).toEqual(new Map([[old[0]!.projectKey, 45]]));
  });
});

describe('the view from the totals keeps the privacy rule', () => {
  it('a member kept out of one issue sees the same figures as before; one who may browse all reads the totals', async () => {
    await configureDemoProject(sandbox);
    await seedDemoEscalations(sandbox);
    sandbox.setIssueSecurity('DEMO-1', {
      name: 'Managements',
      members: [
        { type: 'group', group: 'contractor-managers' },
        { type: 'group', group: 'client-executives' },
      ],
    });
    const period = { from: '2026-01-01', to: '2027-01-01' };
    const before = {
      sam: (await admin(sandbox, 'sam', 'escalation-review', 'getAnalytics', period)).analytics,
      erika: (await admin(sandbox, 'erika', 'escalation-review', 'getAnalytics', period)).analytics,
    };
    await sandbox.runFunction('analytics-backfill', {}, { kind: 'app' });
    expect(await asApp(() => store.totalsComplete())).toBe(true);

    for (const user of ['sam', 'erika'] as const) {
      const after = (await admin(sandbox, user, 'escalation-review', 'getAnalytics', period)).analytics;
      expect({ ...after, generatedAt: '' }).toEqual({ ...before[user], generatedAt: '' });
    }
    expect(before.sam.total).toBe(2);
    expect(before.erika.total).toBe(3);
    const { csv } = await admin(sandbox, 'sam', 'escalation-review', 'exportAnalyticsCsv', period);
    expect(csv).not.toContain('DEMO-1,');
  });
});
