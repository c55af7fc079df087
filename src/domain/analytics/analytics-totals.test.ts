import {
  addTotals,
  analyticsFromTotals,
  contributionOf,
  emptyTotals,
  foldTotals,
  monthsOf,
  totalsKeyOf,
  type AnalyticsTotals,
} from './analytics-totals';
import type { EscalationSummary } from './escalation-summary';
import { revisionAnalytics } from './revision-analytics';
import { demoSummaries, syntheticSummary } from './testing-logs';

const year2026 = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };

/** Folds summaries into their project-month totals, as the store does one change at a time. */
function foldAll(summaries: readonly EscalationSummary[]): Map<string, AnalyticsTotals> {
  const buckets = new Map<string, AnalyticsTotals>();
  for (const s of summaries) {
    const { projectKey, month } = totalsKeyOf(s);
    const key = `${projectKey}:${month}`;
    buckets.set(key, foldTotals(buckets.get(key) ?? emptyTotals(projectKey, month), { after: s }));
  }
  return buckets;
}

describe('analyticsFromTotals gives the figures revisionAnalytics gives over the same summaries', () => {
  it('for the hand-counted demo set, a running escalation counted until the look', () => {
    const now = new Date('2026-05-01T09:00:00.000Z');
    expect(analyticsFromTotals(foldAll(demoSummaries()).values(), year2026, now)).toEqual(
      revisionAnalytics(demoSummaries(), year2026, now),
    );
  });

  it('for 600 varied escalations (waits running and ended, levels visited twice), at two looks', () => {
    const summaries = Array.from({ length: 600 }, (_, i) => syntheticSummary(i));
    const totals = [...foldAll(summaries).values()];
    for (const now of [new Date('2026-12-15T08:00:00.000Z'), new Date('2027-03-01T00:00:00.000Z')]) {
      const expected = revisionAnalytics(summaries, year2026, now);
      expect(expected.timeAtLevel[0]!.waitingForClientMs).toBeGreaterThan(0);
      expect(analyticsFromTotals(totals, year2026, now)).toEqual(expected);
    }
    const spring = { from: '2026-03-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' };
    const now = new Date('2026-12-15T08:00:00.000Z');
    expect(analyticsFromTotals(totals, spring, now)).toEqual(revisionAnalytics(summaries, spring, now));
  });
});

describe('foldTotals', () => {
  const a = syntheticSummary(30); // open, with a running wait
  const b = syntheticSummary(30 + 1320, '20000'); // the same project-month (1320 = lcm(8 projects, 330 days))
  const key = totalsKeyOf(a);

  it('keeps one project-month per key', () => {
    expect(totalsKeyOf(b)).toEqual(key);
  });

  it('taking away a folded summary gives exactly the totals without it', () => {
    const empty = emptyTotals(key.projectKey, key.month);
    const both = foldTotals(foldTotals(empty, { after: a }), { after: b });
    expect(foldTotals(both, { before: a })).toEqual(foldTotals(empty, { after: b }));
    expect(foldTotals(foldTotals(both, { before: a }), { before: b })).toEqual(empty);
  });

  it('replaces an escalation’s part when its summary changes (no double count)', () => {
    const empty = emptyTotals(key.projectKey, key.month);
    const resolved: EscalationSummary = { ...a, status: 'resolved', endedAt: '2026-02-20T00:00:00.000Z', lastSeq: 31 };
    const folded = foldTotals(foldTotals(empty, { after: a }), { before: a, after: resolved });
    expect(folded).toEqual(foldTotals(empty, { after: resolved }));
    expect(folded.byStatus).toEqual({ open: 0, resolved: 1, closed: 0 });
    expect(folded.issues).toEqual({ [a.issueId]: 31 });
  });

  it('adds in any order to the same totals', () => {
    const empty = emptyTotals(key.projectKey, key.month);
    const ab = addTotals(addTotals(empty, contributionOf(a)), contributionOf(b));
    const ba = addTotals(addTotals(empty, contributionOf(b)), contributionOf(a));
    expect(ab).toEqual(ba);
  });
});

describe('monthsOf', () => {
  it('answers whole UTC months only', () => {
    expect(monthsOf(year2026)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(monthsOf({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toEqual({ from: '2026-03', to: '2026-03' });
    expect(monthsOf({ from: '2026-03-02T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toBeUndefined();
    expect(monthsOf({ from: '2026-04-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' })).toBeUndefined();
  });
});
