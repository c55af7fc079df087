import type { EventOf } from '../domain/escalation/escalation-event';
import type { LocalizedText, ProcessTemplate } from '../domain/process/process-template';
import type { NotificationTextInput, NotificationTexts } from '../domain/sweep/notification-plan';
import { bilingual, translate } from './i18n/messages';

/** `2026-03-02 14:30 (Europe/Berlin)`: the project's time zone, the same for every reader. */
export function formatInstant(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} (${timeZone})`;
}

function deadlineName(event: EventOf<'deadline-notice'>, template: ProcessTemplate): LocalizedText {
  const frame = template.timeFrames.find((t) => t.key === event.timeFrame)?.label ?? { de: event.timeFrame, en: event.timeFrame };
  const obligation = event.obligationId ? template.obligations.find((o) => o.id === event.obligationId) : undefined;
  if (!obligation) return frame;
  return { de: `${frame.de} – ${obligation.id}: ${obligation.text.de}`, en: `${frame.en} – ${obligation.id}: ${obligation.text.en}` };
}

const levelName = (template: ProcessTemplate, level: number): LocalizedText =>
  template.levels.find((l) => l.level === level)?.name ?? bilingual('header.level', { level });

/**
 * Subject and body of a notification, in German and English (the recipients' languages are not known
 * without a request per person; both texts go out together). The words are the catalog's `notification.*`.
 */
export const notificationTexts: NotificationTexts = (input: NotificationTextInput) => {
  const { purpose, event, level, template, timeZone } = input;
  switch (purpose) {
    case 'deadline-warning':
    case 'deadline-missed': {
      const e = event as EventOf<'deadline-notice'>;
      const name = deadlineName(e, template);
      const due = formatInstant(e.dueAt, timeZone);
      const [subject, body] =
        purpose === 'deadline-warning'
          ? (['notification.warning.subject', 'notification.warning.body'] as const)
          : (['notification.missed.subject', 'notification.missed.body'] as const);
      const words = (locale: 'de' | 'en') =>
        translate(locale, body, { name: name[locale], due, party: translate(locale, `party.${e.party}.inline`) });
      return { subject: bilingual(subject), body: { de: words('de'), en: words('en') } };
    }
    case 'escalated': {
      const e = event as EventOf<'level-changed'>;
      const to = levelName(template, e.to);
      // A person's escalation says who moved it; only the sweep's says the time frame ran out.
      const party = e.actor.party;
      if (party !== 'system') {
        const words = (locale: 'de' | 'en') =>
          translate(locale, 'notification.escalatedManual.body', {
            party: translate(locale, `party.${party}.inline`),
            from: e.from,
            to: e.to,
            name: to[locale],
          });
        return { subject: bilingual('notification.escalatedManual.subject', { to: e.to }), body: { de: words('de'), en: words('en') } };
      }
      return {
        subject: bilingual('notification.escalated.subject', { to: e.to }),
        body: {
          de: translate('de', 'notification.escalated.body', { from: e.from, to: e.to, name: to.de }),
          en: translate('en', 'notification.escalated.body', { from: e.from, to: e.to, name: to.en }),
        },
      };
    }
    case 'level-time-frame-expired':
      return {
        subject: bilingual('notification.levelExpired.subject', { level }),
        body: bilingual('notification.levelExpired.body', { level, next: level + 1 }),
      };
    case 'arbitration-proposed':
      return { subject: bilingual('notification.arbitration.subject'), body: bilingual('notification.arbitration.body') };
    case 'critical-detected': {
      const e = event as EventOf<'escalation-started'>;
      const detected = formatInstant(e.detectedAt ?? e.at, timeZone);
      return { subject: bilingual('notification.critical.subject'), body: bilingual('notification.critical.body', { detected }) };
    }
  }
};
