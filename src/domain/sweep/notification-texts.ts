import type { EscalationEvent, EventOf } from '../escalation/escalation-event';
import type { LocalizedText, ProcessTemplate } from '../process/process-template';
import type { SweepEffectKind } from './sweep-effect';

const PARTY: Record<'contractor' | 'client' | 'both', LocalizedText> = {
  contractor: { de: 'Auftragnehmer', en: 'contractor' },
  client: { de: 'Auftraggeber', en: 'client' },
  both: { de: 'beide Parteien', en: 'both parties' },
};

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
  template.levels.find((l) => l.level === level)?.name ?? { de: `Stufe ${level}`, en: `Level ${level}` };

/**
 * Subject and body of a notification, in German and English (the recipients' languages are not known
 * without a request per person; both texts go out together).
 */
export function notificationTexts(input: {
  purpose: SweepEffectKind;
  event: EscalationEvent;
  level: number;
  template: ProcessTemplate;
  timeZone: string;
}): { subject: LocalizedText; body: LocalizedText } {
  const { purpose, event, level, template, timeZone } = input;
  switch (purpose) {
    case 'deadline-warning':
    case 'deadline-missed': {
      const e = event as EventOf<'deadline-notice'>;
      const name = deadlineName(e, template);
      const due = formatInstant(e.dueAt, timeZone);
      const party = PARTY[e.party];
      return purpose === 'deadline-warning'
        ? {
            subject: { de: 'Frist läuft bald ab', en: 'Deadline approaching' },
            body: {
              de: `Frist läuft bald ab: ${name.de}. Fällig: ${due}. Zuständig: ${party.de}.`,
              en: `Deadline approaching: ${name.en}. Due: ${due}. To act: ${party.en}.`,
            },
          }
        : {
            subject: { de: 'Frist versäumt', en: 'Deadline missed' },
            body: {
              de: `Frist versäumt: ${name.de}. Fällig war: ${due}. Zuständig: ${party.de}.`,
              en: `Deadline missed: ${name.en}. It was due: ${due}. To act: ${party.en}.`,
            },
          };
    }
    case 'escalated': {
      const e = event as EventOf<'level-changed'>;
      const to = levelName(template, e.to);
      return {
        subject: { de: `Automatisch eskaliert auf Stufe ${e.to}`, en: `Escalated automatically to level ${e.to}` },
        body: {
          de: `Der vereinbarte Zeitrahmen der Stufe ${e.from} ist ohne Lösung abgelaufen. Die Eskalation steht jetzt auf Stufe ${e.to}: ${to.de}.`,
          en: `The agreed time frame of level ${e.from} ran out without a resolution. The escalation is now at level ${e.to}: ${to.en}.`,
        },
      };
    }
    case 'level-time-frame-expired':
      return {
        subject: { de: `Zeitrahmen der Stufe ${level} abgelaufen`, en: `Time frame of level ${level} expired` },
        body: {
          de: `Der vereinbarte Zeitrahmen der Stufe ${level} ist ohne Lösung abgelaufen. Die Parteien können auf Stufe ${level + 1} eskalieren.`,
          en: `The agreed time frame of level ${level} ran out without a resolution. The parties may escalate to level ${level + 1}.`,
        },
      };
    case 'arbitration-proposed':
      return {
        subject: { de: 'Vorschlag: externe Schlichtung', en: 'Proposal: external arbitration' },
        body: {
          de: `Der vereinbarte Zeitrahmen der Stufe 3 ist ohne Lösung abgelaufen. Vorgeschlagen wird die externe Schlichtung (Stufe 4); sie beginnt nur, wenn beide Parteien zustimmen.`,
          en: `The agreed time frame of level 3 ran out without a resolution. External arbitration (level 4) is proposed; it starts only when both parties agree.`,
        },
      };
    case 'critical-detected': {
      const e = event as EventOf<'escalation-started'>;
      const detected = formatInstant(e.detectedAt ?? e.at, timeZone);
      return {
        subject: { de: 'Kritisches Problem: Eskalation gestartet', en: 'Critical problem: escalation started' },
        body: {
          de: `Ein kritisches Problem wurde erkannt (${detected}). Der Auftraggeber ist innerhalb des vereinbarten Zeitrahmens (zwei Stunden) zu benachrichtigen.`,
          en: `A critical problem was detected (${detected}). The client must be notified within the agreed time frame (two hours).`,
        },
      };
    }
  }
}
