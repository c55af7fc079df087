import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { Origin } from '../domain/escalation/escalation-event';
import type { ProcessTemplate } from '../domain/process/process-template';
import { pendingNotifications } from '../domain/sweep/notification-plan';
import { notificationTexts } from '../shared/notification-texts';
import { appendOnce, type LoadedLog } from './append-once';
import {
  deliverNotification,
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
  let complete = true;
  const now = deps.now();
  const plans = pendingNotifications({ log: loaded.log, template, configuration, now, texts: notificationTexts });
  if (plans.length > 0) await input.beforeSending?.();
  for (const plan of plans) {
    const outcome = await deliverNotification(deps, issue, plan);
    notifications[outcome] = (notifications[outcome] ?? 0) + 1;
    if (outcome !== 'sent' && outcome !== 'already-sent') {
      complete = false;
      continue;
    }
    const recipients = [...plan.recipients.accountIds.map((id) => `user:${id}`), ...plan.recipients.groups.map((g) => `group:${g}`)];
    loaded = (
      await appendOnce(deps, issue.id, loaded, () => ({
        type: 'notification-sent',
        at: now.toISOString(),
        actor: NOTIFYING_ACTOR,
        origin: { source, ref: plan.ref },
        purpose: plan.purpose,
        recipients: recipients.slice(0, 100),
        channels: ['jira-notify', 'comment'],
      }))
    ).loaded;
  }
  return { loaded, notifications, complete };
}
