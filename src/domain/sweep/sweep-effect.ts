import type { Actor, NewEscalationEvent } from '../escalation/escalation-event';

/**
 * What the scheduled sweep does to an escalation, as data. Each effect is one event with a stable `ref`
 * (its `origin.ref`): the same deadline always yields the same ref, so however often and however
 * concurrently sweeps run, the log records it once.
 */
export type SweepEffectKind =
  'deadline-warning' | 'deadline-missed' | 'escalated' | 'level-time-frame-expired' | 'arbitration-proposed' | 'critical-detected';

export interface SweepEffect {
  readonly ref: string;
  readonly kind: SweepEffectKind;
  /** When it became due (warning time, due time, detection). */
  readonly dueSince: string;
  readonly event: NewEscalationEvent;
}

/** The app acting on its own: scheduled sweep, queue consumer, product-event trigger. */
export const SWEEP_ACTOR: Actor = { accountId: 'app', party: 'system' };

export const deadlineRef = (deadlineKey: string, action: 'warning' | 'missed' | 'escalate'): string => `deadline:${deadlineKey}:${action}`;
export const CRITICAL_DETECTED_REF = 'critical-priority:detected';
/** The ref of an effect a person recorded (no outside ref): the event's sequence number in the log. */
export const eventRef = (seq: number): string => `event:${seq}`;
/** The ref of the `notification-sent` event that records the notification about an effect. */
export const notificationRef = (effectRef: string): string => `notified:${effectRef}`;
