import { z } from 'zod';
import { businessCalendarSchema, DEFAULT_BUSINESS_CALENDAR } from '../deadlines/business-calendar';
import { DEFAULT_NOTIFICATION_POLICY, notificationPolicySchema, type NotificationPolicy } from './notification-policy';
import {
  durationSchema,
  timeFrameKeySchema,
  type Duration,
  type Level,
  type ProcessTemplate,
  type TimeFrame,
  type TimeFrameKey,
} from '../process/process-template';

/**
 * The longest time frame a project may agree, per unit: one year. An escalation step that runs longer is
 * no longer an escalation but a contract term; and the bound keeps every deadline computation small (the
 * sweep and the panel compute them on every look). Business-hour frames get the hours of a year around the
 * clock (8,760 h — on an 08:00–17:00 calendar that is about 3.7 years of working time, so no agreed frame is
 * cut short); working days get a year's worth (a five-day week has about 261; 366 allows a seven-day week).
 */
export const MAX_DURATION: Readonly<Record<Duration['unit'], number>> = {
  minutes: 525_600,
  hours: 8_760,
  workingDays: 366,
  calendarDays: 366,
  months: 12,
  years: 1,
};

/** A time frame of the policy: a positive whole amount of at most {@link MAX_DURATION} of its unit. */
export const policyDurationSchema = durationSchema.superRefine((duration, ctx) => {
  const max = MAX_DURATION[duration.unit];
  if (duration.amount > max)
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      message: `at most ${max} ${duration.unit} (one year): ${duration.amount} is too long`,
    });
});

/**
 * The project's agreed time frames and calendar: what "within the agreed time frame" means for this
 * contract. Anything not set falls back to the template's defaults.
 */
export const escalationPolicySchema = z.object({
  calendar: businessCalendarSchema,
  timeFrames: z.partialRecord(timeFrameKeySchema, policyDurationSchema),
  /** Per-level overrides of the `levelTimeFrame` (level 4 has none: arbitration runs its own course). */
  levelTimeFrames: z.object({ 1: policyDurationSchema.optional(), 2: policyDurationSchema.optional(), 3: policyDurationSchema.optional() }),
  /** Warn when this share of a deadline's span is left (0.25 = the last quarter). */
  warnFraction: z.number().min(0).max(1),
  /** When a level's time frame runs out: move up automatically, or only notify. */
  onLevelTimeFrameExpired: z.enum(['escalate', 'notify']),
  /**
   * Fair time, per time frame: whether a party's dependent clocks of this frame pause while it waits on an
   * overdue duty of the other party (see fair-time.ts). Absent means on.
   */
  pauseWhileWaiting: z.partialRecord(timeFrameKeySchema, z.boolean()).optional(),
  /** Reminders and quiet hours (absent in configurations saved before they existed: the defaults). */
  notifications: notificationPolicySchema.optional(),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  calendar: DEFAULT_BUSINESS_CALENDAR,
  timeFrames: {},
  levelTimeFrames: {},
  warnFraction: 0.25,
  onLevelTimeFrameExpired: 'escalate',
};

/** The policy's reminders and quiet hours, the defaults where none were saved. */
export const notificationPolicyOf = (policy: EscalationPolicy): NotificationPolicy => policy.notifications ?? DEFAULT_NOTIFICATION_POLICY;

/** The duration and counting of a named time frame under this policy. */
export function resolveTimeFrame(
  template: ProcessTemplate,
  policy: EscalationPolicy,
  key: TimeFrameKey,
  level?: Level,
): { duration: Duration; calendar: TimeFrame['calendar'] } | undefined {
  const definition = template.timeFrames.find((t) => t.key === key);
  const levelOverride = key === 'levelTimeFrame' && level && level < 4 ? policy.levelTimeFrames[level as 1 | 2 | 3] : undefined;
  const duration = levelOverride ?? policy.timeFrames[key] ?? definition?.default;
  if (!duration) return undefined;
  return { duration, calendar: definition?.calendar ?? 'business' };
}
