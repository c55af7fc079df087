import type { EscalationPolicy } from '../configuration/escalation-policy';
import { resolveTimeFrame } from '../configuration/escalation-policy';
import { addBusinessDuration } from '../deadlines/add-business-duration';
import type { DeadlineRule, Obligation, Party, ProcessTemplate, TimeFrameKey } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import { activeSections } from './stage-guards';

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

function anchorOf(rule: DeadlineRule, obligation: Obligation, state: EscalationState, template: ProcessTemplate): string | undefined {
  switch (rule.from) {
    case 'problemDetected':
      return state.detectedAt;
    case 'escalationStarted':
      return state.startedAt;
    case 'levelEntered':
      return state.levelEnteredAt;
    case 'lastStatusUpdate':
      return state.lastStatusUpdateAt ?? state.startedAt;
    case 'requestReceived': {
      // A "zeitnah" answer is due once the paired item of the other party has been delivered.
      const counterpart = template.obligations.find(
        (o) => o.section === obligation.section && o.pairIndex === obligation.pairIndex && o.party !== obligation.party,
      );
      return counterpart ? state.fulfilments[counterpart.id]?.at : undefined;
    }
    case 'lastProcessReview':
      return undefined; // the yearly review is the process's, not an issue's
  }
}

/** Whether the deadline of an obligation is met by what the log recorded. */
function isMet(obligation: Obligation, rule: DeadlineRule, state: EscalationState): boolean {
  if (rule.recurring) return false; // recurring deadlines restart from their anchor instead
  if (rule.timeFrame === 'criticalNotification' && state.clientNotifiedAt) return true;
  return state.fulfilments[obligation.id] !== undefined;
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
  const push = (key: string, timeFrame: TimeFrameKey, party: Party | 'both', from: string, obligationId?: string) => {
    const frame = resolveTimeFrame(template, policy, timeFrame, state.level);
    if (!frame) return;
    const startedAt = new Date(from);
    const dueAt = addBusinessDuration(policy.calendar, startedAt, frame.duration, frame.calendar);
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

  const sections = activeSections(template, state);
  for (const obligation of template.obligations) {
    const rule = obligation.deadline;
    // Status updates are owed "bis das Problem vollständig gelöst ist": at every level, not only the first.
    const runsThroughout = rule?.from === 'lastStatusUpdate';
    if (!rule || obligation.retired || (!sections.includes(obligation.section) && !runsThroughout) || isMet(obligation, rule, state))
      continue;
    if (rule.timeFrame === 'levelTimeFrame') continue; // the level's own time frame is already running
    const anchor = anchorOf(rule, obligation, state, template);
    if (!anchor) continue;
    push(`${obligation.id}@${anchor}`, rule.timeFrame, obligation.party, anchor, obligation.id);
  }
  return deadlines.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
