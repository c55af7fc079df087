import type { EscalationPolicy } from '../configuration/escalation-policy';
import { escalate } from '../escalation/escalation-commands';
import { dueNotice } from '../escalation/deadline-checks';
import { escalationDeadlines, type Deadline } from '../escalation/escalation-deadlines';
import type { NewEscalationEvent } from '../escalation/escalation-event';
import type { EscalationState } from '../escalation/escalation-state';
import type { ProcessTemplate } from '../process/process-template';
import { deadlineRef, SWEEP_ACTOR, type SweepEffect } from './sweep-effect';

const isLevelDeadline = (d: Deadline): boolean => d.timeFrame === 'levelTimeFrame' && !d.obligationId;

function notice(d: Deadline, kind: 'warning' | 'missed', now: Date, ref: string): NewEscalationEvent {
  return {
    type: 'deadline-notice',
    at: now.toISOString(),
    actor: SWEEP_ACTOR,
    origin: { source: 'sweep', ref },
    notice: kind,
    deadlineKey: d.key,
    timeFrame: d.timeFrame,
    party: d.party,
    dueAt: d.dueAt,
    ...(d.obligationId ? { obligationId: d.obligationId } : {}),
  };
}

/**
 * The effects due for one escalation at `now`, soonest first:
 * - a deadline's warning time passed → warning notice; its due time passed → missed notice (a warning
 *   that was never given is not given late once the deadline is missed);
 * - the level's time frame ran out → automatic escalation 1→2→3 when the policy says `escalate`, a notice
 *   when it says `notify`; at level 3 a notice proposing external arbitration (never forced: both parties
 *   must agree to level 4).
 * Nothing is due for a resolved or closed escalation, nor for a deadline that is met (a met deadline is no
 * longer running) or already acted on (the state records each notice).
 *
 * Apply the first effect and ask again: an escalation changes which deadlines run.
 */
export function dueEffects(input: {
  state: EscalationState;
  template: ProcessTemplate;
  policy: EscalationPolicy;
  now: Date;
}): SweepEffect[] {
  const { state, template, policy, now } = input;
  if (state.status !== 'open') return [];
  const effects: SweepEffect[] = [];
  for (const d of escalationDeadlines({ state, template, policy, now })) {
    const due = dueNotice(state, d, now);
    if (!due) continue;
    const dueSince = due === 'missed' ? d.dueAt : d.warnAt;
    if (due === 'warning') {
      const ref = deadlineRef(d.key, 'warning');
      effects.push({ ref, kind: 'deadline-warning', dueSince, event: notice(d, 'warning', now, ref) });
      continue;
    }
    if (!isLevelDeadline(d)) {
      const ref = deadlineRef(d.key, 'missed');
      effects.push({ ref, kind: 'deadline-missed', dueSince, event: notice(d, 'missed', now, ref) });
      continue;
    }
    if (state.level < 3 && policy.onLevelTimeFrameExpired === 'escalate') {
      const ref = deadlineRef(d.key, 'escalate');
      const decision = escalate(
        state,
        { note: 'Automatic: the agreed time frame of the level ran out.' },
        { now, actor: SWEEP_ACTOR, template, levelDueAt: new Date(d.dueAt) },
      );
      if (decision.ok) effects.push({ ref, kind: 'escalated', dueSince, event: { ...decision.value, origin: { source: 'sweep', ref } } });
      continue;
    }
    const ref = deadlineRef(d.key, 'missed');
    effects.push({
      ref,
      kind: state.level >= 3 ? 'arbitration-proposed' : 'level-time-frame-expired',
      dueSince,
      event: notice(d, 'missed', now, ref),
    });
  }
  // Soonest first; at the same instant notices before the escalation (they belong to the level being left).
  const rank = (e: SweepEffect) => (e.kind === 'escalated' ? 1 : 0);
  return effects.sort((a, b) => a.dueSince.localeCompare(b.dueSince) || rank(a) - rank(b));
}
