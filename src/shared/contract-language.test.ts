import type { EscalationEvent } from '../domain/escalation/escalation-event';
import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import { buildEscalationReport } from '../domain/report/build-escalation-report';
import { renderMarkdown } from '../domain/report/render-markdown';
import { reportFixture } from '../domain/report/testing/report-fixture';
import type { SweepEffectKind } from '../domain/sweep/sweep-effect';
import { en } from './i18n/en';
import { notificationTexts } from './notification-texts';
import { reportWords } from './report-words';

const template = DEFAULT_PROCESS_TEMPLATE;

/** Every English half of a `{de, en}` text anywhere in the template (titles, levels, principles, obligations …). */
function englishOf(value: unknown, path = 'template'): { path: string; text: string }[] {
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.de === 'string' && typeof record.en === 'string') return [{ path, text: record.en }];
  return Object.entries(record).flatMap(([key, child]) => {
    const id = (child as { id?: unknown } | null)?.id;
    return englishOf(child, `${path}.${typeof id === 'string' ? id : key}`);
  });
}

const at = '2026-11-23T09:00:00.000Z';
const actor = { party: 'system' } as const;
const notice = (obligationId: string) =>
  ({
    type: 'deadline-notice',
    at,
    actor,
    notice: 'warning',
    deadlineKey: obligationId,
    obligationId,
    timeFrame: 'immediate',
    party: 'contractor',
    dueAt: at,
  }) as EscalationEvent;

/** Every kind of notification the app sends, with every obligation and level it can name. */
const NOTIFICATIONS = {
  'deadline-warning': template.obligations.map((o) => ({ event: notice(o.id), level: 1 })),
  'deadline-missed': template.obligations.map((o) => ({ event: notice(o.id), level: 1 })),
  escalated: [2, 3, 4].map((to) => ({
    event: { type: 'level-changed', at, actor, from: to - 1, to, reason: 'time-frame-expired' } as EscalationEvent,
    level: to,
  })),
  'level-time-frame-expired': [1, 2, 3].map((level) => ({ event: notice('L1-C-01'), level })),
  'arbitration-proposed': [{ event: notice('L3-C-01'), level: 3 }],
  'critical-detected': [{ event: { type: 'escalation-started', at, actor, detectedAt: at } as unknown as EscalationEvent, level: 1 }],
} satisfies Record<SweepEffectKind, readonly { event: EscalationEvent; level: number }[]>;

function englishNotifications(): { path: string; text: string }[] {
  return Object.entries(NOTIFICATIONS).flatMap(([purpose, cases]) =>
    cases.flatMap(({ event, level }, i) => {
      const texts = notificationTexts({ purpose: purpose as SweepEffectKind, event, level, template, timeZone: 'UTC' });
      return [
        { path: `notification.${purpose}.${i}.subject`, text: texts.subject.en },
        { path: `notification.${purpose}.${i}.body`, text: texts.body.en },
      ];
    }),
  );
}

/**
 * "Externe Schlichtung" is conciliation: a neutral helps the parties to an agreed solution. Arbitration
 * (Schiedsverfahren) binds them, so an English reader must never be told they agreed to it.
 */
describe('the English of the contract says conciliation, never arbitration', () => {
  const arbitration = /arbitrat/i;
  const offending = (texts: { path: string; text: string }[]) => texts.filter((t) => arbitration.test(t.text));

  it('in the process template: level names, section titles, principles, obligations', () => {
    const texts = englishOf(template);
    expect(texts.length).toBeGreaterThan(150);
    expect(offending(texts)).toEqual([]);
    expect(template.levels.find((l) => l.level === 4)?.name).toEqual({ de: 'Externe Schlichtung', en: 'External conciliation' });
  });

  it('in the English message catalog (panel, administration, rejections)', () => {
    expect(offending(Object.entries(en).map(([key, text]) => ({ path: key, text })))).toEqual([]);
  });

  it('in every notification the app sends', () => {
    const texts = englishNotifications();
    expect(texts.some((t) => /conciliation/.test(t.text))).toBe(true);
    expect(offending(texts)).toEqual([]);
  });

  it("in the report's words and an English report that went through conciliation records", () => {
    const words = reportWords('en');
    expect(offending(Object.entries(words).map(([key, text]) => ({ path: key, text })))).toEqual([]);
    const markdown = renderMarkdown(buildEscalationReport({ ...reportFixture(), template, words }));
    expect(markdown).toContain('Conciliation and outcome');
    expect(markdown).not.toMatch(arbitration);
  });
});

describe('the English of each obligation keeps the strength of the German', () => {
  const text = (id: string) => template.obligations.find((o) => o.id === id)!.text;

  it.each([
    // "unverzüglich": without culpable hesitation, not "immediately"
    ['L1-C-01', 'unverzüglich', 'without undue delay', /immediately/],
    // status updates "im vereinbarten Zeitrahmen": at the agreed intervals, not a single time frame
    ['L1-C-06', 'im vereinbarten Zeitrahmen', 'at the agreed intervals', /within the agreed time frame/],
    // "gewährleistet": ensures; "guarantees" would be a warranty
    ['L1-K-03', 'gewährleistet', 'ensures access', /guarantee/],
    // "stimmt … ab": coordinates with; "agrees" would need the other side's consent
    ['L2-C-05', 'stimmt mit', 'coordinates with', /\bagrees\b/],
    ['L4-C-03', 'stimmt mit', 'coordinates with the client on the choice of conciliator', /\bagrees\b/],
    ['REV-C-06', 'stimmt die', 'coordinates the improvement proposals with the client', /\bagrees\b/],
  ])('%s (%s) says "%s"', (id, german, english, weaker) => {
    expect(text(id).de).toContain(german);
    expect(text(id).en).toContain(english);
    expect(text(id).en).not.toMatch(weaker);
  });

  it('names the conciliator and the conciliation bodies at level 4', () => {
    expect(text('L4-C-01').en).toBe(
      'The contractor identifies independent conciliation bodies and prepares a list of suitable conciliators, should external conciliation become necessary.',
    );
    expect(text('L4-C-10').en).toContain('the agreement reached through conciliation');
  });
});
