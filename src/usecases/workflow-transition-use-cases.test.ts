import { TEST_TEMPLATE } from '../domain/testing/test-template';
import { performEscalationAction } from './perform-escalation-action-use-case';
import { InMemoryWorld } from './testing/in-memory-deps';
import { runTransitionAction, validateTransition, type TransitionRequest } from './workflow-transition-use-cases';

const full = { browse: true, edit: true, admin: false };

function world() {
  return new InMemoryWorld(TEST_TEMPLATE)
    .addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full, locale: 'en' })
    .addUser({ accountId: 'klaus', displayName: 'Klaus', groups: ['client-team'], access: full, locale: 'de' })
    .addUser({ accountId: 'nobody', displayName: 'Nobody', groups: [], access: full });
}

const request = (accountId: string, action: TransitionRequest['config']['action'], ref?: string): TransitionRequest => ({
  issueKey: 'DEMO-1',
  accountId,
  config: { action, trigger: 'sla-breach' },
  transition: { issueSummary: 'Checkout outage', transitionName: 'Escalate' },
  ...(ref ? { ref } : {}),
});

describe('validateTransition', () => {
  it('lets a party start an escalation, and names what is missing before it may be escalated', async () => {
    const w = world();
    expect(await validateTransition(w.deps(), request('sam', 'start'))).toEqual({ result: true });
    expect(await validateTransition(w.deps(), request('sam', 'escalate'))).toEqual({
      result: false,
      errorMessage: 'No escalation has been started on this issue.',
    });
    await runTransitionAction(w.deps(), request('sam', 'start'));
    const verdict = await validateTransition(w.deps(), request('klaus', 'escalate'));
    expect(verdict.result).toBe(false);
    // Klaus reads German: the message names the party awaited and its open obligations (his own hold him back).
    expect(!verdict.result && verdict.errorMessage).toMatch(
      /^Pflichtleistungen dieser Stufe sind noch offen\. Am Zug: Auftraggeber\. Offen: L1-K-01 /,
    );
  });

  it('allows escalating once the party’s duties are done and the time frame ran out; resolving only completes a proposal', async () => {
    const w = world();
    await runTransitionAction(w.deps(), request('sam', 'start'));
    for (const [user, id] of [
      ['sam', 'L1-C-01'],
      ['sam', 'L1-C-02'],
      ['klaus', 'L1-K-01'],
    ] as const) {
      w.currentUser = user;
      await performEscalationAction(w.deps(), { accountId: user, issueKey: 'DEMO-1' }, 'fulfilObligation', {
        obligationId: id,
        note: 'done',
      });
    }
    expect((await validateTransition(w.deps(), request('klaus', 'escalate'))).result).toBe(false);
    w.now = new Date('2027-01-01T00:00:00.000Z'); // level 1's time frame long over
    expect(await validateTransition(w.deps(), request('klaus', 'escalate'))).toEqual({ result: true });
    // Resolving needs both parties: a transition alone cannot, it completes the other party's proposal.
    expect((await validateTransition(w.deps(), request('klaus', 'resolve'))).result).toBe(false);
    w.currentUser = 'sam';
    await performEscalationAction(w.deps(), { accountId: 'sam', issueKey: 'DEMO-1' }, 'resolveEscalation', { resolution: 'Fixed' });
    expect(await validateTransition(w.deps(), request('klaus', 'resolve'))).toEqual({ result: true });
    expect((await validateTransition(w.deps(), request('sam', 'resolve'))).result).toBe(false);
    expect((await validateTransition(w.deps(), request('klaus', 'close'))).result).toBe(false);
  });

  it('refuses users of no party', async () => {
    const w = world();
    const verdict = await validateTransition(w.deps(), request('nobody', 'start'));
    expect(verdict).toMatchObject({ result: false });
    expect(!verdict.result && verdict.errorMessage).toMatch(/not a member of the contractor or the client party/);
  });
});

describe('runTransitionAction', () => {
  it('records the action as the transitioning user, once per transition even when delivered twice', async () => {
    const w = world();
    await runTransitionAction(w.deps(), request('sam', 'start', 'DEMO-1:11:c-100'));
    await runTransitionAction(w.deps(), request('sam', 'start', 'DEMO-1:11:c-100'));
    const log = w.events.get('10001')!;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      type: 'escalation-started',
      trigger: 'sla-breach',
      problem: 'Checkout outage',
      actor: { accountId: 'sam', party: 'contractor' },
      origin: { source: 'workflow', ref: 'DEMO-1:11:c-100' },
    });
    expect(w.projections.at(-1)?.field).toMatchObject({ level: 1, status: 'open' });
  });

  it('reports, without throwing, what it could not record', async () => {
    const w = world();
    expect(await runTransitionAction(w.deps(), request('sam', 'escalate'))).toEqual({
      recorded: false,
      reason: 'No escalation has been started on this issue.',
    });
  });
});
