import type { Level, TriggerId } from '../process/process-template';
import { TRIGGER_IDS } from '../process/process-vocabulary';
import type { EscalationSummary } from './escalation-summary';

/** The period of a review: escalations started from `from` (inclusive) to `to` (exclusive), ISO instants. */
export interface AnalyticsPeriod {
  readonly from: string;
  readonly to: string;
}

export interface DurationStats {
  readonly count: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
  readonly maxMs: number | null;
}

export type DeadlineParty = 'contractor' | 'client' | 'both';

/** The figures of the yearly review, for one period; everything derives from the escalation summaries. */
export interface RevisionAnalytics {
  readonly period: AnalyticsPeriod;
  readonly generatedAt: string;
  readonly total: number;
  readonly byStatus: Readonly<Record<'open' | 'resolved' | 'closed', number>>;
  readonly byLevelReached: readonly { level: Level; count: number }[];
  readonly byTrigger: readonly { trigger: TriggerId; count: number }[];
  readonly byProject: readonly { projectKey: string; count: number }[];
  readonly byMonth: readonly { month: string; count: number }[];
  /** From detection to the first recorded notification of the client. */
  readonly clientNotification: DurationStats & { readonly notNotified: number; readonly late: number };
  /** Wall-clock time spent at each level (a stay still running counts until `generatedAt`). */
  readonly timeAtLevel: readonly ({ level: Level } & DurationStats & {
      totalMs: number;
      /** Of `totalMs`: the time the client waited on an overdue duty of the contractor, and the other way round. */
      waitingForContractorMs: number;
      waitingForClientMs: number;
    })[];
  readonly deadlines: readonly { party: DeadlineParty; met: number; missed: number }[];
  /** Per obligation: in how many escalations its deadline was missed, and in how many it was left open at the end. */
  readonly obligations: readonly {
    obligationId: string;
    party: 'contractor' | 'client';
    late: number;
    leftOpen: number;
    mandatory: boolean;
  }[];
  readonly rootCauses: readonly { text: string; count: number; issueKeys: readonly string[] }[];
  readonly openActionPlans: readonly { issueKey: string; version: number; status: string }[];
  readonly openMeasures: readonly { issueKey: string; measureId: string; text: string; owner: DeadlineParty }[];
}

/**
 * Whether an escalation counts in the period: it started in it (`to` exclusive).
 *
 * @example
 * startedIn({ from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })({ startedAt: '2026-03-02T09:00:00Z' }) // true
 */
export function startedIn(period: AnalyticsPeriod): (s: { readonly startedAt: string }) => boolean {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  return (s) => {
    const at = Date.parse(s.startedAt);
    return at >= from && at < to;
  };
}

/** Count, mean, median and maximum of durations in milliseconds. */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, meanMs: null, medianMs: null, maxMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    count: sorted.length,
    meanMs: Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
    medianMs: Math.round(median),
    maxMs: sorted[sorted.length - 1]!,
  };
}

/** Root causes written alike count together: case, spacing and trailing punctuation do not matter. */
export function normaliseRootCause(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!;:,\s]+$/, '');
}

/**
 * The revision figures for a period from the summaries of all escalations (any order). Escalations
 * count in the period they started in.
 *
 * @example
 * revisionAnalytics(summaries, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, now).byLevelReached
 * // [{ level: 1, count: 7 }, { level: 2, count: 3 }, …]
 */
