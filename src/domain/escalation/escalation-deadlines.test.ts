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
    // Other level-1 duties are not owed at level 2.
    expect(byKey(atLevel2, 'L1-C-05')).toBeUndefined();
  });

  it('starts the client’s prompt answer when the contractor delivered its paired item', () => {
    expect(byKey(deadlinesAt([started], START), 'L1-K-04')).toBeUndefined();
    const plan: EscalationEvent = {
      seq: 2,
      type: 'obligation-fulfilled',
      at: '2026-11-24T09:00:00.000Z',
      actor: contractor,
      obligationId: 'L1-C-04',
      note: 'plan',
    };
    expect(byKey(deadlinesAt([started, plan], '2026-11-24T09:00:00.000Z'), 'L1-K-04')).toMatchObject({
      party: 'client',
      dueAt: '2026-11-26T09:00:00.000Z',
    });
    const reviewed: EscalationEvent = {
      seq: 3,
      type: 'obligation-fulfilled',
      at: '2026-11-24T10:00:00.000Z',
      actor: client,
      obligationId: 'L1-K-04',
      note: 'ok',
    };
    expect(byKey(deadlinesAt([started, plan, reviewed], '2026-11-24T10:00:00.000Z'), 'L1-K-04')).toBeUndefined();
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
