import { DEFAULT_PROCESS_TEMPLATE } from './default-template';
import { applyTemplateEdits, TemplateEditError } from './template-edits';
import { isEmptyChangelog, templateChangelog } from './template-changelog';

const v1 = DEFAULT_PROCESS_TEMPLATE;

describe('applyTemplateEdits', () => {
  const v2 = applyTemplateEdits(v1, [
    { type: 'set-text', obligationId: 'L1-C-05', text: { de: 'Neuer Text', en: 'New text' } },
    { type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true },
    { type: 'retire', obligationId: 'L1-K-10' },
    {
      type: 'add-obligation',
      section: 'level-2',
      party: 'client',
      text: { de: 'Zusatz', en: 'Extra' },
      kind: 'review',
      mandatoryToLeaveStage: false,
    },
    { type: 'set-time-frame-default', key: 'levelTimeFrame', duration: { amount: 5, unit: 'workingDays' } },
    {
      type: 'set-deadline',
      obligationId: 'L1-C-05',
      deadline: { timeFrame: 'clientResponse', from: 'levelEntered', quote: 'umgehend', recurring: false },
    },
  ]);

  it('gives the next version with the edits applied and the old version untouched', () => {
    expect(v2.version).toBe(2);
    expect(v2.id).toBe(v1.id);
    const l1c5 = v2.obligations.find((o) => o.id === 'L1-C-05')!;
    expect(l1c5).toMatchObject({ text: { de: 'Neuer Text' }, mandatoryToLeaveStage: true, deadline: { timeFrame: 'clientResponse' } });
    expect(v2.obligations.find((o) => o.id === 'L1-K-10')!.retired).toBe(true);
    expect(v2.obligations.find((o) => o.id === 'L2-K-11')).toMatchObject({ pairIndex: 11, party: 'client', section: 'level-2' });
    expect(v2.timeFrames.find((t) => t.key === 'levelTimeFrame')!.default).toEqual({ amount: 5, unit: 'workingDays' });
    expect(v1.obligations.find((o) => o.id === 'L1-C-05')!.text.en).not.toBe('New text');
    expect(v1.obligations.find((o) => o.id === 'L1-K-10')!.retired).toBeUndefined();
  });

  it('refuses unknown obligations and taken pair indexes', () => {
    expect(() => applyTemplateEdits(v1, [{ type: 'retire', obligationId: 'L9-C-01' }])).toThrow(TemplateEditError);
    expect(() =>
      applyTemplateEdits(v1, [
        {
          type: 'add-obligation',
          section: 'level-1',
          party: 'contractor',
          pairIndex: 3,
          text: { de: 'x', en: 'x' },
          kind: 'action',
          mandatoryToLeaveStage: false,
        },
      ]),
    ).toThrow(/already has item 3/);
  });

  it('lists the change log: added, retired, changed fields and time frames', () => {
    const log = templateChangelog(v1, v2);
    expect(log.from).toEqual({ id: v1.id, version: 1 });
    expect(log.to.version).toBe(2);
    expect(log.added.map((o) => o.id)).toEqual(['L2-K-11']);
    expect(log.retired.map((o) => o.id)).toEqual(['L1-K-10']);
    expect(log.changed.find((c) => c.id === 'L1-C-05')!.changes.map((c) => c.field)).toEqual([
      'text.de',
      'text.en',
      'mandatoryToLeaveStage',
      'deadline',
    ]);
    expect(log.timeFrames).toEqual([
      { key: 'levelTimeFrame', before: { amount: 3, unit: 'workingDays' }, after: { amount: 5, unit: 'workingDays' } },
    ]);
    expect(isEmptyChangelog(templateChangelog(v1, v1))).toBe(true);
    const restored = applyTemplateEdits(v2, [{ type: 'restore', obligationId: 'L1-K-10' }]);
    expect(templateChangelog(v2, restored).restored.map((o) => o.id)).toEqual(['L1-K-10']);
  });
});
