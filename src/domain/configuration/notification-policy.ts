import { z } from 'zod';

/**
 * How the app reminds and when it may speak: a reminder repeats a missed deadline's notice only while the
 * duty is still open, first after `reminderAfterMinutes`, each further one after the last gap times
 * `reminderBackoff`, at most `maxReminders` times; with `workingHoursOnly`, warnings, missed notices and
 * reminders wait for the project calendar's working time (a missed deadline of a clock that runs around
 * the clock is told at once); and such news reaches a person at most once every `digestEveryMinutes` per
 * escalation, gathered into one digest (what happened — a critical problem, a move up — goes at once).
 */
export const notificationPolicySchema = z.object({
  reminderAfterMinutes: z.number().int().min(30).max(10_080),
  reminderBackoff: z.number().min(1).max(4),
  maxReminders: z.number().int().min(0).max(10),
  workingHoursOnly: z.boolean(),
  digestEveryMinutes: z.number().int().min(5).max(1_440),
});
export type NotificationPolicy = z.infer<typeof notificationPolicySchema>;

export const DEFAULT_NOTIFICATION_POLICY: NotificationPolicy = {
  reminderAfterMinutes: 240,
  reminderBackoff: 2,
  maxReminders: 3,
  workingHoursOnly: true,
  digestEveryMinutes: 240,
};

/**
 * When reminder `n` (1-based) of a notice first told at `toldAt` is due: the gaps grow by the back-off.
 *
 * @example
 * // 240 minutes, back-off 2: reminders 4 h, 12 h and 28 h after the notice
 * reminderDueAt(DEFAULT_NOTIFICATION_POLICY, new Date('2026-03-02T08:00:00Z'), 2) // 2026-03-02T20:00:00Z
 */
export function reminderDueAt(policy: NotificationPolicy, toldAt: Date, n: number): Date {
  let offset = 0;
  let gap = policy.reminderAfterMinutes;
  for (let i = 1; i <= n; i++) {
    offset += gap;
    gap *= policy.reminderBackoff;
  }
  return new Date(toldAt.getTime() + offset * 60_000);
}
