import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { Origin } from '../domain/escalation/escalation-event';
import type { ProcessTemplate } from '../domain/process/process-template';
import { deliverableAt, lastToldAt, notificationSchedule } from '../domain/sweep/notification-plan';
import { recipientIdsOf } from '../domain/sweep/notification-digest';
import { notificationTexts } from '../shared/notification-texts';
import { appendOnce, type LoadedLog } from './append-once';
import {
  deliverNotifications,
  NOTIFYING_ACTOR,
  type DeliveryOutcome,
  type NotificationDeps,
  type NotifiedIssue,
} from './deliver-escalation-notification';
import type { EscalationEventStore } from './ports/escalation-event-store';

export interface OwedNotifications {
  /** The log after the `notification-sent` events this run recorded. */
  readonly loaded: LoadedLog;
  readonly notifications: Partial<Record<DeliveryOutcome, number>>;
  /** False when a notification is left for a later run (it failed, or another run holds its claim). */
  readonly complete: boolean;
  /**
   * When a run must come back for what is owed but may not go yet: a warning waiting for working time, the
   * next reminder of a missed duty still open.
   */
  readonly nextAttemptAt?: string;
}

/**
 * Sends each notification the log still owes (see `pendingNotifications`) exactly once and records its
 * `notification-sent`. One path for all: the sweep after its effects, and a person's command (panel or
 * workflow) right after recording a move up a level. Whoever comes first sends; the claims keep a second
 * run — concurrent, retried or the next sweep — from sending again.
 *
 * @param source where the run comes from, recorded as the `notification-sent` event's origin.
 */
export async function sendOwedNotifications(
  deps: NotificationDeps & { readonly events: EscalationEventStore },
  issue: NotifiedIssue,
  input: {
    loaded: LoadedLog;
    template: ProcessTemplate;
    configuration: ProjectConfiguration;
    source: Origin['source'];
    /** Called once before the first send, e.g. to leave the issue due should this run die mid-way. */
    beforeSending?: () => Promise<void>;
  },
): Promise<OwedNotifications> {
  const { template, configuration, source } = input;
  const notifications: Partial<Record<DeliveryOutcome, number>> = {};
  let loaded = input.loaded;
  const now = deps.now();
  const schedule = notificationSchedule({ log: loaded.log, template, configuration, now, texts: notificationTexts });
  // Quiet hours: what waits for working time is left owed, and the run comes back when it begins.
  // and news that waits goes out together, at most once per digest interval and person.
  const told = lastToldAt(loaded.log);
  const when = new Map(schedule.owed.map((plan) => [plan.ref, deliverableAt(plan, configuration.policy, now, told)]));
  const later = [...when.values()].filter((at) => at > now);
  const ready = schedule.owed.filter((plan) => when.get(plan.ref)! <= now);
  const comeBack = [...later.map((at) => at.toISOString()), ...(schedule.nextReminderAt ? [schedule.nextReminderAt] : [])].sort()[0];
  if (ready.length > 0) await input.beforeSending?.();
  const outcomes = await deliverNotifications(deps, issue, ready);
  let complete = true;
  for (const plan of ready) {
    const outcome = outcomes.get(plan.ref) ?? 'failed';
    notifications[outcome] = (notifications[outcome] ?? 0) + 1;
    if (outcome !== 'sent' && outcome !== 'already-sent') {
      complete = false;
      continue;
    }
    loaded = (
      await appendOnce(deps, issue.id, loaded, () => ({
        type: 'notification-sent',
        at: now.toISOString(),
        actor: NOTIFYING_ACTOR,
        origin: { source, ref: plan.ref },
        purpose: plan.purpose,
        recipients: recipientIdsOf(plan.recipients).slice(0, 100),
        channels: ['jira-notify'],
      }))
    ).loaded;
  }
  return { loaded, notifications, complete, ...(comeBack ? { nextAttemptAt: comeBack } : {}) };
}
