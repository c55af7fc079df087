import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import type { EscalationEvent } from '../domain/escalation/escalation-event';
import { buildEscalationReport } from '../domain/report/build-escalation-report';
import { renderMarkdown } from '../domain/report/render-markdown';
import { renderStorage } from '../domain/report/render-storage';
import { describeEvent } from '../domain/report/report-event-text';
import { reportFixture } from '../domain/report/testing/report-fixture';
import { reportWords } from './report-words';

const base = { seq: 2, at: '2026-11-23T09:00:00.000Z', actor: { accountId: 'a', party: 'contractor' as const } };

describe("the report in the catalog's words", () => {
  it("titles the report and its sections in the report's language", () => {
    expect(buildEscalationReport({ ...reportFixture(), words: reportWords('en') }).title).toBe(
      'Escalation report DEMO-1: Storage cluster unreachable',
    );
    const de = buildEscalationReport({ ...reportFixture(undefined, 'de'), words: reportWords('de') });
    expect(de.title).toMatch(/^Eskalationsbericht DEMO-1/);
    expect(de.subtitle).toMatch(/^DEMO-1 · erstellt /);
    expect(renderMarkdown(de)).toContain('## Verlauf nach Stufen');
  });
});

describe("the report's introduction", () => {
  const principle = (id: string) => DEFAULT_PROCESS_TEMPLATE.principles.find((p) => p.id === id)!.text;

  it.each(['de', 'en'] as const)('quotes the annex: last resort, no blame, good faith, objectivity (%s)', (locale) => {
    const report = buildEscalationReport({
      ...reportFixture(undefined, locale),
      template: DEFAULT_PROCESS_TEMPLATE,
      words: reportWords(locale),
    });
    const intro = report.sections[0]!;
    expect(intro.title).toBe(locale === 'de' ? 'Einleitung' : 'Introduction');
    const quoted = intro.blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
    expect(quoted).toHaveLength(5);
    for (const id of ['intro-07', 'intro-06', 'intro-08', 'definition-05', 'definition-09'])
      expect(quoted.some((item) => item.startsWith(principle(id)[locale]))).toBe(true);
    const other = locale === 'de' ? 'en' : 'de';
    expect(quoted.some((item) => item.includes(principle('intro-07')[other]))).toBe(false);
    expect(renderStorage(report)).toContain(principle('intro-06')[locale]);
  });
});

describe('describeEvent', () => {
  it('names the trigger in words, not by its code', () => {
    const started: EscalationEvent = {
      ...base,
      seq: 1,
      type: 'escalation-started',
      trigger: 'sla-breach',
      problem: 'p',
      impact: 'i',
      template: { id: 't', version: 1 },
    };
    expect(describeEvent(started, DEFAULT_PROCESS_TEMPLATE, 'de', reportWords('de'))).toBe('Eskalation begonnen (SLA nicht eingehalten)');
    expect(describeEvent(started, DEFAULT_PROCESS_TEMPLATE, 'en', reportWords('en'))).toBe('Escalation started (SLA not met)');
  });

  it('does not put a colon after an obligation sentence that ends in a full stop', () => {
    const fulfilled: EscalationEvent = { ...base, type: 'obligation-fulfilled', obligationId: 'L1-C-01', note: 'Bewertet.' };
    const text = describeEvent(fulfilled, DEFAULT_PROCESS_TEMPLATE, 'de', reportWords('de'));
    expect(text).toMatch(/^Erfüllt L1-C-01 – Der Auftragnehmer identifiziert .*Dienstleistung\. – Bewertet\.$/);
    expect(text).not.toContain('.:');
  });

  it('names the channel of the client notification in words', () => {
    const notified: EscalationEvent = { ...base, type: 'client-notified', channel: 'phone', note: 'Klaus angerufen' };
    expect(describeEvent(notified, DEFAULT_PROCESS_TEMPLATE, 'de', reportWords('de'))).toBe(
      'Auftraggeber informiert (telefonisch): Klaus angerufen',
    );
    expect(describeEvent(notified, DEFAULT_PROCESS_TEMPLATE, 'en', reportWords('en'))).toBe('Client notified (by phone): Klaus angerufen');
  });

  it('says what a notification was about and how many it reached', () => {
    const sent: EscalationEvent = {
      ...base,
      type: 'notification-sent',
      purpose: 'deadline-warning',
      recipients: ['user:a', 'group:b'],
      channels: ['jira-notify', 'comment'],
    };
    expect(describeEvent(sent, DEFAULT_PROCESS_TEMPLATE, 'de', reportWords('de'))).toBe(
      'Benachrichtigung gesendet: Frist läuft ab (Empfänger: 2)',
    );
    expect(describeEvent({ ...sent, purpose: 'something-new' }, DEFAULT_PROCESS_TEMPLATE, 'en', reportWords('en'))).toBe(
      'Notification sent: something-new (recipients: 2)',
    );
  });
});
