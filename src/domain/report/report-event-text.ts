import type { EscalationEvent } from '../escalation/escalation-event';
import type { Locale, ProcessTemplate } from '../process/process-template';
import type { SweepEffectKind } from '../sweep/sweep-effect';
import { word } from './report-labels';

const T = (locale: Locale, en: string, de: string) => (locale === 'de' ? de : en);

/**
 * One line of the timeline for a recorded event: what happened, with the user's own text where the
 * event carries one (escaped later by each renderer).
 */
export function describeEvent(event: EscalationEvent, template: ProcessTemplate, locale: Locale): string {
  const l = (en: string, de: string) => T(locale, en, de);
  const obligationText = (id: string) => template.obligations.find((o) => o.id === id)?.text[locale] ?? id;
  // A note after a sentence that already ends in a full stop gets a dash, not a second mark.
  const withNote = (sentence: string, note: string) => `${sentence}${/[.!?]$/.test(sentence) ? ' –' : ':'} ${note}`;
  switch (event.type) {
    case 'escalation-started':
      return `${l('Escalation started', 'Eskalation begonnen')} (${template.triggers.find((t) => t.id === event.trigger)?.label[locale] ?? event.trigger})`;
    case 'level-changed':
      return `${l('Level', 'Stufe')} ${event.from} → ${event.to}${event.reason === 'time-frame-expired' ? l(' (time frame expired)', ' (Zeitrahmen abgelaufen)') : ''}${event.note ? `: ${event.note}` : ''}`;
    case 'obligation-fulfilled':
      return withNote(`${l('Fulfilled', 'Erfüllt')} ${event.obligationId} – ${obligationText(event.obligationId)}`, event.note);
    case 'obligation-fulfilment-withdrawn':
      return `${l('Fulfilment withdrawn', 'Erfüllung zurückgenommen')} ${event.obligationId}: ${event.reason}`;
    case 'client-notified':
      return `${l('Client notified', 'Auftraggeber informiert')} (${CHANNELS[event.channel][locale]}): ${event.note}`;
    case 'status-update-posted':
      return `${l('Status update', 'Statusupdate')}: ${event.text}`;
    case 'arbitration-consent-given':
      return `${l('Consent to external arbitration', 'Zustimmung zur externen Schlichtung')}${event.note ? `: ${event.note}` : ''}`;
    case 'escalation-resolved':
      return `${l('Resolved', 'Gelöst')}: ${event.resolution}`;
    case 'escalation-reopened':
      return `${l('Reopened', 'Wiedereröffnet')}: ${event.reason}`;
    case 'escalation-closed':
      return `${l('Closed', 'Abgeschlossen')}${event.note ? `: ${event.note}` : ''}`;
    case 'action-plan-drafted':
      return `${l('Action plan', 'Maßnahmenplan')} v${event.planVersion} (${word(event.stage, locale)}) ${l('drafted', 'entworfen')}`;
    case 'action-plan-submitted':
      return `${l('Action plan', 'Maßnahmenplan')} v${event.planVersion} ${word('submitted', locale)}`;
    case 'action-plan-approved':
      return `${l('Action plan', 'Maßnahmenplan')} v${event.planVersion} ${word('approved', locale)}${event.note ? `: ${event.note}` : ''}`;
    case 'action-plan-changes-requested':
      return `${l('Action plan', 'Maßnahmenplan')} v${event.planVersion}: ${word('changes-requested', locale)}: ${event.comment}`;
    case 'root-cause-recorded':
      return l('Root cause recorded', 'Ursache festgehalten');
    case 'preventive-measure-recorded':
      return `${l('Preventive measure', 'Vorbeugende Maßnahme')} ${event.measureId}: ${event.text}`;
    case 'preventive-measure-done':
      return `${l('Preventive measure done', 'Vorbeugende Maßnahme erledigt')} ${event.measureId}: ${event.note}`;
    case 'arbitrator-proposed':
      return `${l('Arbitrator proposed', 'Schlichter vorgeschlagen')} ${event.proposalId}: ${event.name}`;
    case 'arbitrator-decided':
      return `${l('Arbitrator', 'Schlichter')} ${event.proposalId} ${word(event.decision, locale)}${event.note ? `: ${event.note}` : ''}`;
    case 'arbitration-session-held':
      return `${l('Arbitration session', 'Schlichtungstermin')} ${event.heldOn}`;
    case 'arbitration-outcome-recorded':
      return l('Arbitration outcome recorded', 'Schlichtungsergebnis festgehalten');
    case 'deadline-notice':
      return `${event.notice === 'missed' ? l('Deadline missed', 'Frist versäumt') : l('Deadline warning', 'Fristwarnung')}: ${event.obligationId ?? event.timeFrame} (${word(event.party, locale)})`;
    case 'notification-sent':
      return `${l('Notification sent', 'Benachrichtigung gesendet')}: ${notificationPurpose(event.purpose, locale)} (${l('recipients', 'Empfänger')}: ${event.recipients.length})`;
    case 'report-submitted':
      return `${l('Report', 'Bericht')} v${event.reportVersion} ${word('submitted', locale)}`;
    case 'report-changes-requested':
      return `${l('Report', 'Bericht')} v${event.reportVersion}: ${word('changes-requested', locale)}: ${event.comment}`;
    case 'report-approved':
      return `${l('Report', 'Bericht')} v${event.reportVersion} ${word('approved', locale)}`;
    case 'report-exported':
      return `${l('Report', 'Bericht')} v${event.reportVersion} ${l('exported to Confluence', 'nach Confluence exportiert')} (${event.pageVersion})`;
    case 'debrief-held':
      return l('Debrief held', 'Nachbesprechung durchgeführt');
  }
}

const CHANNELS = {
  phone: { en: 'by phone', de: 'telefonisch' },
  email: { en: 'by e-mail', de: 'per E-Mail' },
  jira: { en: 'in Jira', de: 'in Jira' },
} as const;

const PURPOSES: Record<SweepEffectKind, { en: string; de: string }> = {
  'deadline-warning': { en: 'deadline approaching', de: 'Frist läuft ab' },
  'deadline-missed': { en: 'deadline missed', de: 'Frist versäumt' },
  escalated: { en: 'escalated to the next level', de: 'auf die nächste Stufe eskaliert' },
  'level-time-frame-expired': { en: 'level time frame expired', de: 'Zeitrahmen der Stufe abgelaufen' },
  'arbitration-proposed': { en: 'external arbitration proposed', de: 'externe Schlichtung vorgeschlagen' },
  'critical-detected': { en: 'critical problem detected', de: 'kritisches Problem erkannt' },
};

/** The sweep's notification purposes in words; an unknown purpose (a later version's) is shown as recorded. */
function notificationPurpose(purpose: string, locale: Locale): string {
  return PURPOSES[purpose as SweepEffectKind]?.[locale] ?? purpose;
}
