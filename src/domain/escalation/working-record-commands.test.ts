import { CommandLog, decisionCode } from '../testing/command-log';
import { TEST_TEMPLATE } from '../testing/test-template';
import type { Actor } from './escalation-event';
import { escalationEventSchema } from './escalation-event';
import { escalate, giveArbitrationConsent, startEscalation } from './escalation-commands';
import {
  completePreventiveMeasure,
  decideActionPlan,
  decideArbitrator,
  draftActionPlan,
  proposeArbitrator,
  recordArbitrationOutcome,
  recordArbitrationSession,
  recordPreventiveMeasure,
  recordRootCause,
  submitActionPlan,
} from './working-record-commands';

const contractor: Actor = { accountId: 'sam', party: 'contractor' };
const client: Actor = { accountId: 'klaus', party: 'client' };
const system: Actor = { accountId: 'app', party: 'system' };

const code = decisionCode;

function started(): CommandLog {
  const log = new CommandLog(TEST_TEMPLATE);
  return log.do((s) => startEscalation(s, { trigger: 'other', problem: 'p', impact: 'i' }, log.ctx(contractor)));
}

describe('action plan', () => {
  it('goes draft → submitted → changes requested → new version → approved, keeping every version', () => {
    const log = started();
    log.do((s) => draftActionPlan(s, { stage: 'preliminary', text: 'Restart the cluster' }, log.ctx(contractor)));
    log.do((s) => submitActionPlan(s, { planVersion: 1 }, log.ctx(contractor)));
    expect(code(log.try((s) => decideActionPlan(s, { planVersion: 1, decision: 'request-changes' }, log.ctx(client))))).toBe(
      'comment-required',
    );
    log.do((s) => decideActionPlan(s, { planVersion: 1, decision: 'request-changes', comment: 'Add a rollback' }, log.ctx(client)));
    log.do((s) => draftActionPlan(s, { stage: 'detailed', text: 'Restart, then roll back if needed' }, log.ctx(contractor)));
    log.do((s) => submitActionPlan(s, { planVersion: 2 }, log.ctx(contractor)));
    log.do((s) => decideActionPlan(s, { planVersion: 2, decision: 'approve', comment: 'Go' }, log.ctx(client)));
    expect(log.state.actionPlans.map((p) => [p.version, p.stage, p.status, p.decision?.note])).toEqual([
      [1, 'preliminary', 'changes-requested', 'Add a rollback'],
      [2, 'detailed', 'approved', 'Go'],
    ]);
    log.events.forEach((e) => expect(escalationEventSchema.parse(e)).toEqual(e));
  });

  it('is drafted and submitted by the contractor, decided by the client, in order', () => {
    const log = started();
    expect(code(log.try((s) => draftActionPlan(s, { stage: 'preliminary', text: 't' }, log.ctx(client))))).toBe('wrong-party');
    log.do((s) => draftActionPlan(s, { stage: 'preliminary', text: 't' }, log.ctx(contractor)));
    expect(code(log.try((s) => decideActionPlan(s, { planVersion: 1, decision: 'approve' }, log.ctx(client))))).toBe('record-state');
    expect(code(log.try((s) => submitActionPlan(s, { planVersion: 1 }, log.ctx(client))))).toBe('wrong-party');
    expect(code(log.try((s) => submitActionPlan(s, { planVersion: 9 }, log.ctx(contractor))))).toBe('unknown-record');
    log.do((s) => submitActionPlan(s, { planVersion: 1 }, log.ctx(contractor)));
    expect(code(log.try((s) => submitActionPlan(s, { planVersion: 1 }, log.ctx(contractor))))).toBe('record-state');
    expect(code(log.try((s) => decideActionPlan(s, { planVersion: 1, decision: 'approve' }, log.ctx(contractor))))).toBe('wrong-party');
    expect(code(log.try((s) => decideActionPlan(s, { planVersion: 1, decision: 'approve' }, log.ctx(system))))).toBe('system-not-allowed');
  });
});

