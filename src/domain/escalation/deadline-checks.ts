import type { Deadline } from './escalation-deadlines';
import type { EscalationState } from './escalation-state';

export type DeadlineNotice = 'warning' | 'missed';

/** The key under which replay records a notice (see `deadlineNotices` in the state). */
export const noticeKey = (deadlineKey: string, notice: DeadlineNotice): string => `${deadlineKey}|${notice}`;

/**
 * The notice a running deadline calls for at `now` that the log has not recorded yet: `missed` once it
 * ran out, `warning` once its warning time passed (a warning no longer matters once it is missed).
 *
 * @example
 * dueNotice(state, { key: 'L1-C-02@…', warnAt: '…T09:30', dueAt: '…T10:00', … }, new Date('…T09:45')) // 'warning'
 */
export function dueNotice(state: EscalationState, deadline: Deadline, now: Date): DeadlineNotice | undefined {
  if (deadline.state === 'paused') return undefined; // its party is waiting: no warning, no miss
  const notices = state.deadlineNotices ?? {};
  const nowIso = now.toISOString();
  if (deadline.dueAt <= nowIso) return notices[noticeKey(deadline.key, 'missed')] ? undefined : 'missed';
  if (deadline.warnAt <= nowIso) return notices[noticeKey(deadline.key, 'warning')] ? undefined : 'warning';
  return undefined;
}

/**
 * When the sweep must next look at the escalation: the soonest warning or due time that has not been
 * acted on (paused clocks excepted). An instant already passed but not yet recorded stays the next check (it may lie in the past),
 * so a write of the projection in between (a user acting in the panel) can never skip a due notice.
 */
export function nextCheckAt(state: EscalationState, deadlines: readonly Deadline[], now: Date): string | undefined {
  const notices = state.deadlineNotices ?? {};
  const nowIso = now.toISOString();
  const instants: string[] = [];
  for (const d of deadlines) {
    // A paused clock's due time moves with the wait; the event that ends the wait brings the next look.
    if (d.state === 'paused') continue;
    if (notices[noticeKey(d.key, 'missed')]) continue;
    instants.push(d.dueAt);
    if (!notices[noticeKey(d.key, 'warning')] && d.dueAt > nowIso) instants.push(d.warnAt);
  }
  return instants.sort()[0];
}
