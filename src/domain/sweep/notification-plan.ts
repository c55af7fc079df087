import type { ProjectConfiguration } from '../configuration/project-configuration';
import { escalationDeadlines } from '../escalation/escalation-deadlines';
import type { EscalationEvent } from '../escalation/escalation-event';
import type { EscalationState } from '../escalation/escalation-state';
import { applyEvent } from '../escalation/replay-escalation';
import type { Level, LocalizedText, ProcessTemplate } from '../process/process-template';
import { contactsFor, partiesOf, type Recipients } from './escalation-contacts';
import { eventRef, notificationRef, type SweepEffectKind } from './sweep-effect';

/** A notification owed: derived from a recorded effect that has no `notification-sent` yet. */
export interface NotificationPlan {
  /** The `origin.ref` of the `notification-sent` event that will record it. */
  readonly ref: string;
  readonly effectRef: string;
  readonly purpose: SweepEffectKind;
  readonly level: number;
  readonly recipients: Recipients;
  readonly subject: LocalizedText;
  readonly body: LocalizedText;
}

/** What a notification's words are made of: the effect, the event that recorded it and the process. */
export interface NotificationTextInput {
  readonly purpose: SweepEffectKind;
  readonly event: EscalationEvent;
  readonly level: number;
  readonly template: ProcessTemplate;
  readonly timeZone: string;
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
function purposeOf(event: EscalationEvent, levelAtEvent: number): SweepEffectKind | undefined {
  // Every move up tells the new level's contacts, whoever made it (sweep, panel or workflow).
  if (event.type === 'level-changed') return event.to > event.from ? 'escalated' : undefined;
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
  event: EscalationEvent,
  state: EscalationState,
  runningKeys: ReadonlySet<string>,
  runningFrames: ReadonlySet<string>,
): boolean {
  if (state.status !== 'open') return false;
  switch (event.type) {
    case 'deadline-notice':
      return runningKeys.has(event.deadlineKey);
    case 'level-changed':
      return state.level === event.to && state.levelEnteredAt === event.at;
    case 'escalation-started':
      return runningFrames.has('criticalNotification');
    default:
      return false;
  }
}

/**
 * The notifications still owed for an escalation: one per effect the sweep recorded and one per move up a
 * level (by anyone), unless its `notification-sent` is in the log or the matter has since been
 * acknowledged, met or resolved.
 */
export function pendingNotifications(input: {
  log: readonly EscalationEvent[];
  template: ProcessTemplate;
  configuration: ProjectConfiguration;
  now: Date;
  texts: NotificationTexts;
}): NotificationPlan[] {
  const { log, template, configuration, now, texts: wordsOf } = input;
  const sent = new Set(log.filter((e) => e.type === 'notification-sent').map((e) => e.origin?.ref));
  const candidates: { event: EscalationEvent; purpose: SweepEffectKind; level: number }[] = [];
  let state: EscalationState | undefined;
  for (const event of log) {
    state = applyEvent(state, event);
    const purpose = purposeOf(event, state.level);
    if (purpose && !sent.has(notificationRef(effectRefOf(event)))) candidates.push({ event, purpose, level: state.level });
  }
  if (!state || candidates.length === 0) return [];
  const running = escalationDeadlines({ state, template, policy: configuration.policy, now });
  const runningKeys = new Set(running.map((d) => d.key));
  const runningFrames = new Set(running.map((d) => d.timeFrame as string));
  const current = state;
  return candidates
    .filter(({ event }) => stillRelevant(event, current, runningKeys, runningFrames))
    .map(({ event, purpose, level }) => {
      const effectRef = effectRefOf(event);
      const atLevel = level as Level;
      const recipients =
        purpose === 'critical-detected'
          ? contactsFor(configuration, 1, ['contractor'])
          : event.type === 'deadline-notice' && (purpose === 'deadline-warning' || purpose === 'deadline-missed')
            ? contactsFor(configuration, atLevel, partiesOf(event.party))
            : contactsFor(configuration, atLevel, ['contractor', 'client']);
      const texts = wordsOf({ purpose, event, level, template, timeZone: configuration.policy.calendar.timeZone });
      return { ref: notificationRef(effectRef), effectRef, purpose, level, recipients, ...texts };
    });
}
