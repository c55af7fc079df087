import type { EscalationPolicy } from '../configuration/escalation-policy';
import { resolveTimeFrame } from '../configuration/escalation-policy';
import { addBusinessDuration, type TimeFrameCalendar } from '../deadlines/add-business-duration';
import { businessTimeBetween } from '../deadlines/business-time-between';
import type { Obligation, Party, ProcessTemplate, TimeFrameKey } from '../process/process-template';
import { deadlineAnchor, pairedItemOf } from './deadline-anchor';
import type { EscalationState } from './escalation-state';
import { fulfilmentOf, isWorkable } from './obligation-fulfilment';

/**
 * Fair time: while a party waits on an overdue duty of the other party, the waiting party's *dependent*
 * clocks pause, and run on once that duty is done; their due time moves by the paused span.
 *
 * Dependent clocks, by definition:
 * - the level's own time frame (both parties' clock) pauses while one party waits for the other's overdue
 *   *answer*: a duty whose clock the waiting party started by delivering its item (`requestReceived`, e.g. the
 *   client's "zeitnah" decision on a submitted plan, the confirmation of proposed meeting dates), while the
 *   waiting party itself is in default of nothing. A party that simply does nothing does not stop the level
 *   clock: there the remedy is the next level (and the other party may escalate at once).
 * - a duty pauses while the other party's paired item (same section and pair, e.g. L1-C-04 / L1-K-04) is
 *   overdue and the duty itself has not yet run out. Duties that answer the paired item ("zeitnah" from
 *   `requestReceived`) need no pause: their clock only starts once the item is delivered.
 *
 * Who waited for whom (the report's and the analytics' figures): one party is in default and the other is not.
 * "In default" means: a one-off duty of the party (with a deadline the annex names) whose due time passed
 * while it was still open. Recurring clocks (status updates) neither pause nor make anyone wait. Whether a
 * paired item is overdue is judged on its own due time as agreed; within a pair the earlier clock to run out
 * is the one that pauses the other, so this is exact. Each time frame can be exempted in the policy
 * (`pauseWhileWaiting`); all pause by default.
 */

export interface Pause {
  readonly from: string;
  /** Until the waited-for duty was done, or the end of the look (`until`) while it is still open. */
  readonly to: string;
  /** The party in default whose duty is awaited. */
  readonly waitingFor: Party;
  /** Still paused at the end of the look. */
  readonly open: boolean;
}

/** A span in which one party waits for the other (the other is in default, it is not). */
export interface Wait {
  readonly waitingFor: Party;
  readonly from: string;
  /** The end of the wait, or the end of the look (`until`) while it goes on (then `open`). */
  readonly to: string;
  readonly open?: boolean;
}

/** A one-off duty's clock, with its pauses. */
export interface DutyClock {
  readonly obligation: Obligation;
  readonly timeFrame: TimeFrameKey;
  readonly startedAt: string;
  /** Due as agreed, before any pause. */
  readonly agreedDueAt: string;
  readonly dueAt: string;
  readonly fulfilledAt?: string;
  readonly pauses: readonly Pause[];
}

const ms = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();
const other = (party: Party): Party => (party === 'contractor' ? 'client' : 'contractor');

/** Whether clocks of this time frame pause while their party waits (policy, default on). */
export function pausesWhileWaiting(policy: EscalationPolicy, timeFrame: TimeFrameKey): boolean {
  return policy.pauseWhileWaiting?.[timeFrame] ?? true;
}

/**
 * Runs a clock from `startedAt` to `agreedDueAt` through the spans in which it is blocked, up to `until`:
 * every blocked span that begins before the clock ran out pauses it, and the due time moves by the paused
 * time (working time for a business clock, so a night in between is not counted twice).
 *
 * @example
 * // a 24/7 clock due at 12:00, blocked 10:00–11:00 → due 13:00
 * pauseClock({ startedAt: '…T08:00Z', agreedDueAt: '…T12:00Z', blockers: [{ waitingFor: 'client', from: '…T10:00Z', to: '…T11:00Z' }], until: '…T14:00Z', … })
 */