describe('root cause and preventive measures', () => {
  it('records analyses and numbered measures that their owner completes', () => {
    const log = started();
    log.do((s) => recordRootCause(s, { text: 'Certificate expired' }, log.ctx(contractor)));
    log.do((s) => recordRootCause(s, { text: 'No expiry monitoring on our side' }, log.ctx(client)));
    log.do((s) => recordPreventiveMeasure(s, { text: 'Monitor expiry', owner: 'contractor' }, log.ctx(client)));
    log.do((s) => recordPreventiveMeasure(s, { text: 'Review jointly', owner: 'both' }, log.ctx(contractor)));
    expect(code(log.try((s) => completePreventiveMeasure(s, { measureId: 'M1', note: 'n' }, log.ctx(client))))).toBe('wrong-party');
    log.do((s) => completePreventiveMeasure(s, { measureId: 'M1', note: 'Alert set up' }, log.ctx(contractor)));
    log.do((s) => completePreventiveMeasure(s, { measureId: 'M2', note: 'Held' }, log.ctx(client)));
    expect(code(log.try((s) => completePreventiveMeasure(s, { measureId: 'M2', note: 'n' }, log.ctx(client))))).toBe('record-state');
    expect(code(log.try((s) => completePreventiveMeasure(s, { measureId: 'M7', note: 'n' }, log.ctx(client))))).toBe('unknown-record');
    expect(log.state.rootCauses.map((r) => r.actor.party)).toEqual(['contractor', 'client']);
    expect(log.state.preventiveMeasures.map((m) => [m.measureId, m.owner, m.done?.note])).toEqual([
      ['M1', 'contractor', 'Alert set up'],
      ['M2', 'both', 'Held'],
    ]);
  });
});

describe('arbitration records', () => {
  function atLevel3(): CommandLog {
    const log = started();
    log.do((s) => escalate(s, {}, log.ctx(system)));
    log.do((s) => escalate(s, {}, log.ctx(system)));
    return log;
  }

  it('lets the contractor propose arbitrators from level 3 and the client decide each once', () => {
    const early = started();
    expect(code(early.try((s) => proposeArbitrator(s, { name: 'Dr. Schlichter' }, early.ctx(contractor))))).toBe('not-at-level-3');
    const log = atLevel3();
    log.do((s) => proposeArbitrator(s, { name: 'Dr. Schlichter', organisation: 'IHK Schlichtungsstelle' }, log.ctx(contractor)));
    log.do((s) => proposeArbitrator(s, { name: 'DIS' }, log.ctx(contractor)));
    expect(code(log.try((s) => proposeArbitrator(s, { name: 'x' }, log.ctx(client))))).toBe('wrong-party');
    log.do((s) => decideArbitrator(s, { proposalId: 'A1', decision: 'approved' }, log.ctx(client)));
    log.do((s) => decideArbitrator(s, { proposalId: 'A2', decision: 'rejected', note: 'Too expensive' }, log.ctx(client)));
    expect(code(log.try((s) => decideArbitrator(s, { proposalId: 'A1', decision: 'rejected' }, log.ctx(client))))).toBe('record-state');
    expect(code(log.try((s) => decideArbitrator(s, { proposalId: 'A3', decision: 'approved' }, log.ctx(contractor))))).toBe('wrong-party');
    expect(log.state.arbitrators.map((a) => [a.proposalId, a.decision?.decision])).toEqual([
      ['A1', 'approved'],
      ['A2', 'rejected'],
    ]);
  });

  it('records sessions and the outcome only once arbitration was reached', () => {
    const log = atLevel3();
    expect(code(log.try((s) => recordArbitrationSession(s, { heldOn: '2026-12-01', summary: 's' }, log.ctx(client))))).toBe(
      'not-in-arbitration',
    );
    log.do((s) => giveArbitrationConsent(s, {}, log.ctx(contractor))).do((s) => giveArbitrationConsent(s, {}, log.ctx(client)));
    log.do((s) => escalate(s, {}, log.ctx(client)));
    log.do((s) => recordArbitrationSession(s, { heldOn: '2026-12-01', summary: 'First hearing' }, log.ctx(client)));
    log.do((s) => recordArbitrationOutcome(s, { outcome: 'Settlement: credit note' }, log.ctx(contractor)));
    expect(log.state.arbitrationSessions).toHaveLength(1);
    expect(log.state.arbitrationOutcome?.outcome).toBe('Settlement: credit note');
  });
});
