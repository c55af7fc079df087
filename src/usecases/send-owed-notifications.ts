import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { NewEscalationEvent, Origin } from '../domain/escalation/escalation-event';
import type { ProcessTemplate } from '../domain/process/process-template';
import { deliverableAt, lastToldAt, notificationSchedule, type NotificationPlan } from '../domain/sweep/notification-plan';
import { recipientIdsOf } from '../domain/sweep/notification-digest';
import { notificationTexts } from '../shared/notification-texts';
import { appendAll, type LoadedLog } from './append-once';
import {
  deliverHeld,
  profilesOf,
  NOTIFYING_ACTOR,
  type DeliveryOutcome,
  type NotificationDeps,
  type NotifiedIssue,
  type RecipientProfiles,
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

/** The notifications a log owes that may go now, the recipients' profiles, and when to come back for the rest. */
export interface ReadyNotifications {
  readonly ready: NotificationPlan[];
  readonly profiles: RecipientProfiles;
  readonly comeBack?: string;
}

/**
 * Decides what of the log's owed notifications may go now (quiet hours, digests) and reads the recipients'
 * profiles: a contact whose account is closed or deactivated is skipped (its party's groups stand in when it
 * was the party's only contact) instead of failing the notification; the project's admins hear of it once.
 */
export async function readyNotifications(
  deps: NotificationDeps,
  issue: NotifiedIssue,
  input: { loaded: LoadedLog; template: ProcessTemplate; configuration: ProjectConfiguration },
): Promise<ReadyNotifications> {
  const { template, configuration, loaded } = input;
  const now = deps.now();
  const told = lastToldAt(loaded.log);
  const plan = (unreachable?: ReadonlySet<string>) => {
    const schedule = notificationSchedule({ log: loaded.log, template, configuration, now, texts: notificationTexts, unreachable });
    // Quiet hours: what waits for working time is left owed, and the run comes back when it begins.
    // and news that waits goes out together, at most once per digest interval and person.
    const when = new Map(schedule.owed.map((p) => [p.ref, deliverableAt(p, configuration.policy, now, told)]));
    const later = [...when.values()].filter((at) => at > now);
    const comeBack = [...later.map((at) => at.toISOString()), ...(schedule.nextReminderAt ? [schedule.nextReminderAt] : [])].sort()[0];
    return { ready: schedule.owed.filter((p) => when.get(p.ref)! <= now), comeBack };
  };
  let { ready, comeBack } = plan();
  const people = [...new Set(ready.flatMap((p) => p.recipients.accountIds))];
  const profiles = people.length > 0 ? await profilesOf(deps, people) : {};
  const unreachable = new Set(people.filter((id) => profiles[id]?.active === false));
  if (unreachable.size > 0) {
    ({ ready, comeBack } = plan(unreachable));
    deps.logger.warn('contacts skipped: account closed or deactivated', { issueKey: issue.key, skipped: unreachable.size });
    for (const accountId of unreachable)
      await deps.contactNotices
        ?.skipped({ projectKey: issue.projectKey, accountId, issueKey: issue.key, at: now.toISOString() })
        .catch((error: unknown) => deps.logger.warn('skipped contact not reported', { issueKey: issue.key, error: String(error) }));
  }
  return { ready, profiles, ...(comeBack ? { comeBack } : {}) };
}

/** The `notification-sent` record of a plan delivered (or found delivered) by a run from `source`. */
export function notificationSentDraft(plan: NotificationPlan, source: Origin['source'], now: Date): NewEscalationEvent {
  return {
    type: 'notification-sent',
    at: now.toISOString(),
    actor: NOTIFYING_ACTOR,
    origin: { source, ref: plan.ref },
    purpose: plan.purpose,
    recipients: recipientIdsOf(plan.recipients).slice(0, 100),
    channels: ['jira-notify'],
  };
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
  const { source } = input;
  const notifications: Partial<Record<DeliveryOutcome, number>> = {};
  let loaded = input.loaded;
  const now = deps.now();
  const { ready, profiles, comeBack } = await readyNotifications(deps, issue, input);
  if (ready.length > 0) await input.beforeSending?.();
  const { outcomes, completions } = await deliverHeld(deps, issue, ready, profiles);
  let complete = true;
  const delivered: NotificationPlan[] = [];
  for (const owedPlan of ready) {
    const outcome = outcomes.get(owedPlan.ref) ?? 'failed';
    notifications[outcome] = (notifications[outcome] ?? 0) + 1;
    if (outcome !== 'sent' && outcome !== 'already-sent') complete = false;
    else delivered.push(owedPlan);
  }
  // The `notification-sent` records and the claims' completion in one append; should it fail, the claims are
  // still completed on their own (released, or certainly not sent again) and a later run records what was sent.
  try {
    loaded = (
      await appendAll(deps, issue.id, loaded, () => ({
        drafts: delivered.map((p) => notificationSentDraft(p, source, now)),
        alongside: () => ({ claims: completions }),
      }))
    ).loaded;
  } catch (error) {
    for (const { ref, claim } of completions) await deps.claims.update(issue.id, ref, claim).catch(() => undefined);
    throw error;
  }
  return { loaded, notifications, complete, ...(comeBack ? { nextAttemptAt: comeBack } : {}) };
}
