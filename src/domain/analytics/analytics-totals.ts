import type { TriggerId } from '../process/process-template';
import type { EscalationSummary } from './escalation-summary';
import {
  byIssueKey,
  newAccumulators,
  normaliseRootCause,
  viewFromAccumulators,
  type AnalyticsPeriod,
  type DeadlineParty,
  type RevisionAnalytics,
} from './revision-analytics';

/**
 * Running totals of the revision analytics for one project and month (the month the escalations started
 * in), so the view reads one document per project-month instead of one per escalation.
 *
 * Everything the figures need is a sum, except what is per escalation by nature: durations (for the median)
 * are kept as sorted lists of numbers, root causes with their issue keys, open action plans and measures.
 * A value that grows with the clock (a stay or a wait still running) is kept as an anchor: its length is
 * `now − anchor`, computed when the figures are read. Anchors are milliseconds after the month's start, so
 * their sums stay exact in a double.
 *
 * Each escalation's part is {@link contributionOf} its summary; folding adds the new summary's part and takes
 * away the part of the summary folded before ({@link foldTotals}), so the totals always equal the sum over
 * the summaries folded in ({@link analyticsFromTotals} gives the same figures as `revisionAnalytics`).
 */
export interface AnalyticsTotals {
  readonly v: 1;
  readonly projectKey: string;
  /** `YYYY-MM` (UTC) of the escalations' start. */
  readonly month: string;
  /** The escalations folded in: issue id → the log sequence of the summary folded. */
  readonly issues: Record<string, number>;
  readonly byStatus: Record<'open' | 'resolved' | 'closed', number>;
  /** Escalations by the highest level reached (index 0 = level 1). */
  readonly levelReached: number[];
  readonly byTrigger: Record<string, number>;
  /** From detection to the client's first notification, per notified escalation (sorted). */
  readonly notifyMs: number[];
  readonly notNotified: number;
  readonly late: number;
  /** Per level (index 0 = level 1): time at the level per ended stay set (sorted), and anchors of running ones. */
  readonly levels: { ended: number[]; running: number[] }[];
  /** Waiting time per level: fixed milliseconds plus `n` spans still running, `now·n − anchors`. */
  readonly waiting: Record<'contractor' | 'client', { ms: number; n: number; anchors: number }[]>;
  readonly deadlines: Record<DeadlineParty, { met: number; missed: number }>;
  /** `mandatory`: how many of the escalations left it open while it was mandatory to leave the stage. */
  readonly obligations: Record<string, { party: 'contractor' | 'client'; late: number; leftOpen: number; mandatory: number }>;
  /** By normalised wording: the first wording folded and the issues it was recorded on (sorted). */
  readonly rootCauses: Record<string, { text: string; issueKeys: string[] }>;
  readonly openActionPlans: { issueKey: string; version: number; status: string }[];
  readonly openMeasures: { issueKey: string; measureId: string; text: string; owner: DeadlineParty }[];
}

const LEVEL_COUNT = 4;

/** The project-month a summary counts in, e.g. `DEMO:2026-03` (a valid Forge storage key). */
export function totalsKeyOf(s: { readonly projectKey: string; readonly startedAt: string }): { projectKey: string; month: string } {
  return { projectKey: s.projectKey, month: s.startedAt.slice(0, 7) };
}

function monthStartMs(month: string): number {
  return Date.parse(`${month}-01T00:00:00.000Z`);
}

export function emptyTotals(projectKey: string, month: string): AnalyticsTotals {
  return {
    v: 1,
    projectKey,
    month,
    issues: {},
    byStatus: { open: 0, resolved: 0, closed: 0 },
    levelReached: [0, 0, 0, 0],
    byTrigger: {},
    notifyMs: [],
    notNotified: 0,
    late: 0,
    levels: Array.from({ length: LEVEL_COUNT }, () => ({ ended: [], running: [] })),
    waiting: {
      contractor: Array.from({ length: LEVEL_COUNT }, () => ({ ms: 0, n: 0, anchors: 0 })),
      client: Array.from({ length: LEVEL_COUNT }, () => ({ ms: 0, n: 0, anchors: 0 })),
    },
    deadlines: { contractor: { met: 0, missed: 0 }, client: { met: 0, missed: 0 }, both: { met: 0, missed: 0 } },
    obligations: {},
    rootCauses: {},
    openActionPlans: [],
    openMeasures: [],
  };
}

