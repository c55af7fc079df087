import { z } from 'zod';
import { businessCalendarSchema, DEFAULT_BUSINESS_CALENDAR } from '../deadlines/business-calendar';
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
 * The project's agreed time frames and calendar: what "within the agreed time frame" means for this
 * contract. Anything not set falls back to the template's defaults.
 */
export const escalationPolicySchema = z.object({
  calendar: businessCalendarSchema,
  timeFrames: z.partialRecord(timeFrameKeySchema, durationSchema),
  /** Per-level overrides of the `levelTimeFrame` (level 4 has none: arbitration runs its own course). */
  levelTimeFrames: z.object({ 1: durationSchema.optional(), 2: durationSchema.optional(), 3: durationSchema.optional() }),
  /** Warn when this share of a deadline's span is left (0.25 = the last quarter). */
  warnFraction: z.number().min(0).max(1),
  /** When a level's time frame runs out: move up automatically, or only notify. */
  onLevelTimeFrameExpired: z.enum(['escalate', 'notify']),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = {
  calendar: DEFAULT_BUSINESS_CALENDAR,
  timeFrames: {},
  levelTimeFrames: {},
  warnFraction: 0.25,
  onLevelTimeFrameExpired: 'escalate',
};

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
