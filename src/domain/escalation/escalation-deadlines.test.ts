import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../configuration/escalation-policy';
import { TWENTY_FOUR_SEVEN } from '../deadlines/business-calendar';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import type { Actor, EscalationEvent } from './escalation-event';
import { escalationDeadlines } from './escalation-deadlines';
import { replayEscalation } from './replay-escalation';

const contractor: Actor = { accountId: 'c', party: 'contractor' };
const client: Actor = { accountId: 'k', party: 'client' };
// Monday 23 Nov 2026, 10:00 in Berlin (CET, UTC+1).
const START = '2026-11-23T09:00:00.000Z';

const started: EscalationEvent = {
  seq: 1,
  type: 'escalation-started',
  at: START,
  actor: contractor,
  trigger: 'sla-breach',
  problem: 'p',
  impact: 'i',
  template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: 1 },
  detectedAt: '2026-11-23T08:30:00.000Z',
};

function deadlinesAt(events: EscalationEvent[], now: string, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY) {
  const state = replayEscalation(events)!;
  return escalationDeadlines({ state, template: DEFAULT_PROCESS_TEMPLATE, policy, now: new Date(now) });
}
const byKey = (list: ReturnType<typeof deadlinesAt>, prefix: string) => list.find((d) => d.key.startsWith(prefix));

