import { escalationEventSchema, type EscalationEvent } from '../escalation/escalation-event';
import { replayEscalation } from '../escalation/replay-escalation';
import { submitReport } from './report-commands';
import { cleanReportTexts, editedReportTexts, MAX_REPORT_TEXT } from './report-texts';
import { reportFixture } from './testing/report-fixture';

describe("the contractor's free texts of a report version", () => {
  it('drops empty texts and trims the others', () => {
    expect(cleanReportTexts({ summary: '  Kurz.  ', lessons: '   ', response: '' })).toEqual({ summary: 'Kurz.' });
    expect(cleanReportTexts(undefined)).toEqual({});
  });

  it('names the parts that were added, changed or removed', () => {
    expect(editedReportTexts({ summary: 'a', lessons: 'l' }, { summary: 'b', lessons: 'l', response: 'c' })).toEqual([
      'summary',
      'response',
    ]);
    expect(editedReportTexts({ summary: 'a' }, {})).toEqual(['summary']);
    expect(editedReportTexts({ lessons: 'l' }, { lessons: 'l' })).toEqual([]);
  });

  const input = reportFixture();
  const ctx = { now: new Date(input.generatedAt), actor: { accountId: 'sam', party: 'contractor' as const }, template: input.template };
  const submit = (log: readonly EscalationEvent[], texts: Parameters<typeof submitReport>[1]['texts'], hash: string) => {
    const decision = submitReport(replayEscalation(log), { contentHash: hash, locale: 'de', texts }, ctx);
    if (!decision.ok) throw new Error(decision.rejection.message);
    return [...log, escalationEventSchema.parse({ ...decision.value, seq: log.length + 1 })];
  };

  it('are recorded in the new version, and the version says which were edited since the previous one', () => {
    // Version 1 (in the fixture) was recorded without texts, as before texts existed, and sent back.
    const v2 = submit(input.log, { summary: ' Outage of 4 h. ', response: 'Timeline added.', lessons: '' }, 'b'.repeat(64));
    const event = v2.at(-1)!;
    expect(event).toMatchObject({
      type: 'report-submitted',
      reportVersion: 2,
      texts: { summary: 'Outage of 4 h.', response: 'Timeline added.' },
    });
    expect(event).not.toHaveProperty('texts.lessons');
    const state = replayEscalation(v2)!;
    expect(state.reports.map((r) => ({ version: r.version, edited: r.edited, texts: r.texts }))).toEqual([
      { version: 1, edited: [], texts: {} },
      { version: 2, edited: ['summary', 'response'], texts: { summary: 'Outage of 4 h.', response: 'Timeline added.' } },
    ]);
    // The client sends version 2 back; version 3 keeps the summary and changes only the answer.
    const sentBack = [
      ...v2,
      escalationEventSchema.parse({
        type: 'report-changes-requested',
        seq: v2.length + 1,
        at: input.generatedAt.toISOString(),
        actor: { accountId: 'klaus', party: 'client' },
        reportVersion: 2,
        comment: 'Name the root cause.',
      }),
    ];
    const v3 = submit(sentBack, { summary: 'Outage of 4 h.', response: 'Root cause named.' }, 'c'.repeat(64));
    expect(replayEscalation(v3)!.reports[2]).toMatchObject({ version: 3, edited: ['response'], locale: 'de' });
  });

  it('are bounded where the log is read back', () => {
    const base = { ...input.log.at(-2)!, type: 'report-submitted', seq: 99 } as const;
    expect(escalationEventSchema.safeParse({ ...base, texts: { summary: 'x'.repeat(MAX_REPORT_TEXT) } }).success).toBe(true);
    expect(escalationEventSchema.safeParse({ ...base, texts: { summary: 'x'.repeat(MAX_REPORT_TEXT + 1) } }).success).toBe(false);
  });
});