export function pauseClock(input: {
  readonly startedAt: string;
  readonly agreedDueAt: string;
  readonly blockers: readonly Wait[];
  /** The end of the look: now, or when the clock stopped (its duty was done, the level left). */
  readonly until: string;
  readonly policy: EscalationPolicy;
  readonly calendar: TimeFrameCalendar;
}): { dueAt: string; pauses: Pause[] } {
  const { startedAt, blockers, until, policy, calendar } = input;
  let due = ms(input.agreedDueAt);
  const pauses: Pause[] = [];
  const sorted = [...blockers].sort((a, b) => a.from.localeCompare(b.from));
  let pausedUntil = ms(startedAt);
  for (const span of sorted) {
    const from = Math.max(ms(span.from), pausedUntil);
    const to = Math.min(ms(span.to), ms(until));
    if (to <= from || from >= due) continue; // outside the look, or the clock had already run out
    pauses.push({ from: iso(from), to: iso(to), waitingFor: span.waitingFor, open: span.open === true && to === ms(until) });
    pausedUntil = to;
    if (calendar === 'business') {
      const minutes = Math.round(businessTimeBetween(policy.calendar, new Date(from), new Date(to)) / 60_000);
      due = addBusinessDuration(policy.calendar, new Date(due), { amount: minutes, unit: 'minutes' }, 'business').getTime();
    } else due += to - from;
  }
  return { dueAt: iso(due), pauses };
}

interface RawDuty {
  readonly obligation: Obligation;
  readonly timeFrame: TimeFrameKey;
  readonly calendar: TimeFrameCalendar;
  readonly startedAt: string;
  readonly agreedDueAt: string;
  readonly fulfilledAt?: string;
}

function rawDuties(state: EscalationState, template: ProcessTemplate, policy: EscalationPolicy): RawDuty[] {
  const duties: RawDuty[] = [];
  for (const obligation of template.obligations) {
    const rule = obligation.deadline;
    if (!rule || rule.recurring || rule.timeFrame === 'levelTimeFrame' || (rule.onlyIfCritical && !state.critical)) continue;
    if (!isWorkable(template, state, obligation)) continue;
    const startedAt = deadlineAnchor(rule, obligation, state, template);
    const frame = startedAt ? resolveTimeFrame(template, policy, rule.timeFrame, state.level) : undefined;
    if (!startedAt || !frame) continue;
    const calendar = rule.calendar ?? frame.calendar;
    const agreedDueAt = addBusinessDuration(policy.calendar, new Date(startedAt), frame.duration, calendar).toISOString();
    const fulfilledAt = fulfilmentOf(template, state, obligation)?.at;
    duties.push({ obligation, timeFrame: rule.timeFrame, calendar, startedAt, agreedDueAt, ...(fulfilledAt ? { fulfilledAt } : {}) });
  }
  return duties;
}

/** Spans covered by `a` but not by `b` (each a list of disjoint-or-overlapping spans). */
function subtract(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [from, to] of merge(a)) {
    let cursor = from;
    for (const [bf, bt] of merge(b)) {
      if (bt <= cursor || bf >= to) continue;
      if (bf > cursor) out.push([cursor, bf]);
      cursor = Math.max(cursor, bt);
    }
    if (cursor < to) out.push([cursor, to]);
  }
  return out;
}

function merge(spans: readonly [number, number][]): [number, number][] {
  const sorted = spans.filter(([f, t]) => t > f).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [f, t] of sorted) {
    const last = out[out.length - 1];
    if (last && f <= last[1]) last[1] = Math.max(last[1], t);
    else out.push([f, t]);
  }
  return out;
}

/**
 * Every one-off duty clock with its pauses, and the spans in which one party waited for the other, up to
 * `until` (now while the escalation is open, else when it was resolved or closed).
 */