export function revisionAnalytics(summaries: Iterable<EscalationSummary>, period: AnalyticsPeriod, now: Date): RevisionAnalytics {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const nowMs = now.getTime();
  const acc = newAccumulators();
  const obligation = (id: string, party: 'contractor' | 'client', mandatory: boolean) => {
    let o = acc.obligations.get(id);
    if (!o) acc.obligations.set(id, (o = { obligationId: id, party, late: 0, leftOpen: 0, mandatory }));
    return o;
  };

  for (const s of summaries) {
    const started = Date.parse(s.startedAt);
    if (!(started >= from && started < to)) continue;
    acc.total++;
    acc.byStatus[s.status]++;
    acc.levelReached[s.maxLevel - 1]!++;
    acc.trigger.set(s.trigger, (acc.trigger.get(s.trigger) ?? 0) + 1);
    acc.project.set(s.projectKey, (acc.project.get(s.projectKey) ?? 0) + 1);
    const m = s.startedAt.slice(0, 7);
    acc.month.set(m, (acc.month.get(m) ?? 0) + 1);

    if (s.clientNotifiedAt) acc.notifyMs.push(Math.max(0, Date.parse(s.clientNotifiedAt) - Date.parse(s.detectedAt)));
    else acc.notNotified++;
    if (s.missed.some((d) => d.timeFrame === 'criticalNotification')) acc.late++;

    const endedMs = s.endedAt ? Date.parse(s.endedAt) : nowMs;
    const perLevel = [0, 0, 0, 0];
    const seen = [false, false, false, false];
    for (const stay of s.levels) {
      const start = Date.parse(stay.enteredAt);
      const end = stay.leftAt ? Date.parse(stay.leftAt) : endedMs;
      perLevel[stay.level - 1]! += Math.max(0, end - start);
      seen[stay.level - 1] = true;
      for (const w of s.waits ?? []) {
        const overlap = Math.min(end, w.to ? Date.parse(w.to) : endedMs) - Math.max(start, Date.parse(w.from));
        if (overlap > 0) acc.waiting[w.waitingFor][stay.level - 1]! += overlap;
      }
    }
    perLevel.forEach((ms, i) => seen[i] && acc.atLevel[i]!.push(ms));

    for (const d of s.missed) {
      acc.deadlines.get(d.party)!.missed++;
      if (d.obligationId && d.party !== 'both') obligation(d.obligationId, d.party, false).late++;
    }
    for (const d of s.met) acc.deadlines.get(d.party)!.met++;
    for (const o of s.leftOpen) {
      const entry = obligation(o.id, o.party, o.mandatory);
      entry.leftOpen++;
      entry.mandatory ||= o.mandatory;
    }
    const keys = new Set<string>();
    for (const text of s.rootCauses) {
      const key = normaliseRootCause(text);
      if (!key || keys.has(key)) continue; // the same cause twice in one escalation counts once
      keys.add(key);
      const c = acc.causes.get(key) ?? { text: text.trim(), count: 0, issueKeys: [] };
      c.count++;
      c.issueKeys.push(s.issueKey);
      acc.causes.set(key, c);
    }
    if (s.actionPlan && s.actionPlan.status !== 'approved') acc.openActionPlans.push({ issueKey: s.issueKey, ...s.actionPlan });
    for (const measure of s.openMeasures) acc.openMeasures.push({ issueKey: s.issueKey, ...measure });
  }

  return viewFromAccumulators(acc, period, now);
}

/**
 * The sums the figures are made of while they are gathered, from summaries (`revisionAnalytics`) or from
 * project-month totals (`analyticsFromTotals`); {@link viewFromAccumulators} turns either into the figures.
 */
export interface AnalyticsAccumulators {
  total: number;
  readonly byStatus: Record<'open' | 'resolved' | 'closed', number>;
  /** Index 0 = level 1. */
  readonly levelReached: number[];
  readonly trigger: Map<TriggerId, number>;
  readonly project: Map<string, number>;
  readonly month: Map<string, number>;
  readonly notifyMs: number[];
  notNotified: number;
  late: number;
  /** Per level: the time at the level of each escalation that reached it. */
  readonly atLevel: number[][];
  readonly waiting: Record<'contractor' | 'client', number[]>;
  readonly deadlines: Map<DeadlineParty, { met: number; missed: number }>;
  readonly obligations: Map<string, RevisionAnalytics['obligations'][number]>;
  readonly causes: Map<string, { text: string; count: number; issueKeys: string[] }>;
  readonly openActionPlans: RevisionAnalytics['openActionPlans'][number][];
  readonly openMeasures: RevisionAnalytics['openMeasures'][number][];
}

