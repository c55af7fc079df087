import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../configuration/escalation-policy';
import { TWENTY_FOUR_SEVEN } from '../deadlines/business-calendar';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import type { ProcessTemplate } from '../process/process-template';
import type { Actor, EscalationEvent } from './escalation-event';
import { escalationDeadlines } from './escalation-deadlines';
import { dueNotice, nextCheckAt } from './deadline-checks';
import { fairTime, pauseClock, waitingTimeWithin } from './fair-time';
import { replayEscalation } from './replay-escalation';

const contractor: Actor = { accountId: 'c', party: 'contractor' };
const client: Actor = { accountId: 'k', party: 'client' };
// Around the clock, so the hand count is plain arithmetic; level 1 frame 3 days, "zeitnah" 1 day.
const POLICY: EscalationPolicy = {
  ...DEFAULT_ESCALATION_POLICY,
  calendar: TWENTY_FOUR_SEVEN,
  levelTimeFrames: { 1: { amount: 3, unit: 'calendarDays' } },
  timeFrames: { clientResponse: { amount: 24, unit: 'hours' } },
};
const START = '2026-11-23T09:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000).toISOString();

const log: EscalationEvent[] = [
  {
    seq: 1,
    type: 'escalation-started',
    at: START,
    actor: contractor,
    trigger: 'other',
    problem: 'p',
    impact: 'i',
    template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: 1 },
    critical: false,
  },
  { seq: 2, type: 'client-notified', at: at(0.5), actor: contractor, channel: 'phone', note: 'n' },
  { seq: 3, type: 'action-plan-drafted', at: at(1), actor: contractor, planVersion: 1, stage: 'preliminary', text: 'plan' },
  // The preliminary plan goes to the client at +2 h: its "zeitnah" answer (L1-K-04) is due at +26 h.
  { seq: 4, type: 'action-plan-submitted', at: at(2), actor: contractor, planVersion: 1 },
];
const approved: EscalationEvent = { seq: 5, type: 'action-plan-approved', at: at(36), actor: client, planVersion: 1 };

const deadlines = (events: EscalationEvent[], now: string, policy = POLICY) =>
  escalationDeadlines({ state: replayEscalation(events)!, template: DEFAULT_PROCESS_TEMPLATE, policy, now: new Date(now) });
const levelOf = (list: ReturnType<typeof deadlines>) => list.find((d) => d.key.startsWith('level-1'))!;