/**
 * One escalation's part of its project-month totals: what `revisionAnalytics` counts for it, with the
 * clock-dependent parts as anchors.
 */
export function contributionOf(s: EscalationSummary): AnalyticsTotals {
  const { projectKey, month } = totalsKeyOf(s);
  const base = monthStartMs(month);
  const t = emptyTotals(projectKey, month);
  t.issues[s.issueId] = s.lastSeq;
  t.byStatus[s.status]++;
  t.levelReached[s.maxLevel - 1]!++;
  t.byTrigger[s.trigger] = 1;
  if (s.clientNotifiedAt) t.notifyMs.push(Math.max(0, Date.parse(s.clientNotifiedAt) - Date.parse(s.detectedAt)));
  const notNotified = s.clientNotifiedAt ? 0 : 1;
  const late = s.missed.some((d) => d.timeFrame === 'criticalNotification') ? 1 : 0;

  const endedMs = s.endedAt ? Date.parse(s.endedAt) : undefined;
  const fixed = [0, 0, 0, 0];
  const running: (number | undefined)[] = [undefined, undefined, undefined, undefined];
  const seen = [false, false, false, false];
  for (const stay of s.levels) {
    const i = stay.level - 1;
    const start = Date.parse(stay.enteredAt);
    seen[i] = true;
    const endFixed = stay.leftAt ? Date.parse(stay.leftAt) : endedMs;
    if (endFixed !== undefined) fixed[i]! += Math.max(0, endFixed - start);
    else running[i] = start; // the open escalation's current stay: runs until the look
    for (const w of s.waits ?? []) {
      const waitEnd = w.to ? Date.parse(w.to) : endedMs;
      const from = Math.max(start, Date.parse(w.from));
      const slot = t.waiting[w.waitingFor][i]!;
      if (endFixed !== undefined && waitEnd !== undefined) {
        const overlap = Math.min(endFixed, waitEnd) - from;
        if (overlap > 0) slot.ms += overlap;
      } else if (endFixed !== undefined || waitEnd !== undefined) {
        // One side runs on, the other ended before the look: the overlap ends at the fixed side.
        const overlap = (endFixed ?? waitEnd)! - from;
        if (overlap > 0) slot.ms += overlap;
      } else {
        slot.n++;
        slot.anchors += from - base;
      }
    }
  }
  for (let i = 0; i < LEVEL_COUNT; i++) {
    if (!seen[i]) continue;
    const anchor = running[i];
    if (anchor === undefined) t.levels[i]!.ended.push(fixed[i]!);
    else t.levels[i]!.running.push(anchor - fixed[i]! - base);
  }
  for (const d of s.missed) {
    t.deadlines[d.party].missed++;
    if (d.obligationId && d.party !== 'both') obligationOf(t, d.obligationId, d.party).late++;
  }
  for (const d of s.met) t.deadlines[d.party].met++;
  for (const o of s.leftOpen) {
    const entry = obligationOf(t, o.id, o.party);
    entry.leftOpen++;
    if (o.mandatory) entry.mandatory++;
  }
  for (const text of s.rootCauses) {
    const key = normaliseRootCause(text);
    if (!key || t.rootCauses[key]) continue; // the same cause twice in one escalation counts once
    t.rootCauses[key] = { text: text.trim(), issueKeys: [s.issueKey] };
  }
  if (s.actionPlan && s.actionPlan.status !== 'approved') t.openActionPlans.push({ issueKey: s.issueKey, ...s.actionPlan });
  for (const m of s.openMeasures) t.openMeasures.push({ issueKey: s.issueKey, ...m });
  return { ...t, notNotified, late };
}

function obligationOf(t: AnalyticsTotals, id: string, party: 'contractor' | 'client') {
  return (t.obligations[id] ??= { party, late: 0, leftOpen: 0, mandatory: 0 });
}

/** Adds `sorted` values in order, or takes one occurrence of each away. */
function mergeSorted(into: number[], values: readonly number[], sign: 1 | -1): number[] {
  const out = [...into];
  for (const v of values) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    if (sign > 0) out.splice(lo, 0, v);
    else if (out[lo] === v) out.splice(lo, 1);
  }
  return out;
}

