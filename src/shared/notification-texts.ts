import type { EscalationEvent, EventOf } from '../domain/escalation/escalation-event';
import type { LocalizedText, ProcessTemplate } from '../domain/process/process-template';
import type { NotificationTextInput, NotificationTexts } from '../domain/sweep/notification-plan';
import { escapeMarkup } from '../domain/markup/escape-markup';
import { bilingual, translate, type MessageKey } from './i18n/messages';

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
 * Subject and body of a notification, in German and English, built once from the catalog's
 * `notification.*`; {@link renderDigest} picks the recipient's language.
 */
export const notificationTexts: NotificationTexts = (input: NotificationTextInput) => {
  const { purpose, event, level, template, timeZone } = input;
  switch (purpose) {
    case 'deadline-warning':
    case 'deadline-missed':
    case 'deadline-reminder': {
      if (event.type === 'client-notified') {
        const words = (locale: 'de' | 'en') => translate(locale, 'notification.ackReminder.body', { text: event.note });
        return { subject: bilingual('notification.ackReminder.subject'), body: { de: words('de'), en: words('en') } };
      }
      const e = event as EventOf<'deadline-notice'>;
      const name = deadlineName(e, template);
      const due = formatInstant(e.dueAt, timeZone);
      const [subject, body] =
        purpose === 'deadline-warning'
          ? (['notification.warning.subject', 'notification.warning.body'] as const)
          : purpose === 'deadline-reminder'
            ? (['notification.reminder.subject', 'notification.reminder.body'] as const)
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
    case 'party-news':
      return partyNews(event, input.log ?? [], timeZone);
    case 'critical-detected': {
      const e = event as EventOf<'escalation-started'>;
      const detected = formatInstant(e.detectedAt ?? e.at, timeZone);
      return { subject: bilingual('notification.critical.subject'), body: bilingual('notification.critical.body', { detected }) };
    }
  }
};

/** The words of a party's news for the other party: what was recorded, and the party's own text. */
function partyNews(
  event: EscalationEvent,
  log: readonly EscalationEvent[],
  timeZone: string,
): { subject: LocalizedText; body: LocalizedText } {
  const party = event.actor.party === 'client' ? 'client' : 'contractor';
  const both = (key: MessageKey, params: Record<string, string | number> = {}): LocalizedText => ({
    de: translate('de', key, { party: translate('de', `party.${party}.inline`), ...params }),
    en: translate('en', key, { party: translate('en', `party.${party}.inline`), ...params }),
  });
  const own = (text: string): LocalizedText => ({ de: text, en: text });
  switch (event.type) {
    case 'status-update-posted':
      return { subject: both('notification.news.statusUpdate.subject'), body: own(event.text) };
    case 'action-plan-submitted':
      return {
        subject: both('notification.news.planSubmitted.subject', { version: event.planVersion }),
        body: both('notification.news.planSubmitted.body', { version: event.planVersion }),
      };
    case 'action-plan-approved':
      return {
        subject: both('notification.news.planApproved.subject', { version: event.planVersion }),
        body: both('notification.news.planApproved.body', { version: event.planVersion }),
      };
    case 'action-plan-changes-requested':
      return {
        subject: both('notification.news.planChanges.subject', { version: event.planVersion }),
        body: both('notification.news.planChanges.body', { version: event.planVersion, text: event.comment }),
      };
    case 'report-submitted':
      return {
        subject: both('notification.news.reportSubmitted.subject', { version: event.reportVersion }),
        body: both('notification.news.reportSubmitted.body', { version: event.reportVersion }),
      };
    case 'report-approved':
      return {
        subject: both('notification.news.reportApproved.subject', { version: event.reportVersion }),
        body: both('notification.news.reportApproved.body', { version: event.reportVersion }),
      };
    case 'report-changes-requested':
      return {
        subject: both('notification.news.reportChanges.subject', { version: event.reportVersion }),
        body: both('notification.news.reportChanges.body', { version: event.reportVersion, text: event.comment }),
      };
    case 'change-proposed': {
      const key =
        event.change === 'escalate'
          ? 'notification.news.proposeEscalate.subject'
          : event.change === 'de-escalate'
            ? 'notification.news.proposeDeEscalate.subject'
            : 'notification.news.proposeResolve.subject';
      return { subject: both(key), body: own(event.text) };
    }
    case 'arbitration-consent-given':
      return { subject: both('notification.news.conciliation.subject'), body: both('notification.news.conciliation.body') };
    case 'client-notified':
      return {
        subject: both('notification.news.clientNotice.subject'),
        body: both('notification.news.clientNotice.body', { text: event.note }),
      };
    case 'meeting-proposed':
      return {
        subject: both('notification.news.meetingProposed.subject', { subject: event.subject }),
        body: both('notification.news.meetingProposed.body', {
          dates: event.candidates.map((at) => formatInstant(at, timeZone)).join('; '),
        }),
      };
    case 'meeting-confirmed':
    case 'meeting-declined': {
      const proposal = log.find((e): e is EventOf<'meeting-proposed'> => e.type === 'meeting-proposed' && e.meetingId === event.meetingId);
      const subject = proposal?.subject ?? event.meetingId;
      return event.type === 'meeting-confirmed'
        ? {
            subject: both('notification.news.meetingConfirmed.subject', { subject }),
            body: both('notification.news.meetingConfirmed.body', { date: formatInstant(event.startsAt, timeZone) }),
          }
        : {
            subject: both('notification.news.meetingDeclined.subject', { subject }),
            body: both('notification.news.meetingDeclined.body', { text: event.reason }),
          };
    }
    default:
      return { subject: own(event.type), body: own(event.type) };
  }
}

/**
 * The issue's address; a message asking for the acknowledgement adds `escalation=acknowledge`, which says in the
 * address what the reader came for (a Forge issue panel cannot read it: see the README, "Acknowledge from the e-mail").
 */
export function issueLink(siteUrl: string, issueKey: string, acknowledge = false): string {
  return `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(issueKey)}${acknowledge ? '?escalation=acknowledge' : ''}`;
}

/** The request on the Jira Service Management customer portal: where a customer without a Jira licence acts. */
export function portalLink(siteUrl: string, portalId: number, issueKey: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/servicedesk/customer/portal/${String(portalId)}/${encodeURIComponent(issueKey)}`;
}

/** One message to one recipient (or several with the same language and the same news). */
export interface RenderedMessage {
  readonly subject: string;
  readonly textBody: string;
  readonly htmlBody: string;
}

/**
 * The digest: everything one recipient is owed by this run, in one message, in their language — or
 * German then English when their language is not known (a group, a hidden profile).
 *
 * @example
 * renderDigest({ items: [warning, reminder], locale: 'en', issue: { key: 'ESC-1', summary: 'Outage' } })
 * // subject "[ESC-1] 2 updates on the escalation", one line per item
 */
export function renderDigest(input: {
  items: readonly { subject: LocalizedText; body: LocalizedText; asksAcknowledgement?: boolean }[];
  locale: 'de' | 'en' | undefined;
  issue: { key: string; summary: string };
  /** The site's address (`https://…atlassian.net`): the message links to the issue. */
  siteUrl?: string;
  /**
   * Set for portal customers (no Jira licence): the message links to the portal request, or, while the
   * project's portal id is not known, to the issue and says where the request is on the portal.
   */
  portal?: { portalId?: number };
}): RenderedMessage {
  const { items, locale, issue } = input;
  const locales: ('de' | 'en')[] = locale ? [locale] : ['de', 'en'];
  const subjectIn = (l: 'de' | 'en') =>
    items.length === 1 ? items[0]!.subject[l] : translate(l, 'notification.digest.subject', { count: items.length });
  const subject = `[${issue.key}] ${locales.map(subjectIn).join(' / ')}`;
  const sections = locales.map((l) => items.map((item) => (items.length === 1 ? item.body[l] : `• ${item.body[l]}`)));
  const asksAcknowledgement = items.some((item) => item.asksAcknowledgement);
  const portalId = input.portal?.portalId;
  const footer: string[] = [];
  if (input.siteUrl && input.portal && portalId !== undefined) {
    const link = portalLink(input.siteUrl, portalId, issue.key);
    const key = asksAcknowledgement ? 'notification.portal.ackLink' : 'notification.portal.link';
    footer.push(...locales.map((l) => translate(l, key, { link })));
  } else if (input.siteUrl) {
    const link = issueLink(input.siteUrl, issue.key, asksAcknowledgement);
    // Asking for the acknowledgement, the link says what to do there: the panel cannot read the link's parameter.
    const key = asksAcknowledgement ? 'notification.ack.link' : 'notification.digest.footer';
    footer.push(...locales.map((l) => translate(l, key, { link })));
  }
  // A customer whose project's portal id is not known yet: the issue link, and where the request is on the portal.
  if (input.portal && portalId === undefined)
    footer.push(...locales.map((l) => translate(l, 'notification.portal.unknown', { key: issue.key })));
  const about = `${issue.key}: ${issue.summary}`;
  const textBody = [...sections.map((lines) => lines.join('\n')), about, ...footer].join('\n\n');
  const htmlBody = [
    ...sections.map((lines) =>
      items.length === 1
        ? `<p>${escapeMarkup(lines[0]!)}</p>`
        : `<ul>${lines.map((line) => `<li>${escapeMarkup(line.slice(2))}</li>`).join('')}</ul>`,
    ),
    `<p>${escapeMarkup(about)}</p>`,
    ...footer.map((line) => `<p>${escapeMarkup(line)}</p>`),
  ].join('');
  return { subject, textBody, htmlBody };
}
