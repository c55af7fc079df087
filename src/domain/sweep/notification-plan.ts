import { notificationPolicyOf, type EscalationPolicy } from '../configuration/escalation-policy';
import { reminderDueAt } from '../configuration/notification-policy';
import type { ProjectConfiguration } from '../configuration/project-configuration';
import { isWorkingTime } from '../deadlines/is-working-time';
import { nextWorkingTime } from '../deadlines/next-working-time';
import { escalationDeadlines } from '../escalation/escalation-deadlines';
import type { EscalationEvent, EventOf } from '../escalation/escalation-event';
import type { EscalationState } from '../escalation/escalation-state';
import { applyEvent } from '../escalation/replay-escalation';
import type { Level, LocalizedText, Party, ProcessTemplate } from '../process/process-template';
import { contactsFor, partiesOf, type Recipients } from './escalation-contacts';
import { eventRef, notificationRef, type SweepEffectKind } from './sweep-effect';

/**
 * What a notification is about: a sweep effect, a reminder that a missed duty is still open, or news one
 * party recorded that the other party should hear of (a push).
 */
export type NotificationPurpose = SweepEffectKind | 'deadline-reminder' | 'party-news';

/** The events the other party hears of at once, each once. */
const PUSHED: ReadonlySet<EscalationEvent['type']> = new Set([
  'status-update-posted',
  'action-plan-submitted',
  'action-plan-approved',
  'action-plan-changes-requested',
  'report-submitted',
  'report-approved',
  'report-changes-requested',
  'change-proposed',
  'arbitration-consent-given',
  'meeting-proposed',
  'meeting-confirmed',
  'meeting-declined',
]);

/** The client's duty to acknowledge the notice: the app's notice is repeated until it is met. */
const ACKNOWLEDGE_RECEIPT = 'DOC-K-01';

/** News older than this is not pushed late (e.g. what was recorded before pushes existed). */
const PUSH_HORIZON_MS = 3 * 24 * 3_600_000;

/** A notification owed: derived from a recorded effect that has no `notification-sent` yet. */
export interface NotificationPlan {
  /** The `origin.ref` of the `notification-sent` event that will record it. */
  readonly ref: string;
  readonly effectRef: string;
  readonly purpose: NotificationPurpose;
  readonly level: number;
  readonly recipients: Recipients;
  readonly subject: LocalizedText;
  readonly body: LocalizedText;
  /** Warnings, missed notices and reminders wait for working time; what happened is told at once. */
  readonly waitsForWorkingTime: boolean;
  /** The duty a deadline notice or reminder is about (e.g. DOC-K-01), when it is one. */
  readonly obligationId?: string;
  /** The client's notice and its reminders ask for the acknowledgement (DOC-K-01): the message says where. */
  readonly asksAcknowledgement?: true;
}

/** What a notification's words are made of: the effect, the event that recorded it and the process. */
export interface NotificationTextInput {
  readonly purpose: NotificationPurpose;
  readonly event: EscalationEvent;
  readonly level: number;
  readonly template: ProcessTemplate;
  readonly timeZone: string;
  /** The log the event is part of (e.g. a meeting's answer names the proposal's subject). */
  readonly log?: readonly EscalationEvent[];
}

/**
 * Words a notification in German and English. The domain decides what is owed and to whom; the words
 * come from the app's message catalog (src/shared/notification-texts.ts), passed in by the use case.
 */
export type NotificationTexts = (input: NotificationTextInput) => { subject: LocalizedText; body: LocalizedText };

/**
 * The ref that identifies a recorded effect: the sweep's own ref, else the event's place in the log (a
 * person's escalation has no outside ref, and its sequence number never changes).
 */
export function effectRefOf(event: EscalationEvent): string {
  return event.origin?.source === 'sweep' && event.origin.ref ? event.origin.ref : eventRef(event.seq);
}

/** What a recorded event owes a notification for, and at which level it was recorded. */
function purposeOf(event: EscalationEvent, levelAtEvent: number): NotificationPurpose | undefined {
  // Every move up tells the new level's contacts, whoever made it (sweep, panel or workflow).
  if (event.type === 'level-changed') return event.to > event.from ? 'escalated' : undefined;
  if (PUSHED.has(event.type) && event.actor.party !== 'system') return 'party-news';
  // "Notify the client now": the contractor's notice goes to the client's contacts with its record.
  if (event.type === 'client-notified' && event.sentByApp) return 'party-news';
  if (event.origin?.source !== 'sweep' || !event.origin.ref) return undefined;
  switch (event.type) {
    case 'escalation-started':
      return 'critical-detected';
    case 'deadline-notice':
      if (event.notice === 'warning') return 'deadline-warning';
      if (event.timeFrame === 'levelTimeFrame' && !event.obligationId)
        return levelAtEvent >= 3 ? 'arbitration-proposed' : 'level-time-frame-expired';
      return 'deadline-missed';
    default:
      return undefined;
  }
}

