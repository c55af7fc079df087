import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import type { EscalationEvent } from '../domain/escalation/escalation-event';
import { formatInstant, notificationTexts, renderDigest } from './notification-texts';

const at = '2026-11-23T09:00:00.000Z';
const actor = { party: 'system' } as const;
const deadline: EscalationEvent = {
  type: 'deadline-notice',
  at,
  actor,
  notice: 'warning',
  deadlineKey: 'L1-C-02',
  obligationId: 'L1-C-02',
  timeFrame: 'criticalNotification',
  party: 'contractor',
  dueAt: '2026-11-23T11:00:00.000Z',
} as EscalationEvent;

describe('notificationTexts', () => {
  it('words a deadline warning in German and English, with the due time in the project time zone', () => {
    const texts = notificationTexts({
      purpose: 'deadline-warning',
      event: deadline,
      level: 1,
      template: DEFAULT_PROCESS_TEMPLATE,
      timeZone: 'Europe/Berlin',
    });
    expect(texts.subject).toEqual({ de: 'Frist läuft bald ab', en: 'Deadline approaching' });
    expect(texts.body.de).toMatch(
      /^Frist läuft bald ab: .* – L1-C-02: .*\. Fällig: 2026-11-23 12:00 \(Europe\/Berlin\)\. Zuständig: Auftragnehmer\.$/,
    );
    expect(texts.body.en).toMatch(/^Deadline approaching: .*\. Due: 2026-11-23 12:00 \(Europe\/Berlin\)\. To act: contractor\.$/);
  });

  it('names the levels of an automatic escalation and of an expired time frame', () => {
    const changed = { type: 'level-changed', at, actor, from: 1, to: 2, reason: 'time-frame-expired' } as EscalationEvent;
    const escalated = notificationTexts({
      purpose: 'escalated',
      event: changed,
      level: 2,
      template: DEFAULT_PROCESS_TEMPLATE,
      timeZone: 'UTC',
    });
    expect(escalated.subject).toEqual({ de: 'Automatisch eskaliert auf Stufe 2', en: 'Escalated automatically to level 2' });
    expect(escalated.body.de).toMatch(
      /^Der vereinbarte Zeitrahmen der Stufe 1 ist ohne Lösung abgelaufen\. Die Eskalation steht jetzt auf Stufe 2: \S/,
    );
    const expired = notificationTexts({
      purpose: 'level-time-frame-expired',
      event: deadline,
      level: 2,
      template: DEFAULT_PROCESS_TEMPLATE,
      timeZone: 'UTC',
    });
    expect(expired.body.en).toBe('The agreed time frame of level 2 ran out without a resolution. The parties may escalate to level 3.');
  });

  it('says who moved an escalation up when a person did, not that a time frame ran out', () => {
    const changed = {
      type: 'level-changed',
      at,
      actor: { accountId: 'klaus', party: 'client' },
      from: 1,
      to: 2,
      reason: 'manual',
    } as EscalationEvent;
    const texts = notificationTexts({
      purpose: 'escalated',
      event: changed,
      level: 2,
      template: DEFAULT_PROCESS_TEMPLATE,
      timeZone: 'UTC',
    });
    expect(texts.subject).toEqual({ de: 'Eskaliert auf Stufe 2', en: 'Escalated to level 2' });
    expect(texts.body.de).toMatch(/^Der Auftraggeber hat die Angelegenheit von Stufe 1 auf Stufe 2 eskaliert: \S/);
    expect(texts.body.en).toMatch(/^The client escalated the matter from level 1 to level 2: \S/);
  });

  it('formats an instant in the given time zone', () => {
    expect(formatInstant('2026-03-02T13:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-02 14:30 (Europe/Berlin)');
  });
});

describe('renderDigest links each reader to where they act', () => {
  const issue = { key: 'DEMO-3', summary: 'Restore fails' };
  const news = { subject: { de: 'Neu', en: 'News' }, body: { de: 'Text', en: 'Text' } };
  const notice = { ...news, asksAcknowledgement: true };
  const siteUrl = 'https://acme.atlassian.net/';

  it('a licensed user gets the issue, with the acknowledgement parameter when asked to acknowledge', () => {
    expect(renderDigest({ items: [news], locale: 'en', issue, siteUrl }).textBody).toContain(
      'Open the issue to act: https://acme.atlassian.net/browse/DEMO-3',
    );
    const asked = renderDigest({ items: [notice], locale: 'en', issue, siteUrl }).textBody;
    expect(asked).toContain('https://acme.atlassian.net/browse/DEMO-3?escalation=acknowledge');
    expect(asked).not.toContain('portal');
  });

  it('a portal customer gets the portal request once its id is known, and what to choose there', () => {
    const message = renderDigest({ items: [notice], locale: 'de', issue, siteUrl, portal: { portalId: 7 } });
    expect(message.textBody).toContain(
      'öffnen Sie die Anfrage im Kundenportal, https://acme.atlassian.net/servicedesk/customer/portal/7/DEMO-3, und wählen',
    );
    expect(message.textBody).not.toContain('/browse/');
    expect(message.htmlBody).toContain('https://acme.atlassian.net/servicedesk/customer/portal/7/DEMO-3');
    expect(renderDigest({ items: [news], locale: 'en', issue, siteUrl, portal: { portalId: 7 } }).textBody).toContain(
      'Open the request on the customer portal: https://acme.atlassian.net/servicedesk/customer/portal/7/DEMO-3',
    );
  });

  it('a portal customer whose portal is not known yet gets the issue and a sentence naming the portal, in both languages when unknown', () => {
    const message = renderDigest({ items: [news], locale: undefined, issue, siteUrl, portal: {} }).textBody;
    expect(message).toContain('https://acme.atlassian.net/browse/DEMO-3');
    expect(message).toContain('Ohne Jira-Lizenz finden Sie die Anfrage DEMO-3 im Kundenportal');
    expect(message).toContain('Without a Jira licence, you find request DEMO-3 on the service desk’s customer portal');
  });
});
