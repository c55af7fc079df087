import { TEST_TEMPLATE } from '../domain/testing/test-template';
import type { ResolverPayload } from '../shared/resolver-contract';
import { ConcurrentAppendError } from './ports/port-errors';
import { getEscalationPanel } from './get-escalation-panel-use-case';
import { performEscalationAction, type EscalationActionKey } from './perform-escalation-action-use-case';
import { InMemoryWorld } from './testing/in-memory-deps';
import { UseCaseError } from './use-case-error';

const full = { browse: true, edit: true, admin: false };
const USERS = {
  sam: { accountId: 'sam', displayName: 'Sam Service', groups: ['contractor-team'], access: full },
  klaus: { accountId: 'klaus', displayName: 'Klaus Kunde', groups: ['client-team'], access: full },
  both: { accountId: 'both', displayName: 'Double Agent', groups: ['contractor-team', 'client-team'], access: full },
  nobody: { accountId: 'nobody', displayName: 'No Party', groups: ['jira-users'], access: full },
  ada: { accountId: 'ada', displayName: 'Ada Admin', groups: ['jira-administrators'], access: { browse: true, edit: true, admin: true } },
  reader: { accountId: 'reader', displayName: 'Read Only', groups: ['client-team'], access: { browse: true, edit: false, admin: false } },
  outsider: {
    accountId: 'outsider',
    displayName: 'Outsider',
    groups: ['client-team'],
    access: { browse: false, edit: false, admin: false },
  },
};
type UserName = keyof typeof USERS;

function world(): InMemoryWorld {
  const w = new InMemoryWorld(TEST_TEMPLATE);
  Object.values(USERS).forEach((u) => w.addUser(u));
  return w;
}

async function act<K extends EscalationActionKey>(w: InMemoryWorld, user: UserName, key: K, payload: ResolverPayload<K>) {
  w.currentUser = user;
  return performEscalationAction(w.deps(), { accountId: user, issueKey: 'DEMO-1' }, key, payload);
}

async function errorOf(promise: Promise<unknown>): Promise<UseCaseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UseCaseError) return error;
    throw error;
  }
  throw new Error('expected the use case to fail');
}

const START: ResolverPayload<'startEscalation'> = { trigger: 'sla-breach', problem: 'Checkout down', impact: 'No orders' };

/** Brings the test escalation to the point where `key` is possible for the right party. */
async function prepare(w: InMemoryWorld, key: EscalationActionKey): Promise<void> {
  if (key === 'startEscalation') return;
  await act(w, 'sam', 'startEscalation', START);
  const completeLevel = async (level: number) => {
    await act(w, 'sam', 'fulfilObligation', { obligationId: `L${level}-C-01`, note: 'n' });
    await act(w, 'sam', 'fulfilObligation', { obligationId: `L${level}-C-02`, note: 'n' });
    await act(w, 'klaus', 'fulfilObligation', { obligationId: `L${level}-K-01`, note: 'n' });
  };
  if (key === 'withdrawFulfilment') await act(w, 'sam', 'fulfilObligation', { obligationId: 'L1-C-01', note: 'n' });
  if (
    [
      'escalate',
      'proposeEscalation',
      'resolveEscalation',
      'reopenEscalation',
      'deEscalate',
      'giveArbitrationConsent',
      'informManagement',
    ].includes(key)
  )
    await completeLevel(1);
  if (key === 'escalate') w.now = new Date('2026-12-31T00:00:00.000Z'); // level 1's time frame long expired
  if (key === 'deEscalate' || key === 'giveArbitrationConsent' || key === 'informManagement') {
    w.now = new Date('2026-12-31T00:00:00.000Z');
    await act(w, 'klaus', 'escalate', {});
    if (key !== 'deEscalate') {
      await completeLevel(2);
      w.now = new Date('2027-02-01T00:00:00.000Z');
      await act(w, 'klaus', 'escalate', {});
    }
  }
  if (key === 'reopenEscalation') {
    await act(w, 'sam', 'resolveEscalation', { resolution: 'fixed' });
    const proposal = (await getEscalationPanel(w.deps(), { accountId: 'klaus', issueKey: 'DEMO-1' })).escalation!.proposal!;
    await act(w, 'klaus', 'answerProposal', { proposalSeq: proposal.seq, accept: true });
  }
}

