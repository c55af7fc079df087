import type { EscalationEvent, EventOf } from '../escalation/escalation-event';
import type { Locale, ProcessTemplate } from '../process/process-template';
import { word, type ReportWords } from './report-labels';

/**
 * One line of the timeline for a recorded event: what happened, with the user's own text where the
 * event carries one (escaped later by each renderer).
 */
export function describeEvent(
  event: EscalationEvent,
  template: ProcessTemplate,
  locale: Locale,
  w: ReportWords,
  /** How an instant inside the text reads (the report's time zone); ISO as recorded by default. */
  formatAt: (iso: string) => string = (iso) => iso,
): string {
  const obligationText = (id: string) => template.obligations.find((o) => o.id === id)?.text[locale] ?? id;
  // A note after a sentence that already ends in a full stop gets a dash, not a second mark.
  const withNote = (sentence: string, note: string) => `${sentence}${/[.!?]$/.test(sentence) ? ' –' : ':'} ${note}`;
  switch (event.type) {
    case 'escalation-started':
      return `${w['events.started']} (${template.triggers.find((t) => t.id === event.trigger)?.label[locale] ?? event.trigger})`;
    case 'level-changed':
      return `${w['events.level']} ${event.from} → ${event.to}${LEVEL_REASON[event.reason] ? ` (${w[LEVEL_REASON[event.reason]!]})` : ''}${event.note ? `: ${event.note}` : ''}`;
    case 'change-proposed':
      return `${w['events.proposed']} (${w[`words.${event.change}`]}): ${event.text}`;
    case 'change-declined':
      return `${w['events.declined']} (${event.proposalSeq}): ${event.reason}`;
    case 'change-withdrawn':
      return `${w['events.proposalWithdrawn']} (${event.proposalSeq})`;
    case 'obligation-not-applicable':
      return `${w['events.notApplicable']} ${event.obligationId} – ${obligationText(event.obligationId)}: ${event.reason}`;
    case 'management-informed':
      return `${w['events.managementInformed']}: ${event.note}`;
    case 'notice-acknowledged':
      return `${w['events.acknowledged']}${event.note ? `: ${event.note}` : ''}`;
    case 'obligation-fulfilled':
      return withNote(`${w['events.fulfilled']} ${event.obligationId} – ${obligationText(event.obligationId)}`, event.note);
    case 'obligation-fulfilment-withdrawn':
      return `${w['events.fulfilmentWithdrawn']} ${event.obligationId}: ${event.reason}`;
    case 'client-notified':
      return `${w['events.clientNotified']} (${w[`channels.${event.channel}`]}): ${event.note}`;
    case 'status-update-posted':
      return `${w['events.statusUpdate']}: ${event.text}`;
    case 'arbitration-consent-given':
      return `${w['events.consent']}${event.note ? `: ${event.note}` : ''}`;
    case 'escalation-resolved':
      return `${w['events.resolved']}: ${event.resolution}`;
    case 'escalation-reopened':
      return `${w['events.reopened']}: ${event.reason}`;
    case 'escalation-closed':
      return `${w['events.closed']}${event.note ? `: ${event.note}` : ''}`;
    case 'action-plan-drafted':
      return `${w['events.actionPlan']} v${event.planVersion} (${word(event.stage, w)}) ${w['events.drafted']}`;
    case 'action-plan-submitted':
      return `${w['events.actionPlan']} v${event.planVersion} ${word('submitted', w)}`;
    case 'action-plan-approved':
      return `${w['events.actionPlan']} v${event.planVersion} ${word('approved', w)}${event.note ? `: ${event.note}` : ''}`;
    case 'action-plan-changes-requested':
      return `${w['events.actionPlan']} v${event.planVersion}: ${word('changes-requested', w)}: ${event.comment}`;
    case 'root-cause-recorded':
      return w['events.rootCause'];
    case 'preventive-measure-recorded':
      return `${w['events.measure']} ${event.measureId}: ${event.text}`;
    case 'preventive-measure-done':
      return `${w['events.measureDone']} ${event.measureId}: ${event.note}`;
    case 'arbitrator-proposed':
      return `${w['events.arbitratorProposed']} ${event.proposalId}: ${event.name}`;
    case 'arbitrator-decided':
      return `${w['events.arbitrator']} ${event.proposalId} ${word(event.decision, w)}${event.note ? `: ${event.note}` : ''}`;
    case 'arbitration-session-held':
      return `${w['events.arbitrationSession']} ${event.heldOn}`;
    case 'arbitration-outcome-recorded':
      return w['events.arbitrationOutcome'];
    case 'meeting-proposed':
      return `${w['events.meetingProposed']} ${event.meetingId}: ${event.subject}`;
    case 'meeting-confirmed':
      return `${w['events.meetingConfirmed']} ${event.meetingId}: ${formatAt(event.startsAt)}${event.note ? ` – ${event.note}` : ''}`;
    case 'meeting-declined':
      return `${w['events.meetingDeclined']} ${event.meetingId}: ${event.reason}`;
    case 'deadline-notice':
      return `${event.notice === 'missed' ? w['events.deadlineMissed'] : w['events.deadlineWarning']}: ${event.obligationId ?? event.timeFrame} (${word(event.party, w)})`;
    case 'notification-sent':
      return `${w['events.notificationSent']}: ${notificationPurpose(event.purpose, w)} (${w['events.recipients']}: ${event.recipients.length})`;
    case 'report-submitted':
      return `${w['events.report']} v${event.reportVersion} ${word('submitted', w)}`;
    case 'report-changes-requested':
      return `${w['events.report']} v${event.reportVersion}: ${word('changes-requested', w)}: ${event.comment}`;
    case 'report-approved':
      return `${w['events.report']} v${event.reportVersion} ${word('approved', w)}`;
    case 'report-exported':
      return `${w['events.report']} v${event.reportVersion} ${w['events.exported']} (${event.pageVersion})`;
    case 'debrief-held':
      return w['events.debriefHeld'];
  }
}

const LEVEL_REASON: Partial<Record<EventOf<'level-changed'>['reason'], keyof ReportWords>> = {
  'time-frame-expired': 'events.timeFrameExpired',
  'other-party-defaulted': 'events.otherPartyDefaulted',
  agreed: 'events.agreed',
};

/** The sweep's notification purposes in words; an unknown purpose (a later version's) is shown as recorded. */
function notificationPurpose(purpose: string, w: ReportWords): string {
  return (w as Readonly<Record<string, string>>)[`purposes.${purpose}`] ?? purpose;
}