export function newAccumulators(): AnalyticsAccumulators {
  return {
    total: 0,
    byStatus: { open: 0, resolved: 0, closed: 0 },
    levelReached: [0, 0, 0, 0],
    trigger: new Map<TriggerId, number>(TRIGGER_IDS.map((t) => [t, 0])),
    project: new Map(),
    month: new Map(),
    notifyMs: [],
    notNotified: 0,
    late: 0,
    atLevel: [[], [], [], []],
    waiting: { contractor: [0, 0, 0, 0], client: [0, 0, 0, 0] },
    deadlines: new Map<DeadlineParty, { met: number; missed: number }>(
      (['contractor', 'client', 'both'] as const).map((p) => [p, { met: 0, missed: 0 }]),
    ),
    obligations: new Map(),
    causes: new Map(),
    openActionPlans: [],
    openMeasures: [],
  };
}

/** The figures from what was gathered, in the order the view and the CSV show them. */
export function viewFromAccumulators(acc: AnalyticsAccumulators, period: AnalyticsPeriod, now: Date): RevisionAnalytics {
  return sortedAnalytics({
    period,
    generatedAt: now.toISOString(),
    total: acc.total,
    byStatus: acc.byStatus,
    byLevelReached: acc.levelReached.map((count, i) => ({ level: (i + 1) as Level, count })),
    byTrigger: [...acc.trigger].map(([trigger, count]) => ({ trigger, count })),
    byProject: [...acc.project].map(([projectKey, count]) => ({ projectKey, count })),
    byMonth: [...acc.month].map(([month, count]) => ({ month, count })),
    clientNotification: { ...durationStats(acc.notifyMs), notNotified: acc.notNotified, late: acc.late },
    timeAtLevel: acc.atLevel.map((values, i) => ({
      level: (i + 1) as Level,
      ...durationStats(values),
      totalMs: values.reduce((a, b) => a + b, 0),
      waitingForContractorMs: acc.waiting.contractor[i]!,
      waitingForClientMs: acc.waiting.client[i]!,
    })),
    deadlines: [...acc.deadlines].map(([party, counts]) => ({ party, ...counts })),
    obligations: [...acc.obligations.values()],
    rootCauses: [...acc.causes.values()],
    openActionPlans: acc.openActionPlans,
    openMeasures: acc.openMeasures,
  });
}

/**
 * The figures in the order the view and the CSV show them (shared by the per-summary and the running-totals
 * paths, so both give the same answer for the same escalations).
 */
export function sortedAnalytics(a: RevisionAnalytics): RevisionAnalytics {
  const byIssue = (x: { issueKey: string }, y: { issueKey: string }) => byIssueKey(x.issueKey, y.issueKey);
  return {
    ...a,
    byProject: [...a.byProject].sort((x, y) => y.count - x.count || x.projectKey.localeCompare(y.projectKey)),
    byMonth: [...a.byMonth].sort((x, y) => x.month.localeCompare(y.month)),
    obligations: [...a.obligations].sort(
      (x, y) => y.late + y.leftOpen - (x.late + x.leftOpen) || x.obligationId.localeCompare(y.obligationId),
    ),
    rootCauses: [...a.rootCauses]
      .map((c) => ({ ...c, issueKeys: [...c.issueKeys].sort(byIssueKey) }))
      .sort((x, y) => y.count - x.count || x.text.localeCompare(y.text)),
    openActionPlans: [...a.openActionPlans].sort(byIssue),
    openMeasures: [...a.openMeasures].sort((x, y) => byIssue(x, y) || x.measureId.localeCompare(y.measureId)),
  };
}

const naturalOrder = new Intl.Collator('en', { numeric: true }).compare;
const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/;

/**
 * Issue keys in natural order (P-2 before P-10): project key, then number. Keys of that form are compared
 * directly (100,000 of them are sorted in every large view); anything else by a numeric-aware collator.
 */
export function byIssueKey(a: string, b: string): number {
  const x = ISSUE_KEY.exec(a);
  const y = ISSUE_KEY.exec(b);
  if (!x || !y) return naturalOrder(a, b);
  if (x[1] !== y[1]) return naturalOrder(x[1]!, y[1]!);
  return Number(x[2]) - Number(y[2]);
}
