import { buildEscalationReport } from './build-escalation-report';
import { renderMarkdown } from './render-markdown';
import { renderStorage } from './render-storage';
import { reportFixture } from './testing/report-fixture';

describe('buildEscalationReport', () => {
  const report = buildEscalationReport(reportFixture());

  it('has the annex sections in order', () => {
    expect(report.sections.map((s) => s.id)).toEqual([
      'introduction',
      'summary',
      'revision',
      'problem',
      'timeline',
      'obligations',
      'action-plans',
      'root-cause',
      'arbitration',
      'lessons',
      'figures',
      'approvals',
      'discussion',
    ]);
    expect(report.title).toBe('en:title DEMO-1: Storage cluster unreachable');
  });

  it("opens with the annex's principles the introduction quotes, in its order, from the frozen template", () => {
    expect(report.sections[0]).toEqual({
      id: 'introduction',
      title: 'en:sections.introduction',
      blocks: [
        { kind: 'paragraph', text: 'en:principlesLead' },
        {
          kind: 'list',
          items: ['Escalations are the last resort. (en:chapters.introduction)', 'Stay objective. (en:chapters.definition)'],
        },
      ],
    });
    const de = buildEscalationReport(reportFixture(undefined, 'de'));
    expect(de.sections[0]!.blocks[1]).toEqual({
      kind: 'list',
      items: ['Escalations are the last resort. (de:chapters.introduction)', 'Sachlich bleiben. (de:chapters.definition)'],
    });
  });

  it('quotes all principles of a template that numbers them differently, and says so when it has none', () => {
    const fixture = reportFixture();
    const renumbered = {
      ...fixture.template,
      principles: [{ id: 'p-1', chapter: 'definition' as const, text: { de: 'Eins.', en: 'One.' } }],
    };
    expect(buildEscalationReport({ ...fixture, template: renumbered }).sections[0]!.blocks[1]).toEqual({
      kind: 'list',
      items: ['One. (en:chapters.definition)'],
    });
    const without = buildEscalationReport({ ...fixture, template: { ...fixture.template, principles: [] } });
    expect(without.sections[0]!.blocks).toEqual([{ kind: 'note', text: 'en:none' }]);
  });

  it('says per level what each party did against its obligations', () => {
    const of = (id: string) => report.obligations.find((o) => o.obligationId === id);
    expect(of('L1-C-01')).toMatchObject({ party: 'contractor', outcome: 'fulfilled', fulfilledBy: 'sam' });
    expect(of('L2-C-01')).toMatchObject({ outcome: 'open' });
    // The sweep recorded the client's deadline at level 3 as missed; the client fulfilled it later.
    expect(of('L3-K-01')).toMatchObject({ outcome: 'late', fulfilledBy: 'klaus' });
    expect(report.obligations.some((o) => o.section === 'level-4')).toBe(false);
    expect(report.obligations.some((o) => o.section === 'documentation')).toBe(true);
  });

  it('measures time at each level, time to notify and deadlines per party', () => {
    const { figures } = report;
    expect(figures.highestLevel).toBe(3);
    expect(figures.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(figures.levels[0]!.calendarMs).toBe(30 * 3_600_000);
    expect(figures.levels[0]!.businessMs).toBeLessThan(figures.levels[0]!.calendarMs);
    expect(figures.timeToNotify).toEqual({ calendarMs: 1.5 * 3_600_000, businessMs: expect.any(Number) as number });
    expect(figures.deadlines.find((d) => d.party === 'client')).toMatchObject({ missed: 1 });
    expect(figures.deadlines.find((d) => d.party === 'both')).toMatchObject({ met: 3, missed: 0 });
    expect(figures).toMatchObject({ comments: 2, jiraChanges: 2, logEvents: 26 });
  });

  it('writes German when asked', () => {
    const de = buildEscalationReport(reportFixture(undefined, 'de'));
    expect(de.title).toMatch(/^de:title DEMO-1/);
    expect(renderMarkdown(de)).toContain('## de:sections.timeline');
  });

  it('renders deterministically (the content hash depends on it)', () => {
    expect(renderStorage(buildEscalationReport(reportFixture()))).toBe(renderStorage(report));
  });
  it("carries the contractor's free texts: summary, the answer beside the client's request, lessons learned", () => {
    const summary = report.sections.find((s) => s.id === 'summary')!;
    expect(summary.blocks).toEqual([{ kind: 'paragraph', text: 'Storage cluster unreachable' }]);
    const revision = report.sections.find((s) => s.id === 'revision')!;
    expect(revision.blocks.map((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? b.text : b.kind))).toEqual([
      'en:changeRequest 1',
      'Please add the timeline of the outage.', // the client's comment, from the record
      'note',
      'en:response',
      'Done as agreed.',
    ]);
    const lessons = report.sections.find((s) => s.id === 'lessons')!;
    expect(lessons.blocks.slice(0, 2)).toEqual([
      { kind: 'heading', text: 'en:contractorLessons' },
      { kind: 'paragraph', text: 'Monitor the controller firmware.' },
    ]);
  });

  it('has no summary and no revision section without texts and without a version sent back', () => {
    const input = reportFixture();
    const first = buildEscalationReport({ ...input, texts: {}, state: { ...input.state, reports: [] } });
    expect(first.sections.map((s) => s.id)).not.toContain('summary');
    expect(first.sections.map((s) => s.id)).not.toContain('revision');
    // A version sent back is answered even when the contractor wrote nothing: the request is shown, the answer says none.
    const unanswered = buildEscalationReport({ ...input, texts: {} }).sections.find((s) => s.id === 'revision')!;
    expect(unanswered.blocks.at(-1)).toEqual({ kind: 'note', text: 'en:none' });
  });
});