/** Whether the matter is still open: nothing is sent about what was acknowledged, met or resolved meanwhile. */
function stillRelevant(
  now: Date,
  event: EscalationEvent,
  state: EscalationState,
  runningKeys: ReadonlySet<string>,
  runningFrames: ReadonlySet<string>,
): boolean {
  if (purposeOf(event, state.level) === 'party-news') return now.getTime() - Date.parse(event.at) <= PUSH_HORIZON_MS;
  if (state.status !== 'open') return false;
  switch (event.type) {
    case 'deadline-notice':
      // A warning not given before the deadline passed is not given late: the missed notice says it.
      return runningKeys.has(event.deadlineKey) && (event.notice !== 'warning' || now.getTime() < Date.parse(event.dueAt));
    case 'level-changed':
      return state.level === event.to && state.levelEnteredAt === event.at;
    case 'escalation-started':
      return runningFrames.has('criticalNotification');
    default:
      return false;
  }
}

/** What a sweep or command has to go on: the notifications owed now and when the next reminder falls due. */
export interface NotificationSchedule {
  readonly owed: NotificationPlan[];
  /** When the next reminder of a still-open missed duty is due (the sweep comes back then). */
  readonly nextReminderAt?: string;
}

/**
 * The notifications still owed for an escalation: one per effect the sweep recorded and one per move up a
 * level (by anyone), unless its `notification-sent` is in the log or the matter has since been
 * acknowledged, met or resolved.
 */
export function pendingNotifications(input: NotificationScheduleInput): NotificationPlan[] {
  return notificationSchedule(input).owed;
}

export interface NotificationScheduleInput {
  log: readonly EscalationEvent[];
  template: ProcessTemplate;
  configuration: ProjectConfiguration;
  now: Date;
  texts: NotificationTexts;
  /** Contacts that can no longer be told (closed or deactivated accounts): skipped, see {@link contactsFor}. */
  unreachable?: ReadonlySet<string>;
}

/**
 * {@link pendingNotifications}, plus reminders: a missed duty that is still open (its deadline still runs,
 * e.g. DOC-K-01 until the client acknowledges) is told again after the policy's back-off — only the latest
 * reminder due is owed (a night's worth of reminders is one in the morning), at most `maxReminders`.
 */
export function notificationSchedule(input: NotificationScheduleInput): NotificationSchedule {
  const { log, template, configuration, now, texts: wordsOf, unreachable } = input;
  const sentAt = new Map<string, string>();
  for (const e of log) if (e.type === 'notification-sent' && e.origin?.ref) sentAt.set(e.origin.ref, e.at);
  const candidates: { event: EscalationEvent; purpose: NotificationPurpose; level: number; ref: string }[] = [];
  const told: { event: EventOf<'deadline-notice'> | EventOf<'client-notified'>; level: number; at: string }[] = [];
  let state: EscalationState | undefined;
  for (const event of log) {
    state = applyEvent(state, event);
    const purpose = purposeOf(event, state.level);
    if (!purpose) continue;
    const ref = notificationRef(effectRefOf(event));
    const at = sentAt.get(ref);
    if (at === undefined) candidates.push({ event, purpose, level: state.level, ref });
    else if (purpose === 'deadline-missed' && event.type === 'deadline-notice') told.push({ event, level: state.level, at });
    // The app's notice to the client is repeated until the client acknowledges it (DOC-K-01).
    else if (event.type === 'client-notified' && event.sentByApp) told.push({ event, level: state.level, at });
  }
  if (!state) return { owed: [] };
  const running = escalationDeadlines({ state, template, policy: configuration.policy, now });
  const runningKeys = new Set(running.map((d) => d.key));
  const runningFrames = new Set(running.map((d) => d.timeFrame as string));
  const current = state;
  const reminders = notificationPolicyOf(configuration.policy);
  let nextReminderAt: Date | undefined;
  const acknowledged = current.evidence.some((e) => e.kind === 'notice-acknowledged');
  for (const { event, level, at } of told) {
    if (
      event.type === 'client-notified'
        ? acknowledged || current.status !== 'open'
        : !stillRelevant(now, event, current, runningKeys, runningFrames)
    )
      continue;
    let due = 0;
    for (let n = 1; n <= reminders.maxReminders; n++) {
      const dueAt = reminderDueAt(reminders, new Date(at), n);
      if (dueAt.getTime() <= now.getTime()) {
        due = n;
        continue;
      }
      if (!nextReminderAt || dueAt < nextReminderAt) nextReminderAt = dueAt;
      break;
    }
    const ref = `${notificationRef(effectRefOf(event))}:reminder:${due}`;
    const later = [...sentAt.keys()].some(
      (r) => r.startsWith(`${notificationRef(effectRefOf(event))}:reminder:`) && Number(r.split(':').pop()) >= due,
    );
    if (due > 0 && !later) candidates.push({ event, purpose: 'deadline-reminder', level, ref });
  }
  const timeZone = configuration.policy.calendar.timeZone;
  const owed = candidates
    .filter(({ event, purpose }) => purpose === 'deadline-reminder' || stillRelevant(now, event, current, runningKeys, runningFrames))
    .map(({ event, purpose, level, ref }): NotificationPlan => {
      const effectRef = effectRefOf(event);
      const atLevel = level as Level;
      const toldParty = event.type === 'deadline-notice' && purpose !== 'level-time-frame-expired' && purpose !== 'arbitration-proposed';
      const recipients =
        purpose === 'critical-detected'
          ? contactsFor(configuration, 1, ['contractor'], unreachable)
          : purpose === 'party-news' || event.type === 'client-notified'
            ? withProposer(contactsFor(configuration, atLevel, [otherParty(event)], unreachable), event, log, unreachable)
            : toldParty
              ? contactsFor(configuration, atLevel, partiesOf(event.party), unreachable)
              : contactsFor(configuration, atLevel, ['contractor', 'client'], unreachable);
      const texts = wordsOf({ purpose, event, level, template, timeZone, log });
      return {
        ref,
        effectRef,
        purpose,
        level,
        recipients,
        ...texts,
        waitsForWorkingTime: waitsForWorkingTime(purpose, event, template),
        ...(event.type === 'deadline-notice' && event.obligationId ? { obligationId: event.obligationId } : {}),
        ...(event.type === 'client-notified' && purpose === 'deadline-reminder' ? { obligationId: ACKNOWLEDGE_RECEIPT } : {}),
        ...(event.type === 'client-notified' && event.sentByApp ? { asksAcknowledgement: true as const } : {}),
      };
    });
  return { owed, ...(nextReminderAt ? { nextReminderAt: nextReminderAt.toISOString() } : {}) };
}

