import type { EscalationPolicy } from '../configuration/escalation-policy';
import { resolveTimeFrame } from '../configuration/escalation-policy';
import { addBusinessDuration } from '../deadlines/add-business-duration';
import type { DeadlineRule, Obligation, Party, ProcessTemplate, TimeFrameKey } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import { fulfilmentOf, isWorkable, opensAtLevel } from './obligation-fulfilment';

export type DeadlineState = 'ok' | 'warning' | 'overdue';

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
  readonly remainingMs: number;
}

/** When the obligation's level was first entered (its level-anchored clock starts there, also after a de-escalation). */
function levelEnteredAt(obligation: Obligation, state: EscalationState, template: ProcessTemplate): string {
  const level = opensAtLevel(template, obligation);
  return (level && state.levelHistory.find((stay) => stay.level === level)?.enteredAt) ?? state.levelEnteredAt;
}

function anchorOf(rule: DeadlineRule, obligation: Obligation, state: EscalationState, template: ProcessTemplate): string | undefined {
  switch (rule.from) {
    case 'problemDetected':
      return state.detectedAt;
    case 'escalationStarted':
      return state.startedAt;
    case 'levelEntered':
      return levelEnteredAt(obligation, state, template);
    case 'lastStatusUpdate':
      return state.lastStatusUpdateAt ?? state.startedAt;
    case 'requestReceived': {
      // A "zeitnah" / "sobald" answer is due once the paired item of the other party has been delivered.
      const counterpart = template.obligations.find(
        (o) => o.section === obligation.section && o.pairIndex === obligation.pairIndex && o.party !== obligation.party,
      );
      return counterpart ? fulfilmentOf(template, state, counterpart)?.at : undefined;
    }
    case 'lastProcessReview':
      return undefined; // the yearly review is the process's, not an issue's
  }
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
 * events on every call, so there is no counter to drift.
 */
export function escalationDeadlines(input: {
  state: EscalationState;
  template: ProcessTemplate;
  policy: EscalationPolicy;
  now: Date;
}): Deadline[] {
  const { state, template, policy, now } = input;
  if (state.status !== 'open') return [];
  const deadlines: Deadline[] = [];
  const push = (
    key: string,
    timeFrame: TimeFrameKey,
    party: Party | 'both',
    from: string,
    obligation?: { id: string; calendar?: 'business' | 'continuous' },
  ) => {
    const frame = resolveTimeFrame(template, policy, timeFrame, state.level);
    if (!frame) return;
    const startedAt = new Date(from);
    const dueAt = addBusinessDuration(policy.calendar, startedAt, frame.duration, obligation?.calendar ?? frame.calendar);
    const obligationId = obligation?.id;
    const { warnAt, state: deadlineState } = classify(startedAt, dueAt, now, policy.warnFraction);
    deadlines.push({
      key,
      timeFrame,
      party,
      startedAt: startedAt.toISOString(),
      warnAt: warnAt.toISOString(),
      dueAt: dueAt.toISOString(),
      state: deadlineState,
      remainingMs: dueAt.getTime() - now.getTime(),
      ...(obligationId ? { obligationId } : {}),
    });
  };

  if (state.level < 4) push(`level-${state.level}@${state.levelEnteredAt}`, 'levelTimeFrame', 'both', state.levelEnteredAt);

  for (const obligation of template.obligations) {
    const rule = obligation.deadline;
    // Only where the annex names the time: "kritisches Problem" / "höchste Priorität" clocks need a critical one.
    if (!rule || !isWorkable(template, state, obligation) || (rule.onlyIfCritical && !state.critical)) continue;
    if (isMet(obligation, rule, state, template)) continue;
    if (rule.timeFrame === 'levelTimeFrame') continue; // the level's own time frame is already running
    const anchor = anchorOf(rule, obligation, state, template);
    if (!anchor) continue;
    push(`${obligation.id}@${anchor}`, rule.timeFrame, obligation.party, anchor, {
      id: obligation.id,
      ...(rule.calendar ? { calendar: rule.calendar } : {}),
    });
  }
  return deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