export function fairTime(input: {
  readonly state: EscalationState;
  readonly template: ProcessTemplate;
  readonly policy: EscalationPolicy;
  readonly until: string;
}): { duties: DutyClock[]; waits: Wait[]; answerWaits: Wait[] } {
  const { state, template, policy, until } = input;
  const raw = rawDuties(state, template, policy);
  // A duty done at the very end of the look is done: only a duty still open keeps a wait open.
  const overdueSpan = (d: RawDuty, dueAt: string): Wait | undefined => {
    const done = d.fulfilledAt !== undefined && d.fulfilledAt <= until;
    const to = done ? d.fulfilledAt : until;
    return dueAt < to ? { waitingFor: d.obligation.party, from: dueAt, to, open: !done } : undefined;
  };
  const duties: DutyClock[] = raw.map((d) => {
    const paired = pairedItemOf(template, d.obligation);
    const pairDuty = paired && raw.find((r) => r.obligation.id === paired.id);
    const blocker = pairDuty && pausesWhileWaiting(policy, d.timeFrame) ? overdueSpan(pairDuty, pairDuty.agreedDueAt) : undefined;
    const stop = d.fulfilledAt && d.fulfilledAt < until ? d.fulfilledAt : until;
    const { dueAt, pauses } = blocker
      ? pauseClock({ startedAt: d.startedAt, agreedDueAt: d.agreedDueAt, blockers: [blocker], until: stop, policy, calendar: d.calendar })
      : { dueAt: d.agreedDueAt, pauses: [] };
    return {
      obligation: d.obligation,
      timeFrame: d.timeFrame,
      startedAt: d.startedAt,
      agreedDueAt: d.agreedDueAt,
      dueAt,
      pauses,
      ...(d.fulfilledAt ? { fulfilledAt: d.fulfilledAt } : {}),
    };
  });
  const inDefault = (party: Party, answersOnly = false): [number, number][] =>
    duties.flatMap((d) => {
      if (d.obligation.party !== party || (answersOnly && d.obligation.deadline?.from !== 'requestReceived')) return [];
      const span = overdueSpan({ ...d, calendar: 'continuous' }, d.dueAt);
      // An open span reaches past the look, so that a wait still running is told from one that just ended.
      return span ? [[ms(span.from), span.open ? Infinity : ms(span.to)] as [number, number]] : [];
    });
  const end = ms(until);
  const waitsFor = (answersOnly: boolean): Wait[] =>
    (['contractor', 'client'] as const)
      .flatMap((party) =>
        subtract(inDefault(party, answersOnly), inDefault(other(party)))
          .filter(([from]) => from < end)
          .map(([from, to]) => ({ waitingFor: party, from: iso(from), to: iso(Math.min(to, end)), open: to > end })),
      )
      .sort((a, b) => a.from.localeCompare(b.from));
  return { duties, waits: waitsFor(false), answerWaits: waitsFor(true) };
}

/**
 * The level time frame of one stay at a level, with its pauses while a party waited for the other's answer
 * (pass {@link fairTime}'s `answerWaits`).
 * Undefined at level 4 (arbitration runs its own course) or where no frame is agreed.
 */
export function levelClock(input: {
  readonly state: EscalationState;
  readonly template: ProcessTemplate;
  readonly policy: EscalationPolicy;
  readonly stay: { readonly level: EscalationState['level']; readonly enteredAt: string; readonly leftAt?: string };
  readonly waits: readonly Wait[];
  readonly until: string;
}): { startedAt: string; agreedDueAt: string; dueAt: string; pauses: Pause[] } | undefined {
  const { template, policy, stay, waits } = input;
  if (stay.level >= 4) return undefined;
  const frame = resolveTimeFrame(template, policy, 'levelTimeFrame', stay.level);
  if (!frame) return undefined;
  const agreedDueAt = addBusinessDuration(policy.calendar, new Date(stay.enteredAt), frame.duration, frame.calendar).toISOString();
  const until = stay.leftAt && stay.leftAt < input.until ? stay.leftAt : input.until;
  const blockers = pausesWhileWaiting(policy, 'levelTimeFrame') ? waits : [];
  const { dueAt, pauses } = pauseClock({ startedAt: stay.enteredAt, agreedDueAt, blockers, until, policy, calendar: frame.calendar });
  return { startedAt: stay.enteredAt, agreedDueAt, dueAt, pauses };
}

/** Milliseconds of each wait direction inside `[from, to)`: the "waiting for contractor / client" figures. */
export function waitingTimeWithin(waits: readonly Wait[], from: string, to: string): Record<Party, number> {
  const totals: Record<Party, number> = { contractor: 0, client: 0 };
  for (const w of waits) totals[w.waitingFor] += Math.max(0, Math.min(ms(w.to), ms(to)) - Math.max(ms(w.from), ms(from)));
  return totals;
}