/** Each action, a payload for it, and which party may take it (`any` = either party). */
const MATRIX: { key: EscalationActionKey; payload: ResolverPayload<EscalationActionKey>; party: 'contractor' | 'client' | 'any' }[] = [
  { key: 'startEscalation', payload: START, party: 'any' },
  { key: 'escalate', payload: { note: 'up' }, party: 'any' },
  { key: 'deEscalate', payload: { note: 'down' }, party: 'any' },
  { key: 'proposeEscalation', payload: { note: 'up together' }, party: 'any' },
  { key: 'informManagement', payload: { note: 'told both executive managements' }, party: 'any' },
  { key: 'acknowledgeNotice', payload: {}, party: 'client' },
  { key: 'fulfilObligation', payload: { obligationId: 'L1-C-01', note: 'done' }, party: 'contractor' },
  { key: 'fulfilObligation', payload: { obligationId: 'L1-K-01', note: 'done' }, party: 'client' },
  { key: 'withdrawFulfilment', payload: { obligationId: 'L1-C-01', reason: 'wrong' }, party: 'contractor' },
  { key: 'recordClientNotified', payload: { channel: 'phone', note: 'called' }, party: 'contractor' },
  { key: 'postStatusUpdate', payload: { text: 'working' }, party: 'contractor' },
  { key: 'giveArbitrationConsent', payload: {}, party: 'any' },
  { key: 'resolveEscalation', payload: { resolution: 'fixed' }, party: 'any' },
  { key: 'reopenEscalation', payload: { reason: 'back' }, party: 'any' },
];

describe('who may do what: party × action', () => {
  describe.each(MATRIX)('$key ($party)', ({ key, payload, party }) => {
    it.each(['sam', 'klaus'] as const)('as %s', async (user) => {
      const w = world();
      await prepare(w, key);
      const before = (w.events.get('10001') ?? []).filter((e) => e.type !== 'notification-sent').length;
      const userParty = user === 'sam' ? 'contractor' : 'client';
      const run = act(w, user, key, payload);
      if (party === 'any' || party === userParty) {
        await run;
        // The app's own record of telling the next level follows a move up; the user's action is one event.
        const byPeople = w.events.get('10001')!.filter((e) => e.type !== 'notification-sent');
        expect(byPeople).toHaveLength(before + 1);
        expect(byPeople.at(-1)!.actor).toEqual({ accountId: user, party: userParty });
      } else {
        const error = await errorOf(run);
        expect(error).toMatchObject({ code: 'rejected', details: { reason: 'wrong-party' } });
        expect((w.events.get('10001') ?? []).filter((e) => e.type !== 'notification-sent')).toHaveLength(before);
      }
    });

    it.each([
      ['outsider', 'not-found'],
      ['reader', 'forbidden'],
      ['nobody', 'not-a-party'],
      ['both', 'not-a-party'],
      ['ada', 'not-a-party'],
    ] as const)('denied to %s (%s), nothing recorded', async (user, code) => {
      const w = world();
      await prepare(w, key);
      const before = JSON.stringify(w.events.get('10001') ?? []);
      expect((await errorOf(act(w, user, key, payload))).code).toBe(code);
      expect(JSON.stringify(w.events.get('10001') ?? [])).toBe(before);
    });
  });
});

describe('an admin acting for a party', () => {
  it('is recorded with the reason', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    await act(w, 'ada', 'fulfilObligation', {
      obligationId: 'L1-K-01',
      note: 'n',
      onBehalf: { party: 'client', reason: 'Klaus is ill; approved by phone' },
    });
    expect(w.events.get('10001')!.at(-1)!.actor).toEqual({
      accountId: 'ada',
      party: 'client',
      onBehalf: { reason: 'Klaus is ill; approved by phone' },
    });
  });

  it.each(['\u200B\u200B\u200B\u200B', '   \u200D\t', '\u0000\u0001\u0002'])('needs a reason a reader can see, not %j', async (reason) => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    const before = JSON.stringify(w.events.get('10001'));
    const error = await errorOf(
      act(w, 'ada', 'fulfilObligation', { obligationId: 'L1-K-01', note: 'n', onBehalf: { party: 'client', reason } }),
    );
    expect(error.code).toBe('invalid-payload');
    expect(JSON.stringify(w.events.get('10001'))).toBe(before);
  });

  it('is refused to non-admins', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    const error = await errorOf(
      act(w, 'sam', 'fulfilObligation', { obligationId: 'L1-K-01', note: 'n', onBehalf: { party: 'client', reason: 'pretending' } }),
    );
    expect(error.code).toBe('forbidden');
  });
});