/** The answer to a meeting proposal goes back to the person who proposed it, too, not only to the party's contacts. */
function withProposer(
  recipients: Recipients,
  event: EscalationEvent,
  log: readonly EscalationEvent[],
  unreachable: ReadonlySet<string> = new Set(),
): Recipients {
  if (event.type !== 'meeting-confirmed' && event.type !== 'meeting-declined') return recipients;
  const proposal = log.find((e) => e.type === 'meeting-proposed' && e.meetingId === event.meetingId);
  if (!proposal || recipients.accountIds.includes(proposal.actor.accountId) || unreachable.has(proposal.actor.accountId)) return recipients;
  return { ...recipients, accountIds: [...recipients.accountIds, proposal.actor.accountId].sort() };
}

/** Who hears of a party's news: the other party (the client hears of the contractor's notice). */
const otherParty = (event: EscalationEvent): Party => (event.actor.party === 'client' ? 'contractor' : 'client');

/**
 * Warnings, missed notices and reminders are told in working time; what happened (a critical problem
 * detected, a move up a level) is told at once, and so is the missed deadline of a clock that runs around
 * the clock (the critical notification: nobody should learn of it the next morning).
 */
function waitsForWorkingTime(purpose: NotificationPurpose, event: EscalationEvent, template: ProcessTemplate): boolean {
  if (purpose === 'critical-detected' || purpose === 'escalated' || purpose === 'party-news') return false;
  if (purpose === 'deadline-missed' && event.type === 'deadline-notice') {
    const frame = template.timeFrames.find((t) => t.key === event.timeFrame);
    return frame?.calendar !== 'continuous';
  }
  return true;
}

/**
 * When each recipient (`user:…`, `group:…`) was last told anything about this escalation: the digest
 * interval counts from there.
 */
export function lastToldAt(log: readonly EscalationEvent[]): Map<string, number> {
  const told = new Map<string, number>();
  for (const e of log)
    if (e.type === 'notification-sent') for (const r of e.recipients) told.set(r, Math.max(told.get(r) ?? 0, Date.parse(e.at)));
  return told;
}

/**
 * When a notification may go: what happened goes at once; news that waits (warnings, missed notices,
 * reminders) goes once every recipient's digest interval has passed since they were last told, and —
 * with quiet hours — within the calendar's working time.
 *
 * @example
 * // A warning owed on Friday 18:24 in Berlin, nobody told today: Monday 08:00
 * deliverableAt(warning, policy, new Date('2026-03-27T17:24:00Z'), new Map()) // 2026-03-30T06:00:00Z
 */
export function deliverableAt(
  plan: Pick<NotificationPlan, 'waitsForWorkingTime' | 'recipients'>,
  policy: EscalationPolicy,
  now: Date,
  told: ReadonlyMap<string, number>,
): Date {
  if (!plan.waitsForWorkingTime) return now;
  const notifications = notificationPolicyOf(policy);
  const interval = notifications.digestEveryMinutes * 60_000;
  const earliest = Math.max(now.getTime(), ...recipientRefs(plan.recipients).map((r) => (told.get(r) ?? -Infinity) + interval));
  const at = new Date(earliest);
  if (!notifications.workingHoursOnly) return at;
  return isWorkingTime(policy.calendar, at) ? at : nextWorkingTime(policy.calendar, at);
}

const recipientRefs = (recipients: Recipients): string[] => [
  ...recipients.accountIds.map((id) => `user:${id}`),
  ...recipients.groups.map((g) => `group:${g}`),
];
