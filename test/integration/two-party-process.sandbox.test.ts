import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, configureDemoProject, invokePanel, type DemoUser } from '../../sandbox/app-demo/demo-escalations';
import { satisfyDuties } from '../../sandbox/app-demo/work-through';
import type { EscalationPanelView, ObligationItem } from '../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverPayload } from '../../src/shared/resolver-contract';

/**
 * The annex as two companies run it, through the panel's real resolvers on the sandbox (default template):
 * records fulfil the duties they prove, approvals exist only as themselves, changes both parties make are a
 * proposal and an acceptance, a party in default cannot block the remedy, and clocks run only where the annex
 * names a time.
 */
const appDir = path.resolve(__dirname, '../..');
const HOUR = 3_600_000;
const ISSUE = 'DEMO-3';
const PEOPLE = { contractor: 'sam', client: 'klaus' } as const;
let sandbox: PlatformSandbox;

beforeEach(async () => {
  // Monday 23 Nov 2026, 09:00 Berlin.
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
});
afterEach(async () => sandbox.close());

const view = async (user: DemoUser = 'sam') => (await act(sandbox, user, ISSUE, 'getEscalation', {})).escalation!;
function item(v: EscalationPanelView['escalation'], id: string): ObligationItem {
  for (const section of v!.sections)
    for (const pair of section.pairs) for (const o of [pair.contractor, pair.client]) if (o?.id === id) return o;
  throw new Error(`${id} is not shown`);
}
async function refused<K extends ResolverKey>(user: DemoUser, key: K, payload: ResolverPayload<K>) {
  const response = await invokePanel(sandbox, user, ISSUE, key, payload);
  if (response.ok) throw new Error(`${key} as ${user} was accepted`);
  return response.error;
}
const start = (user: DemoUser, critical: boolean) =>
  act(sandbox, user, ISSUE, 'startEscalation', { trigger: 'sla-breach', problem: 'Restore fails', impact: 'No backup', critical });

describe('records are the evidence', () => {
  it('each record fulfils the obligations it is, for both parties, with nothing ticked', async () => {
    await start('sam', true);
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
    await act(sandbox, 'klaus', ISSUE, 'acknowledgeNotice', { note: 'Received' });
    await act(sandbox, 'sam', ISSUE, 'postStatusUpdate', { text: 'Vendor on site' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 });
    await act(sandbox, 'klaus', ISSUE, 'decideActionPlan', { planVersion: 1, decision: 'approve' });
    await act(sandbox, 'sam', ISSUE, 'recordRootCause', { text: 'Firmware bug' });
    const v = await view('klaus');
    const proven = (id: string) => ({ id, via: item(v, id).fulfilment?.via, evidence: item(v, id).fulfilment?.evidence });
    expect(
      ['L1-C-01', 'DOC-C-01', 'L1-C-02', 'DOC-C-02', 'DOC-K-01', 'L1-C-06', 'L1-C-04', 'L1-K-04', 'L1-C-09', 'DOC-C-03'].map(proven),
    ).toEqual([
      { id: 'L1-C-01', via: 'record', evidence: 'escalation-started' },
      { id: 'DOC-C-01', via: 'record', evidence: 'escalation-started' },
      { id: 'L1-C-02', via: 'record', evidence: 'client-notified' },
      { id: 'DOC-C-02', via: 'record', evidence: 'client-notified' },
      { id: 'DOC-K-01', via: 'record', evidence: 'notice-acknowledged' },
      { id: 'L1-C-06', via: 'record', evidence: 'status-update-posted' },
      { id: 'L1-C-04', via: 'record', evidence: 'preliminary-plan-submitted' },
      { id: 'L1-K-04', via: 'record', evidence: 'preliminary-plan-decided' },
      { id: 'L1-C-09', via: 'record', evidence: 'root-cause-recorded' },
      { id: 'DOC-C-03', via: 'record', evidence: 'root-cause-recorded' },
    ]);
    expect(item(v, 'L1-C-07').fulfilment?.via).toBe('automatic');
    expect(v.timeline.filter((e) => e.type === 'obligation-fulfilled')).toEqual([]);
    // Booked once: the duty a record proves cannot be ticked as well.
    expect(await refused('sam', 'fulfilObligation', { obligationId: 'L1-C-09', note: 'again' })).toMatchObject({
      reason: 'already-fulfilled',
    });
  });

  it('an approval cannot be ticked: it exists only as the approval itself', async () => {
    await start('sam', false);
    for (const id of ['L1-K-04', 'DOC-K-04', 'DOC-K-07'])
      expect(await refused('klaus', 'fulfilObligation', { obligationId: id, note: 'approved, trust me' })).toMatchObject({
        code: 'rejected',
        reason: 'fulfilled-by-record',
      });
    expect(item(await view(), 'DOC-K-07').fulfilment).toBeUndefined();
    // A duty done outside the app is ticked with its note; a "bei Bedarf" one may be marked not applicable.
    await act(sandbox, 'klaus', ISSUE, 'fulfilObligation', { obligationId: 'L1-K-01', note: 'Logs shared' });
    await act(sandbox, 'klaus', ISSUE, 'markNotApplicable', { obligationId: 'L1-K-05', reason: 'No extra staff needed' });
    expect(await refused('klaus', 'markNotApplicable', { obligationId: 'L1-K-01', reason: 'x' })).toMatchObject({
      reason: 'already-fulfilled',
    });
    expect(await refused('klaus', 'markNotApplicable', { obligationId: 'L1-K-06', reason: 'x' })).toMatchObject({
      reason: 'not-applicable-not-allowed',
    });
    const v = await view('sam'); // the other party sees the reason
    expect(item(v, 'L1-K-05').fulfilment).toMatchObject({ via: 'not-applicable', note: 'No extra staff needed' });
  });
});

