import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { DeadlineRule, Obligation, Party, ProcessTemplate, TimeFrameKey } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import { fairTime, levelClock, type Pause } from './fair-time';
import { fulfilmentOf, isWorkable } from './obligation-fulfilment';
import { deadlineAnchor } from './deadline-anchor';
import { resolveTimeFrame } from '../configuration/escalation-policy';
import { addBusinessDuration } from '../deadlines/add-business-duration';

/** `paused`: its party waits on an overdue duty of the other party (fair time, see fair-time.ts). */
export type DeadlineState = 'ok' | 'warning' | 'overdue' | 'paused';

/** A running deadline of an open escalation. */
export interface Deadline {
  /** Stable per deadline instance: the same key and dueAt mean the same deadline (the sweep acts once on it). */
  readonly key: string;
  readonly timeFrame: TimeFrameKey;
  readonly obligationId?: string;
  /** Who must act before it runs out; `both` for the level's time frame. */
  readonly party: Party | 'both';
  readonly startedAt: string;
  readonly warnAt: string;
  readonly dueAt: string;
  readonly state: DeadlineState;
  /** While paused: what is left, frozen until the clock runs on. */
  readonly remainingMs: number;
  /** Due as agreed, before fair-time pauses; present when the clock was paused (`dueAt` moved by the paused time). */
  readonly agreedDueAt?: string;
  /** While paused: since when, and whose overdue duty its party is waiting for. */
  readonly pausedSince?: string;
  readonly waitingFor?: Party;
}

/** Whether the deadline of an obligation is met by what the log recorded. */
function isMet(obligation: Obligation, rule: DeadlineRule, state: EscalationState, template: ProcessTemplate): boolean {
  if (rule.recurring) return false; // recurring deadlines restart from their anchor instead
  return fulfilmentOf(template, state, obligation) !== undefined;
}

function classify(startedAt: Date, dueAt: Date, now: Date, warnFraction: number): { warnAt: Date; state: DeadlineState } {
  const warnAt = new Date(dueAt.getTime() - (dueAt.getTime() - startedAt.getTime()) * warnFraction);
  const state: DeadlineState = now >= dueAt ? 'overdue' : now >= warnAt ? 'warning' : 'ok';
  return { warnAt, state };
}

/**
 * The deadlines running now for an open escalation: the level's agreed time frame and every obligation
 * of the active sections whose text names a time and that is not yet met. Derived from the recorded
 * events on every call, so there is no counter to drift. A clock whose party waits on an overdue duty of
 * the other party is `paused`, and its due time moves by the time paused (see fair-time.ts).
 */
export function escalationDeadlines(input: {
  state: EscalationState;
  template: ProcessTemplate;
  policy: EscalationPolicy;
  now: Date;
}): Deadline[] {
  const { state, template, policy, now } = input;
  if (state.status !== 'open') return [];
  const until = now.toISOString();
  const fair = fairTime({ state, template, policy, until });
  const deadlines: Deadline[] = [];
  const push = (
    clock: { key: string; timeFrame: TimeFrameKey; party: Party | 'both'; obligationId?: string },
    times: { startedAt: string; agreedDueAt: string; dueAt: string; pauses: readonly Pause[] },
  ) => {
    const startedAt = new Date(times.startedAt);
    const dueAt = new Date(times.dueAt);
    const paused = times.pauses.find((p) => p.open);
    const { warnAt, state: running } = classify(startedAt, dueAt, now, policy.warnFraction);
    const { obligationId, ...rest } = clock;
    deadlines.push({
      ...rest,
      startedAt: times.startedAt,
      warnAt: warnAt.toISOString(),
      dueAt: times.dueAt,
      state: paused ? 'paused' : running,
      remainingMs: dueAt.getTime() - now.getTime(),
      ...(obligationId ? { obligationId } : {}),
      ...(times.pauses.length > 0 ? { agreedDueAt: times.agreedDueAt } : {}),
      ...(paused ? { pausedSince: paused.from, waitingFor: paused.waitingFor } : {}),
    });
  };

  const stay = { level: state.level, enteredAt: state.levelEnteredAt };
  const level = levelClock({ state, template, policy, stay, waits: fair.answerWaits, until });
  if (level) push({ key: `level-${state.level}@${state.levelEnteredAt}`, timeFrame: 'levelTimeFrame', party: 'both' }, level);

  for (const obligation of template.obligations) {
    const rule = obligation.deadline;
    if (!rule || (rule.onlyIfCritical && !state.critical) || rule.timeFrame === 'levelTimeFrame') continue;
    if (isMet(obligation, rule, state, template)) continue;
    const duty = fair.duties.find((d) => d.obligation.id === obligation.id);
    if (duty) {
      push(
        { key: `${obligation.id}@${duty.startedAt}`, timeFrame: rule.timeFrame, party: obligation.party, obligationId: obligation.id },
        duty,
      );
      continue;
    }
    // Recurring clocks (status updates) restart from their anchor and never pause.
    if (!rule.recurring || !isWorkable(template, state, obligation)) continue;
    const anchor = deadlineAnchor(rule, obligation, state, template);
    const frame = anchor ? resolveTimeFrame(template, policy, rule.timeFrame, state.level) : undefined;
    if (!anchor || !frame) continue;
    const dueAt = addBusinessDuration(policy.calendar, new Date(anchor), frame.duration, rule.calendar ?? frame.calendar).toISOString();
    push(
      { key: `${obligation.id}@${anchor}`, timeFrame: rule.timeFrame, party: obligation.party, obligationId: obligation.id },
      { startedAt: anchor, agreedDueAt: dueAt, dueAt, pauses: [] },
    );
  }
  return deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