describe('the record and its projections', () => {
  it('writes the field only when level or status change, the summary on every change', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    await act(w, 'sam', 'postStatusUpdate', { text: 'working' });
    expect(w.projections.map((p) => p.field?.level ?? null)).toEqual([1, null]);
    // The status update (2) and its push to the client (notification-sent, 3).
    expect(w.projections[1]!.document).toMatchObject({ level: 1, status: 'open', lastSeq: 3 });
  });

  it('retries on a concurrent append and records on the fresh log', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    const deps = w.deps();
    const append = deps.events.append.bind(deps.events);
    let raced = false;
    deps.events.append = async (issueId, events, alongside) => {
      if (!raced) {
        raced = true; // someone else writes event 2 first
        await append(issueId, [
          {
            ...events[0]!,
            type: 'status-update-posted',
            text: 'from elsewhere',
            actor: { accountId: 'klaus', party: 'contractor' },
          } as never,
        ]);
      }
      return append(issueId, events, alongside);
    };
    w.currentUser = 'sam';
    await performEscalationAction(deps, { accountId: 'sam', issueKey: 'DEMO-1' }, 'postStatusUpdate', { text: 'mine' });
    const recorded = w.events.get('10001')!.filter((e) => e.type !== 'notification-sent');
    expect(recorded.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(recorded[2]).toMatchObject({ type: 'status-update-posted', text: 'mine' });
  });

  it('reports success once the event is recorded, even when Jira refuses the projection', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    const deps = w.deps();
    deps.issues.saveProjection = () => Promise.reject(new Error('Jira unavailable'));
    w.currentUser = 'sam';
    const view = await performEscalationAction(deps, { accountId: 'sam', issueKey: 'DEMO-1' }, 'postStatusUpdate', {
      text: 'still working',
    });
    expect(view.escalation?.timeline.find((e) => e.type === 'status-update-posted')).toMatchObject({ text: 'still working' });
    expect(w.events.get('10001')!.filter((e) => e.type !== 'notification-sent')).toHaveLength(2);
  });

  it('gives up with a conflict after repeated races', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    const deps = w.deps();
    deps.events.append = (issueId, events) => Promise.reject(new ConcurrentAppendError(issueId, events[0]!.seq));
    w.currentUser = 'sam';
    const error = await errorOf(performEscalationAction(deps, { accountId: 'sam', issueKey: 'DEMO-1' }, 'postStatusUpdate', { text: 'x' }));
    expect(error.code).toBe('conflict');
  });
});

describe('getEscalationPanel', () => {
  it('shows the viewer party, names and the paired obligations of the active sections', async () => {
    const w = world();
    await act(w, 'sam', 'startEscalation', START);
    w.currentUser = 'klaus';
    const view = await getEscalationPanel(w.deps(), { accountId: 'klaus', issueKey: 'DEMO-1' });
    expect(view.viewer).toEqual({ accountId: 'klaus', party: 'client', isAdmin: false, canEdit: true });
    expect(view.people).toMatchObject({ sam: 'Sam Service', klaus: 'Klaus Kunde' });
    expect(view.escalation?.sections.map((s) => s.id)).toEqual(['level-1', 'documentation']);
    expect(view.escalation?.sections[0]!.pairs[0]).toMatchObject({
      pairIndex: 1,
      contractor: { id: 'L1-C-01' },
      client: { id: 'L1-K-01' },
    });
    expect(view.escalation?.allowed.escalate).toMatchObject({ ok: false, rejection: { code: 'open-obligations' } });
  });

  it('hides everything from users who cannot browse the issue', async () => {
    const w = world();
    w.currentUser = 'outsider';
    expect((await errorOf(getEscalationPanel(w.deps(), { accountId: 'outsider', issueKey: 'DEMO-1' }))).code).toBe('not-found');
  });
});