describe('escalationDeadlines', () => {
  it('runs the level time frame in working days on the Berlin calendar', () => {
    const level = byKey(deadlinesAt([started], START), 'level-1');
    expect(level).toMatchObject({ party: 'both', timeFrame: 'levelTimeFrame', dueAt: '2026-11-26T09:00:00.000Z', state: 'ok' });
  });

  it('counts the two-hour client notification from detection, around the clock', () => {
    const list = deadlinesAt([started], START);
    expect(byKey(list, 'L1-C-02')).toMatchObject({ party: 'contractor', dueAt: '2026-11-23T10:30:00.000Z' });
    expect(byKey(deadlinesAt([started], '2026-11-23T10:05:00.000Z'), 'L1-C-02')?.state).toBe('warning');
    expect(byKey(deadlinesAt([started], '2026-11-23T10:30:00.000Z'), 'L1-C-02')).toMatchObject({ state: 'overdue', remainingMs: 0 });
  });

  it('stops the notification clock when the client was notified', () => {
    const notified: EscalationEvent = {
      seq: 2,
      type: 'client-notified',
      at: '2026-11-23T09:10:00.000Z',
      actor: contractor,
      channel: 'phone',
      note: 'n',
    };
    expect(byKey(deadlinesAt([started, notified], '2026-11-23T11:00:00.000Z'), 'L1-C-02')).toBeUndefined();
  });

  it('restarts the status-update interval from the last update', () => {
    const update: EscalationEvent = { seq: 2, type: 'status-update-posted', at: '2026-11-23T13:00:00.000Z', actor: contractor, text: 't' };
    expect(byKey(deadlinesAt([started], START), 'L1-C-06')?.dueAt).toBe('2026-11-23T13:00:00.000Z');
    // 14:00 Berlin + 4 business hours (until 17:00 = 3 h, then 08:00 + 1 h) = Tue 09:00 Berlin.
    expect(byKey(deadlinesAt([started, update], '2026-11-23T13:00:00.000Z'), 'L1-C-06')?.dueAt).toBe('2026-11-24T08:00:00.000Z');
  });

  it('keeps the status-update interval running at every level until the matter is resolved', () => {
    const up: EscalationEvent = {
      seq: 2,
      type: 'level-changed',
      at: '2026-11-26T09:00:00.000Z',
      actor: contractor,
      from: 1,
      to: 2,
      reason: 'time-frame-expired',
    };
    const update: EscalationEvent = { seq: 3, type: 'status-update-posted', at: '2026-11-26T10:00:00.000Z', actor: contractor, text: 't' };
    const atLevel2 = deadlinesAt([started, up, update], '2026-11-26T10:00:00.000Z');
    expect(byKey(atLevel2, 'L1-C-06')).toMatchObject({
      timeFrame: 'statusUpdateInterval',
      dueAt: '2026-11-26T14:00:00.000Z',
      party: 'contractor',
    });
    // Level-1 duties still open stay owed at level 2, with their clock from level 1 (follow-ups until closing).
    expect(byKey(atLevel2, 'L1-C-05')).toMatchObject({ startedAt: START, state: 'overdue' });
  });

  it('starts the client’s prompt answer when the contractor’s plan is submitted, stops it with the decision', () => {
    expect(byKey(deadlinesAt([started], START), 'L1-K-04')).toBeUndefined();
    const at = (seq: number, time: string) => ({ seq, at: time, actor: contractor });
    const drafted: EscalationEvent = {
      ...at(2, '2026-11-24T08:00:00.000Z'),
      type: 'action-plan-drafted',
      planVersion: 1,
      stage: 'preliminary',
      text: 'plan',
    };
    const submitted: EscalationEvent = { ...at(3, '2026-11-24T09:00:00.000Z'), type: 'action-plan-submitted', planVersion: 1 };
    // A tick of the plan duty is no plan: only the submitted plan starts the client's clock.
    const tick: EscalationEvent = {
      ...at(2, '2026-11-24T08:00:00.000Z'),
      type: 'obligation-fulfilled',
      obligationId: 'L1-C-04',
      note: 'plan',
    };
    expect(byKey(deadlinesAt([started, tick], '2026-11-24T09:00:00.000Z'), 'L1-K-04')).toBeUndefined();
    expect(byKey(deadlinesAt([started, drafted, submitted], '2026-11-24T09:00:00.000Z'), 'L1-K-04')).toMatchObject({
      party: 'client',
      dueAt: '2026-11-26T09:00:00.000Z',
    });
    const decided: EscalationEvent = {
      seq: 4,
      at: '2026-11-24T10:00:00.000Z',
      actor: client,
      type: 'action-plan-approved',
      planVersion: 1,
    };
    expect(byKey(deadlinesAt([started, drafted, submitted, decided], '2026-11-24T10:00:00.000Z'), 'L1-K-04')).toBeUndefined();
  });

  it('runs the two-hour notification and the top-priority clock only for a critical problem the contractor started', () => {
    const critical: EscalationEvent = { ...started, critical: true };
    expect(byKey(deadlinesAt([critical], START), 'L1-C-02')).toMatchObject({ dueAt: '2026-11-23T10:30:00.000Z' });
    expect(byKey(deadlinesAt([critical], START), 'L1-C-05')).toBeDefined();
    const notCritical: EscalationEvent = { ...started, critical: false };
    expect(byKey(deadlinesAt([notCritical], START), 'L1-C-02')).toBeUndefined();
    expect(byKey(deadlinesAt([notCritical], START), 'L1-C-05')).toBeUndefined();
    // A client that started it knows: no clock for notifying it, of the problem or of the escalation.
    const byClient: EscalationEvent = { ...critical, actor: client };
    expect(byKey(deadlinesAt([byClient], START), 'L1-C-02')).toBeUndefined();
    expect(byKey(deadlinesAt([byClient], START), 'DOC-C-02')).toBeUndefined();
    // Logs from before the question was asked: critical when started for a missed SLA.
    expect(byKey(deadlinesAt([started], START), 'L1-C-02')).toBeDefined();
    expect(byKey(deadlinesAt([{ ...started, trigger: 'contract-interpretation' }], START), 'L1-C-02')).toBeUndefined();
  });

  it('counts "umgehend" in business hours: a duty due at night waits for the morning', () => {
    // Friday 27 Nov 2026, 17:30 Berlin, started by the client: the contractor's one business hour to identify and
    // assess the problem runs out on Monday morning, not at 18:30.
    const friday: EscalationEvent = { ...started, actor: client, at: '2026-11-27T16:30:00.000Z', detectedAt: '2026-11-27T16:30:00.000Z' };
    const identify = byKey(deadlinesAt([friday], '2026-11-27T16:30:00.000Z'), 'L1-C-01');
    expect(identify?.timeFrame).toBe('immediate');
    expect(new Date(identify!.dueAt).getTime()).toBeGreaterThan(new Date('2026-11-30T07:00:00.000Z').getTime());
  });

  it('gives L3-C-01 its "umgehend" clock at level 3, and the client’s L3-K-01 one from the contractor’s notice', () => {
    const up = (seq: number, from: 1 | 2, at: string): EscalationEvent => ({
      seq,
      type: 'level-changed',
      at,
      actor: contractor,
      from,
      to: (from + 1) as 2 | 3,
      reason: 'time-frame-expired',
    });
    const atLevel3 = [started, up(2, 1, '2026-11-26T09:00:00.000Z'), up(3, 2, '2026-12-01T09:00:00.000Z')];
    const list = deadlinesAt(atLevel3, '2026-12-01T09:00:00.000Z');
    expect(byKey(list, 'L3-C-01')).toMatchObject({ timeFrame: 'immediate', startedAt: '2026-12-01T09:00:00.000Z', party: 'contractor' });
    expect(byKey(list, 'L3-K-01')).toBeUndefined();
    const informed: EscalationEvent = {
      seq: 4,
      type: 'management-informed',
      at: '2026-12-01T09:30:00.000Z',
      actor: contractor,
      note: 'CEO mail',
    };
    const after = deadlinesAt([...atLevel3, informed], '2026-12-01T09:30:00.000Z');
    expect(byKey(after, 'L3-C-01')).toBeUndefined();
    expect(byKey(after, 'L3-K-01')).toMatchObject({ startedAt: '2026-12-01T09:30:00.000Z', party: 'client' });
  });

  it('uses the project’s per-level override and its calendar', () => {
    const policy: EscalationPolicy = {
      ...DEFAULT_ESCALATION_POLICY,
      calendar: TWENTY_FOUR_SEVEN,
      levelTimeFrames: { 1: { amount: 8, unit: 'hours' } },
    };
    expect(byKey(deadlinesAt([started], START, policy), 'level-1')?.dueAt).toBe('2026-11-23T17:00:00.000Z');
  });

  it('gives a new level its own time frame and key, and none at level 4', () => {
    const up: EscalationEvent = {
      seq: 2,
      type: 'level-changed',
      at: '2026-11-26T09:00:00.000Z',
      actor: contractor,
      from: 1,
      to: 2,
      reason: 'time-frame-expired',
    };
    const list = deadlinesAt([started, up], '2026-11-26T09:00:00.000Z');
    expect(byKey(list, 'level-2')?.key).toBe('level-2@2026-11-26T09:00:00.000Z');
    expect(byKey(list, 'level-1')).toBeUndefined();
    const events: EscalationEvent[] = [started, up, { ...up, seq: 3, from: 2, to: 3 }, { ...up, seq: 4, from: 3, to: 4 }];
    expect(deadlinesAt(events, '2026-11-26T09:00:00.000Z').filter((d) => d.timeFrame === 'levelTimeFrame')).toEqual([]);
  });

  it('has no deadlines once resolved', () => {
    const resolved: EscalationEvent = { seq: 2, type: 'escalation-resolved', at: START, actor: contractor, resolution: 'r' };
    expect(deadlinesAt([started, resolved], START)).toEqual([]);
  });

  it('lists deadlines soonest first', () => {
    const list = deadlinesAt([started], START);
    expect(list.map((d) => d.dueAt)).toEqual([...list.map((d) => d.dueAt)].sort());
  });
});
