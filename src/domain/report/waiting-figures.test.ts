import { revisionAnalytics } from '../analytics/revision-analytics';
import { summarizeEscalation } from '../analytics/escalation-summary';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../configuration/escalation-policy';
import { TWENTY_FOUR_SEVEN } from '../deadlines/business-calendar';
import type { Actor, NewEscalationEvent } from '../escalation/escalation-event';
import { replayEscalation } from '../escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { obligationRecords, reportFigures } from './report-figures';
import { fixtureWords } from './testing/report-fixture';

/**
 * Who waited for whom, counted by hand. Around the clock; level 1 has 3 days, "zeitnah" 24 h, the
 * escalation notice 4 h. The client answers the preliminary plan 10 h late; at level 2 the contractor
 * informs management 3 h late.
 */
const contractor: Actor = { accountId: 'c', party: 'contractor' };
const client: Actor = { accountId: 'k', party: 'client' };
const POLICY: EscalationPolicy = {
  ...DEFAULT_ESCALATION_POLICY,
  calendar: TWENTY_FOUR_SEVEN,
  levelTimeFrames: { 1: { amount: 3, unit: 'calendarDays' } },
  timeFrames: { clientResponse: { amount: 24, unit: 'hours' }, escalationNotice: { amount: 4, unit: 'hours' } },
};
const START = Date.parse('2026-11-23T09:00:00.000Z');
const at = (hours: number) => new Date(START + hours * 3_600_000).toISOString();
const H = 3_600_000;

const steps: NewEscalationEvent[] = [
  {
    type: 'escalation-started',
    at: at(0),
    actor: contractor,
    trigger: 'other',
    problem: 'p',
    impact: 'i',
    template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: 1 },
    critical: false,
  },
  { type: 'client-notified', at: at(0.5), actor: contractor, channel: 'phone', note: 'n' },
  { type: 'action-plan-drafted', at: at(1), actor: contractor, planVersion: 1, stage: 'preliminary', text: 'plan' },
  { type: 'action-plan-submitted', at: at(2), actor: contractor, planVersion: 1 }, // L1-K-04 due at 26 h
  { type: 'action-plan-approved', at: at(36), actor: client, planVersion: 1 }, // client waited for: 26 → 36 h
  { type: 'level-changed', at: at(48), actor: contractor, from: 1, to: 2, reason: 'manual' }, // L2-C-01 due at 52 h
  { type: 'management-informed', at: at(55), actor: contractor, note: 'n' }, // contractor waited for: 52 → 55 h
];
const log = steps.map((e, i) => ({ ...e, seq: i + 1 }));
const state = replayEscalation(log)!;

describe('waiting time in the report and the analytics', () => {
  it('splits each level into waiting for the contractor and waiting for the client', () => {
    const input = {
      issue: { key: 'DEMO-1', summary: 's' },
      log,
      state,
      template: DEFAULT_PROCESS_TEMPLATE,
      policy: POLICY,
      changelog: [],
      comments: [],
      people: {},
      locale: 'en' as const,
      words: fixtureWords('en'),
      generatedAt: new Date(at(60)),
    };
    const figures = reportFigures(input, obligationRecords(input));
    expect(figures.levels.map((l) => [l.level, l.calendarMs / H, l.waitingForContractorMs / H, l.waitingForClientMs / H])).toEqual([
      [1, 48, 0, 10],
      [2, 12, 3, 0],
    ]);
    // Level 1 was left at 48 h, within its 72 h; level 2 is still running within its frame.
    expect(figures.deadlines.find((d) => d.party === 'both')).toEqual({ party: 'both', met: 2, missed: 0 });
    // The late answers still count as missed for their party: a pause is the waiting party's, not the late one's.
    expect(figures.deadlines.find((d) => d.party === 'client')).toMatchObject({ missed: 1 });
    expect(figures.deadlines.find((d) => d.party === 'contractor')).toMatchObject({ missed: 1 });
  });

  it('records the waits in the summary and adds them up per level in the analytics', () => {
    const issue = { id: '1', key: 'DEMO-1', projectKey: 'DEMO' };
    const summary = summarizeEscalation({ state, log, template: DEFAULT_PROCESS_TEMPLATE, issue, policy: POLICY });
    expect(summary.waits).toEqual([
      { waitingFor: 'client', from: at(26), to: at(36) },
      { waitingFor: 'contractor', from: at(52), to: at(55) },
    ]);
    // A second escalation, still waiting for the client when last recorded: counted on to the look (70 h).
    const openLog = log.slice(0, 4);
    const open = summarizeEscalation({
      state: replayEscalation(openLog)!,
      log: openLog,
      template: DEFAULT_PROCESS_TEMPLATE,
      issue: { ...issue, id: '2', key: 'DEMO-2' },
      policy: POLICY,
    });
    expect(open.waits).toEqual([]); // at its last event (2 h) nobody waits yet
    const waiting = summarizeEscalation({
      state: replayEscalation(log.slice(0, 4))!,
      log: [...openLog, { seq: 5, type: 'status-update-posted', at: at(30), actor: contractor, text: 't' }],
      template: DEFAULT_PROCESS_TEMPLATE,
      issue: { ...issue, id: '2', key: 'DEMO-2' },
      policy: POLICY,
    });
    expect(waiting.waits).toEqual([{ waitingFor: 'client', from: at(26) }]);
    const analytics = revisionAnalytics([summary, waiting], { from: at(-1), to: at(100) }, new Date(at(70)));
    const [one, two] = analytics.timeAtLevel;
    // Level 1: 10 h (first) + 44 h (second, 26 → 70 h); level 2: 3 h for the contractor.
    expect([one!.waitingForClientMs / H, one!.waitingForContractorMs / H]).toEqual([54, 0]);
    expect([two!.waitingForClientMs / H, two!.waitingForContractorMs / H]).toEqual([0, 3]);
  });
});