/** Per-issue items added in order, or each taken away once (items are compared whole). */
function mergeItems<T extends { issueKey: string }>(
  into: readonly T[],
  items: readonly T[],
  sign: 1 | -1,
  order: (x: T, y: T) => number,
): T[] {
  const rest = [...into];
  if (sign > 0) {
    // Each item goes in at its place (the list is sorted): one escalation's few items into a long list.
    for (const item of items) {
      let lo = 0;
      let hi = rest.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(rest[mid]!, item) <= 0) lo = mid + 1;
        else hi = mid;
      }
      rest.splice(lo, 0, item);
    }
    return rest;
  }
  for (const item of items) {
    const at = rest.findIndex((x) => JSON.stringify(x) === JSON.stringify(item));
    if (at >= 0) rest.splice(at, 1);
  }
  return rest;
}

/**
 * `a` with `b` added (`sign` 1) or taken away (`sign` −1). Taking away a part that was added before gives
 * back exactly the totals without it (entries that fall to zero disappear, lists stay sorted).
 */
export function addTotals(a: AnalyticsTotals, b: AnalyticsTotals, sign: 1 | -1 = 1): AnalyticsTotals {
  const issues = { ...a.issues };
  for (const [id, seq] of Object.entries(b.issues)) {
    if (sign > 0) issues[id] = seq;
    else delete issues[id];
  }
  const byTrigger = { ...a.byTrigger };
  for (const [k, n] of Object.entries(b.byTrigger)) {
    const v = (byTrigger[k] ?? 0) + sign * n;
    if (v) byTrigger[k] = v;
    else delete byTrigger[k];
  }
  const obligations: AnalyticsTotals['obligations'] = {};
  for (const [id, o] of Object.entries(a.obligations)) obligations[id] = { ...o };
  for (const [id, o] of Object.entries(b.obligations)) {
    const e = (obligations[id] ??= { party: o.party, late: 0, leftOpen: 0, mandatory: 0 });
    e.late += sign * o.late;
    e.leftOpen += sign * o.leftOpen;
    e.mandatory += sign * o.mandatory;
    if (!e.late && !e.leftOpen) delete obligations[id];
  }
  const rootCauses: AnalyticsTotals['rootCauses'] = {};
  for (const [k, c] of Object.entries(a.rootCauses)) rootCauses[k] = { text: c.text, issueKeys: [...c.issueKeys] };
  for (const [k, c] of Object.entries(b.rootCauses)) {
    const e = (rootCauses[k] ??= { text: c.text, issueKeys: [] });
    for (const key of c.issueKeys) {
      if (sign > 0) e.issueKeys.push(key);
      else {
        const at = e.issueKeys.indexOf(key);
        if (at >= 0) e.issueKeys.splice(at, 1);
      }
    }
    e.issueKeys.sort(byIssueKey);
    if (e.issueKeys.length === 0) delete rootCauses[k];
  }
  const party = (p: DeadlineParty) => ({
    met: a.deadlines[p].met + sign * b.deadlines[p].met,
    missed: a.deadlines[p].missed + sign * b.deadlines[p].missed,
  });
  const wait = (p: 'contractor' | 'client') =>
    a.waiting[p].map((w, i) => {
      const o = b.waiting[p][i]!;
      return { ms: w.ms + sign * o.ms, n: w.n + sign * o.n, anchors: w.anchors + sign * o.anchors };
    });
  return {
    v: 1,
    projectKey: a.projectKey,
    month: a.month,
    issues,
    byStatus: {
      open: a.byStatus.open + sign * b.byStatus.open,
      resolved: a.byStatus.resolved + sign * b.byStatus.resolved,
      closed: a.byStatus.closed + sign * b.byStatus.closed,
    },
    levelReached: a.levelReached.map((n, i) => n + sign * b.levelReached[i]!),
    byTrigger,
    notifyMs: mergeSorted(a.notifyMs, b.notifyMs, sign),
    notNotified: a.notNotified + sign * b.notNotified,
    late: a.late + sign * b.late,
    levels: a.levels.map((l, i) => ({
      ended: mergeSorted(l.ended, b.levels[i]!.ended, sign),
      running: mergeSorted(l.running, b.levels[i]!.running, sign),
    })),
    waiting: { contractor: wait('contractor'), client: wait('client') },
    deadlines: { contractor: party('contractor'), client: party('client'), both: party('both') },
    obligations,
    rootCauses,
    openActionPlans: mergeItems(a.openActionPlans, b.openActionPlans, sign, (x, y) => byIssueKey(x.issueKey, y.issueKey)),
    openMeasures: mergeItems(
      a.openMeasures,
      b.openMeasures,
      sign,
      (x, y) => byIssueKey(x.issueKey, y.issueKey) || x.measureId.localeCompare(y.measureId),
    ),
  };
}

