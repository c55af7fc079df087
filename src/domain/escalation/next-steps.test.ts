import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy } from '../configuration/escalation-policy';
import { TWENTY_FOUR_SEVEN } from '../deadlines/business-calendar';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import type { Actor, EscalationEvent } from './escalation-event';
import { escalationDeadlines } from './escalation-deadlines';
import { explainClock, nextSteps } from './next-steps';
import { replayEscalation } from './replay-escalation';

const contractor: Actor = { accountId: 'c', party: 'contractor' };
const client: Actor = { accountId: 'k', party: 'client' };
// Monday 23 Nov 2026, 10:00 in Berlin.
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

function stepsAt(events: EscalationEvent[], now: string, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY) {
  const state = replayEscalation(events)!;
  const deadlines = escalationDeadlines({ state, template: DEFAULT_PROCESS_TEMPLATE, policy, now: new Date(now) });
  return nextSteps({ state, template: DEFAULT_PROCESS_TEMPLATE, policy, deadlines });
}

describe('nextSteps', () => {
  it('lists the contractor’s clocked duties soonest first (the client notice among them), and when the next level starts by itself', () => {
    const steps = stepsAt([started], START);
    expect(steps.contractor[0]).toMatchObject({ kind: 'obligation', dueAt: '2026-11-23T10:00:00.000Z' });
    expect(steps.contractor).toContainEqual(expect.objectContaining({ obligationId: 'L1-C-02', dueAt: '2026-11-23T10:30:00.000Z' }));
    expect(steps.client.every((s) => s.kind === 'obligation' && !s.obligationId.includes('-C-'))).toBe(true);
    // Clocked duties come before the mandatory ones without a clock, soonest first.
    const clocked = steps.contractor
      .filter((s) => s.kind === 'obligation' && s.dueAt)
      .map((s) => (s.kind === 'obligation' ? s.dueAt! : ''));
    expect(clocked).toEqual([...clocked].sort());
    expect(steps.levelOutcome).toMatchObject({ outcome: 'escalate', nextLevel: 2, dueAt: '2026-11-26T09:00:00.000Z', state: 'ok' });
  });

  it('names the client’s pending decision on a submitted action plan, once (not again as its obligation)', () => {
    const drafted: EscalationEvent = {
      seq: 2,
      type: 'action-plan-drafted',
      at: '2026-11-23T09:10:00.000Z',
      actor: contractor,
      planVersion: 1,
      stage: 'preliminary',
      text: 'plan',
    };
    const submitted: EscalationEvent = {
      seq: 3,
      type: 'action-plan-submitted',
      at: '2026-11-23T09:20:00.000Z',
      actor: contractor,
      planVersion: 1,
    };
    const steps = stepsAt([started, drafted, submitted], '2026-11-23T09:30:00.000Z');
    expect(steps.client[0]).toEqual({ kind: 'decide-action-plan', version: 1, stage: 'preliminary', since: '2026-11-23T09:20:00.000Z' });
    const decisionDuties = steps.client.filter(
      (s) => s.kind === 'obligation' && s.records.some((r) => r === 'preliminary-plan-decided' || r === 'detailed-plan-decided'),
    );
    expect(decisionDuties).toEqual([]);
    expect(steps.contractor.some((s) => s.kind === 'decide-action-plan')).toBe(false);
  });

  it('asks the other party to answer a proposal, never the proposer', () => {
    const proposed: EscalationEvent = {
      seq: 2,
      type: 'change-proposed',
      at: '2026-11-23T09:30:00.000Z',
      actor: client,
      change: 'resolve',
      text: 'fixed',
    };
    const steps = stepsAt([started, proposed], '2026-11-23T09:40:00.000Z');
    expect(steps.contractor[0]).toEqual({ kind: 'answer-proposal', change: 'resolve', proposalSeq: 2, since: '2026-11-23T09:30:00.000Z' });
    expect(steps.client.some((s) => s.kind === 'answer-proposal')).toBe(false);
  });

  it('only notifies when the project chose so, and proposes conciliation at level 3', () => {
    const notify = stepsAt([started], START, { ...DEFAULT_ESCALATION_POLICY, onLevelTimeFrameExpired: 'notify' });
    expect(notify.levelOutcome).toMatchObject({ outcome: 'notify' });
    expect(notify.levelOutcome?.nextLevel).toBeUndefined();
  });
});

describe('explainClock', () => {
  it('names the counting of the frame (business hours or round the clock) and what started it', () => {
    const state = { level: 1 as const };
    const template = DEFAULT_PROCESS_TEMPLATE;
    expect(explainClock({ deadline: { timeFrame: 'levelTimeFrame' }, state, template, policy: DEFAULT_ESCALATION_POLICY })).toEqual({
      counting: 'business',
      from: 'levelEntered',
    });
    expect(
      explainClock({
        deadline: { timeFrame: 'criticalNotification', obligationId: 'L1-C-02' },
        state,
        template,
        policy: DEFAULT_ESCALATION_POLICY,
      }),
    ).toEqual({ counting: 'continuous', from: 'problemDetected' });
    const allDay = { ...DEFAULT_ESCALATION_POLICY, calendar: TWENTY_FOUR_SEVEN };
    expect(explainClock({ deadline: { timeFrame: 'levelTimeFrame' }, state, template, policy: allDay }).counting).toBe('continuous');
  });
});
