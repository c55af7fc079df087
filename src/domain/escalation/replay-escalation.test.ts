import type { EscalationEvent } from './escalation-event';
import { CorruptLogError, replayEscalation } from './replay-escalation';

const started: EscalationEvent = {
  seq: 1,
  type: 'escalation-started',
  at: '2026-11-23T09:00:00.000Z',
  actor: { accountId: 'a', party: 'contractor' },
  trigger: 'other',
  problem: 'p',
  impact: 'i',
  template: { id: 't', version: 1 },
};

describe('replayEscalation', () => {
  it('has no state for an empty log', () => {
    expect(replayEscalation([])).toBeUndefined();
  });

  it('refuses a log that does not begin with a start', () => {
    const status: EscalationEvent = { seq: 1, type: 'status-update-posted', at: started.at, actor: started.actor, text: 't' };
    expect(() => replayEscalation([status])).toThrow(CorruptLogError);
  });

  it('refuses gaps and duplicates in the sequence', () => {
    const status: EscalationEvent = { seq: 3, type: 'status-update-posted', at: started.at, actor: started.actor, text: 't' };
    expect(() => replayEscalation([started, status])).toThrow(/sequence number 3/);
    expect(() => replayEscalation([started, { ...started, seq: 2 }])).toThrow(/started twice/);
  });

  it('is a pure function of the log', () => {
    expect(replayEscalation([started])).toEqual(replayEscalation([structuredClone(started)]));
  });
});