describe('fair time', () => {
  it('runs the level clock as agreed while nobody is in default', () => {
    expect(levelOf(deadlines(log, at(20)))).toMatchObject({ state: 'ok', dueAt: at(72) });
    expect(levelOf(deadlines(log, at(20))).pausedSince).toBeUndefined();
  });

  it('pauses the level clock while the client owes an overdue answer, and moves its due time by the wait', () => {
    const level = levelOf(deadlines(log, at(30)));
    // L1-K-04 overdue since +26 h: 4 h of waiting for the client so far.
    expect(level).toMatchObject({
      state: 'paused',
      pausedSince: at(26),
      waitingFor: 'client',
      agreedDueAt: at(72),
      dueAt: at(76),
      remainingMs: 46 * 3_600_000,
    });
    // Standing still: two hours later the same time is left.
    expect(levelOf(deadlines(log, at(32))).remainingMs).toBe(46 * 3_600_000);
  });

  it('runs on when the client answered: due as agreed plus the 10 h waited', () => {
    const level = levelOf(deadlines([...log, approved], at(40)));
    expect(level).toMatchObject({ state: 'ok', agreedDueAt: at(72), dueAt: at(82) });
    expect(level.pausedSince).toBeUndefined();
    expect(levelOf(deadlines([...log, approved], at(60))).remainingMs).toBe(22 * 3_600_000);
    // Looked at the very moment of the answer: done is done, the clock runs.
    expect(levelOf(deadlines([...log, approved], at(36)))).toMatchObject({ state: 'ok', dueAt: at(82) });
  });

  it('keeps the overdue duty itself running, and the sweep neither warns nor looks again at the paused clock', () => {
    const list = deadlines(log, at(30));
    expect(list.find((d) => d.obligationId === 'L1-K-04')).toMatchObject({ state: 'overdue', party: 'client' });
    const state = replayEscalation(log)!;
    const level = levelOf(list);
    expect(dueNotice(state, level, new Date(at(30)))).toBeUndefined();
    expect(nextCheckAt(state, [level], new Date(at(30)))).toBeUndefined();
  });

  it('keeps the level clock running for a party that simply does nothing: there the remedy is the next level', () => {
    // Nobody acts after the start: the contractor's notice (DOC-C-02, 4 h) runs out, the client waits for it.
    const untouched = [log[0]!];
    expect(levelOf(deadlines(untouched, at(30)))).toMatchObject({ state: 'ok', dueAt: at(72) });
    const { waits } = fairTime({ state: replayEscalation(untouched)!, template: DEFAULT_PROCESS_TEMPLATE, policy: POLICY, until: at(30) });
    expect(waits).toEqual([{ waitingFor: 'contractor', from: at(4), to: at(30), open: true }]);
  });

  it('does not pause a time frame the policy exempts', () => {
    const policy: EscalationPolicy = { ...POLICY, pauseWhileWaiting: { levelTimeFrame: false } };
    expect(levelOf(deadlines(log, at(30), policy))).toMatchObject({ state: 'ok', dueAt: at(72) });
  });

  it('counts who waited for whom, and nobody waits while both are in default', () => {
    const state = replayEscalation([...log, approved])!;
    const { waits } = fairTime({ state, template: DEFAULT_PROCESS_TEMPLATE, policy: POLICY, until: at(48) });
    expect(waits).toEqual([{ waitingFor: 'client', from: at(26), to: at(36), open: false }]);
    expect(waitingTimeWithin(waits, START, at(48))).toEqual({ client: 10 * 3_600_000, contractor: 0 });
    expect(waitingTimeWithin(waits, at(30), at(48))).toEqual({ client: 6 * 3_600_000, contractor: 0 });
  });

  it('pauses a duty while the paired item of the other party is overdue (a template that pairs two clocks)', () => {
    // Give the client's L1-K-01 a clock from the level's start (8 h): it depends on the contractor's L1-C-01 (immediate).
    const template: ProcessTemplate = {
      ...DEFAULT_PROCESS_TEMPLATE,
      obligations: DEFAULT_PROCESS_TEMPLATE.obligations.map((o) =>
        o.id === 'L1-K-01' ? { ...o, deadline: { timeFrame: 'clientResponse', from: 'levelEntered', quote: 'q', recurring: false } } : o,
      ),
    };
    const policy: EscalationPolicy = {
      ...POLICY,
      timeFrames: { clientResponse: { amount: 8, unit: 'hours' }, immediate: { amount: 1, unit: 'hours' } },
    };
    // Started by the client: L1-C-01 ("unverzüglich", 1 h) is the contractor's and stays open.
    const byClient: EscalationEvent[] = [{ ...(log[0] as EscalationEvent & { type: 'escalation-started' }), actor: client }];
    const state = replayEscalation(byClient)!;
    const list = escalationDeadlines({ state, template, policy, now: new Date(at(3)) });
    expect(list.find((d) => d.obligationId === 'L1-C-01')).toMatchObject({ state: 'overdue', dueAt: at(1) });
    expect(list.find((d) => d.obligationId === 'L1-K-01')).toMatchObject({
      state: 'paused',
      waitingFor: 'contractor',
      pausedSince: at(1),
      agreedDueAt: at(8),
      dueAt: at(10),
    });
  });
});

describe('pauseClock', () => {
  const base = { startedAt: at(0), agreedDueAt: at(10), until: at(20), policy: POLICY, calendar: 'continuous' as const };
  it('ignores a wait that began after the clock ran out', () => {
    expect(pauseClock({ ...base, blockers: [{ waitingFor: 'client', from: at(11), to: at(15) }] })).toEqual({ dueAt: at(10), pauses: [] });
  });

  it('adds up successive waits, and a later wait that now falls before the moved due time counts too', () => {
    const { dueAt, pauses } = pauseClock({
      ...base,
      blockers: [
        { waitingFor: 'client', from: at(2), to: at(5) },
        { waitingFor: 'contractor', from: at(11), to: at(12) },
      ],
    });
    expect(dueAt).toBe(at(14));
    expect(pauses.map((p) => [p.from, p.to, p.waitingFor])).toEqual([
      [at(2), at(5), 'client'],
      [at(11), at(12), 'contractor'],
    ]);
  });

  it('counts only working time on a business clock (Berlin, Friday 16:00 to Monday 09:00 is 2 h)', () => {
    const policy = DEFAULT_ESCALATION_POLICY;
    const { dueAt } = pauseClock({
      startedAt: '2026-11-27T08:00:00.000Z',
      agreedDueAt: '2026-11-30T12:00:00.000Z',
      blockers: [{ waitingFor: 'client', from: '2026-11-27T15:00:00.000Z', to: '2026-11-30T08:00:00.000Z' }],
      until: '2026-12-01T00:00:00.000Z',
      policy,
      calendar: 'business',
    });
    expect(dueAt).toBe('2026-11-30T14:00:00.000Z');
  });
});