describe('changes both parties make', () => {
  it('de-escalation and resolution are a proposal and an acceptance; the proposer cannot accept', async () => {
    await start('sam', false);
    await satisfyDuties(sandbox, ISSUE, ['L1-C-04', 'L1-K-01', 'L1-K-04', 'L1-K-06'], PEOPLE);
    const proposed = await act(sandbox, 'klaus', ISSUE, 'proposeEscalation', { note: 'Needs management' });
    const seq = proposed.escalation!.proposal!.seq;
    expect(await refused('klaus', 'answerProposal', { proposalSeq: seq, accept: true })).toMatchObject({ reason: 'own-proposal' });
    await act(sandbox, 'sam', ISSUE, 'answerProposal', { proposalSeq: seq, accept: true });
    expect((await view()).level).toBe(2);

    const down = (await act(sandbox, 'sam', ISSUE, 'deEscalate', { note: 'Plan works' })).escalation!;
    expect(down).toMatchObject({ level: 2, proposal: { change: 'de-escalate' } });
    await act(sandbox, 'klaus', ISSUE, 'answerProposal', { proposalSeq: down.proposal!.seq, accept: false, reason: 'Not yet' });
    expect((await view()).level).toBe(2);
    const again = (await act(sandbox, 'sam', ISSUE, 'deEscalate', { note: 'Plan works now' })).escalation!;
    await act(sandbox, 'klaus', ISSUE, 'answerProposal', { proposalSeq: again.proposal!.seq, accept: true });
    expect((await view()).level).toBe(1);

    const resolution = (await act(sandbox, 'sam', ISSUE, 'resolveEscalation', { resolution: 'Fixed' })).escalation!;
    expect(resolution.status).toBe('open');
    await act(sandbox, 'klaus', ISSUE, 'answerProposal', { proposalSeq: resolution.proposal!.seq, accept: true });
    expect((await view()).status).toBe('resolved');
  });

  it('lets a party escalate at once when the other missed a mandatory deadline of the level; its own open duties hold it back', async () => {
    await start('sam', true); // critical: the contractor owes the client notice within two hours
    await sandbox.advanceClock(1 * HOUR);
    expect(await refused('klaus', 'escalate', {})).toMatchObject({ reason: 'open-obligations', awaitedParty: 'client' });
    await act(sandbox, 'klaus', ISSUE, 'fulfilObligation', { obligationId: 'L1-K-01', note: 'Logs shared' });
    await act(sandbox, 'klaus', ISSUE, 'fulfilObligation', { obligationId: 'L1-K-06', note: 'Klaus receives updates' });
    // Nothing missed yet (the client's plan decision is not owed while no plan was submitted).
    expect(await refused('klaus', 'escalate', {})).toMatchObject({ reason: 'time-frame-not-expired' });
    await sandbox.advanceClock(2 * HOUR); // the two hours are over, nobody was notified
    await act(sandbox, 'klaus', ISSUE, 'escalate', { note: 'We were not notified' });
    const v = await view();
    expect(v.level).toBe(2);
    expect(v.timeline.filter((e) => e.type === 'level-changed')).toMatchObject([
      { reason: 'other-party-defaulted', actor: { party: 'client' } },
    ]);
    // Every escalation informs: the new level's contacts were told, as after an automatic one.
    expect(v.timeline.at(-1)).toMatchObject({ type: 'notification-sent', purpose: 'escalated' });
    // The contractor's notice is still owed at level 2 and can be given there (a follow-up of level 1).
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'email', note: 'Late notice' });
    expect(item(await view(), 'L1-C-02').fulfilment).toMatchObject({ via: 'record', evidence: 'client-notified' });
  });

  it('prepares conciliation at level 3, and enters and leaves level 4 only together', async () => {
    await start('sam', false);
    await satisfyDuties(sandbox, ISSUE, ['L1-C-04', 'L1-K-01', 'L1-K-04', 'L1-K-06'], PEOPLE);
    for (let level = 1; level <= 2; level++) {
      const p = (await act(sandbox, 'sam', ISSUE, 'proposeEscalation', { note: `up from ${level}` })).escalation!.proposal!;
      await act(sandbox, 'klaus', ISSUE, 'answerProposal', { proposalSeq: p.seq, accept: true });
    }
    const atLevel3 = await view();
    expect(atLevel3.level).toBe(3);
    // The preparation duties of level 4 are shown and workable at level 3; consent waits for them.
    expect(item(atLevel3, 'L4-C-01').fulfilment).toBeUndefined();
    expect(await refused('klaus', 'giveArbitrationConsent', {})).toMatchObject({ reason: 'preparation-open', awaitedParty: 'contractor' });
    await act(sandbox, 'sam', ISSUE, 'proposeArbitrator', { name: 'Schlichtungsstelle der IHK' });
    await act(sandbox, 'sam', ISSUE, 'fulfilObligation', { obligationId: 'L4-C-02', note: 'Conditions explained in a call' });
    expect(await refused('sam', 'giveArbitrationConsent', {})).toMatchObject({ reason: 'preparation-open', awaitedParty: 'client' });
    await act(sandbox, 'klaus', ISSUE, 'decideArbitrator', { proposalId: 'A1', decision: 'approved' });
    const prepared = await view();
    expect(['L4-C-01', 'L4-K-01'].map((id) => item(prepared, id).fulfilment?.via)).toEqual(['record', 'record']);
    await act(sandbox, 'sam', ISSUE, 'giveArbitrationConsent', {});
    expect(await refused('sam', 'escalate', {})).toMatchObject({ reason: 'arbitration-needs-both-parties', awaitedParty: 'client' });
    await act(sandbox, 'klaus', ISSUE, 'giveArbitrationConsent', {});
    await act(sandbox, 'klaus', ISSUE, 'escalate', {});
    expect((await view()).level).toBe(4);
    // Leaving level 4 takes both as well.
    const down = (await act(sandbox, 'klaus', ISSUE, 'deEscalate', { note: 'Settled directly' })).escalation!;
    expect(down.level).toBe(4);
    await act(sandbox, 'sam', ISSUE, 'answerProposal', { proposalSeq: down.proposal!.seq, accept: true });
    expect((await view()).level).toBe(3);
  });
});

describe('clocks run only where the annex names a time', () => {
  it('no two-hour notification clock for a problem that is not critical, or an escalation the client started', async () => {
    await start('sam', false);
    const notCritical = await view();
    expect(notCritical.deadlines.map((d) => d.obligationId)).not.toContain('L1-C-02');
    expect(notCritical.deadlines.map((d) => d.obligationId)).not.toContain('L1-C-05');
    await sandbox.close();
    sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
    await configureDemoProject(sandbox);
    await start('klaus', true);
    const byClient = await view();
    expect(byClient.deadlines.map((d) => d.obligationId)).not.toContain('L1-C-02');
    expect(item(byClient, 'L1-C-02').fulfilment).toMatchObject({ via: 'record', evidence: 'escalation-started' });
    // The critical problem's top-priority duty still runs: that clock is the contractor's, whoever started it.
    expect(byClient.deadlines.map((d) => d.obligationId)).toContain('L1-C-05');
  });
});
