import { analyticsCsv, csvCell } from './analytics-csv';
import { revisionAnalytics } from './revision-analytics';
import { demoSummaries } from './testing-logs';

const H = 3_600_000;
const year2026 = { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
const now = new Date('2026-05-01T09:00:00.000Z');

describe('revisionAnalytics over the hand-counted demo set (see testing-logs.ts)', () => {
  const a = revisionAnalytics(demoSummaries(), year2026, now);

  it('counts escalations of the period by status, level reached, trigger, project and month', () => {
    expect(a.total).toBe(3);
    expect(a.byStatus).toEqual({ open: 1, resolved: 2, closed: 0 });
    expect(a.byLevelReached).toEqual([
      { level: 1, count: 1 },
      { level: 2, count: 1 },
      { level: 3, count: 1 },
      { level: 4, count: 0 },
    ]);
    expect(a.byTrigger).toEqual([
      { trigger: 'sla-breach', count: 2 },
      { trigger: 'contract-interpretation', count: 1 },
      { trigger: 'other', count: 0 },
    ]);
    expect(a.byProject).toEqual([
      { projectKey: 'P1', count: 2 },
      { projectKey: 'P2', count: 1 },
    ]);
    expect(a.byMonth).toEqual([
      { month: '2026-03', count: 2 },
      { month: '2026-04', count: 1 },
    ]);
  });

  it('measures the time to notify the client from detection', () => {
    expect(a.clientNotification).toEqual({ count: 2, meanMs: 2 * H, medianMs: 2 * H, maxMs: 3 * H, notNotified: 1, late: 2 });
  });

  it('measures the time at each level, a running stay until now', () => {
    expect(a.timeAtLevel[0]).toEqual({
      level: 1,
      count: 3,
      meanMs: 432 * H,
      medianMs: 24 * H,
      maxMs: 1248 * H,
      totalMs: 1296 * H,
      waitingForContractorMs: 0,
      waitingForClientMs: 0,
    });
    expect(a.timeAtLevel[1]).toMatchObject({ level: 2, count: 2, totalMs: 48 * H });
    expect(a.timeAtLevel[2]).toMatchObject({ level: 3, count: 1, totalMs: 24 * H });
    expect(a.timeAtLevel[3]).toEqual({
      level: 4,
      count: 0,
      meanMs: null,
      medianMs: null,
      maxMs: null,
      totalMs: 0,
      waitingForContractorMs: 0,
      waitingForClientMs: 0,
    });
  });

  it('counts deadlines met and missed per party', () => {
    expect(a.deadlines).toEqual([
      { party: 'contractor', met: 1, missed: 2 },
      { party: 'client', met: 0, missed: 0 },
      { party: 'both', met: 5, missed: 1 },
    ]);
  });

  it('counts per obligation how often it was late or left open at the end', () => {
    const byId = Object.fromEntries(a.obligations.map((o) => [o.obligationId, o]));
    expect(byId['L1-C-01']).toMatchObject({ late: 2, leftOpen: 0 });
    expect(byId['L1-K-01']).toMatchObject({ late: 0, leftOpen: 2, mandatory: true });
    expect(byId['L3-C-01']).toMatchObject({ late: 0, leftOpen: 1 });
    expect(byId['DOC-K-03']).toMatchObject({ leftOpen: 2, mandatory: false });
    expect(a.obligations.reduce((s, o) => s + o.leftOpen, 0)).toBe(17 + 23);
    expect(a.obligations[0]!.obligationId).toBe('DOC-C-01'); // most often late or open first, then by id
  });

  it('groups recurring root causes by wording and lists open plans and measures', () => {
    expect(a.rootCauses).toEqual([
      { text: 'Disk full.', count: 2, issueKeys: ['P1-1', 'P1-2'] },
      { text: 'Wrong configuration', count: 1, issueKeys: ['P2-1'] },
    ]);
    expect(a.openActionPlans).toEqual([{ issueKey: 'P1-2', version: 1, status: 'submitted' }]);
    expect(a.openMeasures).toEqual([{ issueKey: 'P1-1', measureId: 'M1', text: 'Monitor disks', owner: 'contractor' }]);
  });

  it('selects by the period the escalations started in', () => {
    expect(revisionAnalytics(demoSummaries(), { from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }, now).total).toBe(1);
    expect(revisionAnalytics(demoSummaries(), { from: '2026-04-01T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' }, now).total).toBe(1);
  });

  it('exports the figures as CSV blocks with quoted, formula-safe cells', () => {
    const csv = analyticsCsv(a);
    expect(csv).toContain('levelReached\r\nlevel,escalations\r\n1,1\r\n2,1\r\n3,1\r\n4,0\r\n');
    expect(csv).toContain('deadlines\r\nparty,met,missed\r\ncontractor,1,2\r\nclient,0,0\r\nboth,5,1\r\n');
    expect(csv).toContain('Disk full.,2,P1-1 P1-2');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3)).toBe('-3');
  });
});