/**
 * The totals after an escalation's summary changed: the part of the summary folded before (if any) taken
 * away, the new one added. `before` and `after` must belong to these totals' project-month (a summary that
 * moved to another project-month is taken away from its old totals and added to its new ones).
 */
export function foldTotals(
  totals: AnalyticsTotals,
  change: { readonly before?: EscalationSummary; readonly after?: EscalationSummary },
): AnalyticsTotals {
  let next = totals;
  if (change.before) next = addTotals(next, contributionOf(change.before), -1);
  if (change.after) next = addTotals(next, contributionOf(change.after), 1);
  return next;
}

/** Whether the period is whole UTC months, which the project-month totals can answer exactly. */
export function monthsOf(period: AnalyticsPeriod): { from: string; to: string } | undefined {
  const whole = (iso: string) => /^\d{4}-\d{2}-01T00:00:00(\.000)?Z$/.test(iso);
  if (!whole(period.from) || !whole(period.to) || Date.parse(period.from) >= Date.parse(period.to)) return undefined;
  const last = new Date(Date.parse(period.to));
  last.setUTCMonth(last.getUTCMonth() - 1);
  return { from: period.from.slice(0, 7), to: last.toISOString().slice(0, 7) };
}

/**
 * The revision figures from project-month totals (any order; only those of the period's months count),
 * equal to `revisionAnalytics` over the summaries folded into them.
 *
 * @example
 * analyticsFromTotals([contributionOf(s)], { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, now).total // 1
 */
export function analyticsFromTotals(all: Iterable<AnalyticsTotals>, period: AnalyticsPeriod, now: Date): RevisionAnalytics {
  const from = period.from.slice(0, 7);
  const to = new Date(Date.parse(period.to) - 1).toISOString().slice(0, 7);
  const nowMs = now.getTime();
  const acc = newAccumulators();

  for (const t of all) {
    if (t.month < from || t.month > to) continue;
    const count = t.byStatus.open + t.byStatus.resolved + t.byStatus.closed;
    if (count === 0) continue;
    const base = monthStartMs(t.month);
    acc.total += count;
    acc.project.set(t.projectKey, (acc.project.get(t.projectKey) ?? 0) + count);
    acc.month.set(t.month, (acc.month.get(t.month) ?? 0) + count);
    acc.byStatus.open += t.byStatus.open;
    acc.byStatus.resolved += t.byStatus.resolved;
    acc.byStatus.closed += t.byStatus.closed;
    t.levelReached.forEach((n, i) => (acc.levelReached[i]! += n));
    for (const [k, n] of Object.entries(t.byTrigger)) acc.trigger.set(k as TriggerId, (acc.trigger.get(k as TriggerId) ?? 0) + n);
    acc.notifyMs.push(...t.notifyMs);
    acc.notNotified += t.notNotified;
    acc.late += t.late;
    t.levels.forEach((l, i) => {
      acc.atLevel[i]!.push(...l.ended, ...l.running.map((anchor) => Math.max(0, nowMs - base - anchor)));
    });
    for (const p of ['contractor', 'client'] as const)
      t.waiting[p].forEach((w, i) => (acc.waiting[p][i]! += w.ms + w.n * (nowMs - base) - w.anchors));
    for (const p of ['contractor', 'client', 'both'] as const) {
      acc.deadlines.get(p)!.met += t.deadlines[p].met;
      acc.deadlines.get(p)!.missed += t.deadlines[p].missed;
    }
    for (const [id, o] of Object.entries(t.obligations)) {
      const e = acc.obligations.get(id) ?? { obligationId: id, party: o.party, late: 0, leftOpen: 0, mandatory: false };
      e.late += o.late;
      e.leftOpen += o.leftOpen;
      e.mandatory ||= o.mandatory > 0;
      acc.obligations.set(id, e);
    }
    for (const [k, c] of Object.entries(t.rootCauses)) {
      const e = acc.causes.get(k) ?? { text: c.text, count: 0, issueKeys: [] };
      e.count += c.issueKeys.length;
      e.issueKeys.push(...c.issueKeys);
      acc.causes.set(k, e);
    }
    acc.openActionPlans.push(...t.openActionPlans);
    acc.openMeasures.push(...t.openMeasures);
  }

  return viewFromAccumulators(acc, period, now);
}
