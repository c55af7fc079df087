import { TEST_TEMPLATE } from '../../domain/testing/test-template';
import type { EscalationPanelView } from '../../shared/escalation-panel-view';
import type { ResolverError } from '../../shared/resolver-contract';
import { InMemoryWorld } from '../../usecases/testing/in-memory-deps';
import { createPanelResolver } from './escalation-panel-resolver';

const full = { browse: true, edit: true, admin: false };

/** A resolver answer as the tests read it: `data` when `ok`, `error` otherwise (the side not sent is undefined). */
interface PanelAnswer {
  readonly ok: boolean;
  readonly data: EscalationPanelView;
  readonly error: ResolverError;
}

function setup() {
  const world = new InMemoryWorld(TEST_TEMPLATE)
    .addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full })
    .addUser({ accountId: 'klaus', displayName: 'Klaus', groups: ['client-team'], access: full });
  const handler = createPanelResolver(() => world.deps());
  /** Calls the handler exactly as Forge does: the payload from the frame, identity from the runtime. */
  const invoke = (functionKey: string, payload: unknown, accountId: string, issueKey = 'DEMO-1') => {
    world.currentUser = accountId;
    return handler(
      {
        call: { functionKey, payload },
        context: { extension: { type: 'jira:issuePanel', issue: { key: issueKey, id: '10001' } }, moduleKey: 'escalation-panel' },
      },
      { principal: { accountId } },
    ) as Promise<PanelAnswer>;
  };
  return { world, invoke };
}

describe('escalation panel resolver (through the Forge handler)', () => {
  it('answers getEscalation with the panel view of the invoking user', async () => {
    const { invoke } = setup();
    const response = await invoke('getEscalation', {}, 'klaus');
    expect(response).toMatchObject({
      ok: true,
      data: { issueKey: 'DEMO-1', viewer: { accountId: 'klaus', party: 'client' }, escalation: null },
    });
  });

  it('takes identity from the context, never from the payload', async () => {
    const { invoke, world } = setup();
    const response = await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i', accountId: 'klaus' }, 'sam');
    expect(response.ok).toBe(false);
    expect(response.error.code).toBe('invalid-payload');
    expect(response.error.fields).toHaveProperty(['(payload)']);
    await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i' }, 'sam');
    expect(world.events.get('10001')![0]!.actor).toEqual({ accountId: 'sam', party: 'contractor' });
  });

  it('rejects bad payloads with field messages and changes nothing', async () => {
    const { invoke, world } = setup();
    const bad = [
      ['startEscalation', { trigger: 'because', problem: '', impact: 'i' }],
      ['fulfilObligation', { obligationId: 'L1-C-01', note: 'x', evidenceUrl: 'javascript:alert(1)' }],
      ['fulfilObligation', 'not an object'],
      ['deEscalate', { note: '   ' }],
      ['escalate', { note: 'x'.repeat(5001) }],
      ['fulfilObligation', { obligationId: 'L1-K-01', note: 'n', onBehalf: { party: 'client', reason: '' } }],
    ] as const;
    for (const [key, payload] of bad) {
      const response = await invoke(key, payload, 'sam');
      expect(response).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(world.events.get('10001')).toBeUndefined();
  });

  it('maps a domain rejection onto the envelope with its reason and the party awaited', async () => {
    const { invoke } = setup();
    await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i' }, 'sam');
    // Klaus's own mandatory duty of level 1 is open: it holds his party back.
    const response = await invoke('escalate', {}, 'klaus');
    expect(response).toMatchObject({ ok: false, error: { code: 'rejected', reason: 'open-obligations', awaitedParty: 'client' } });
  });

  it('refuses calls from outside an issue', async () => {
    const { invoke } = setup();
    const handler = createPanelResolver(() => setup().world.deps());
    const response = (await handler(
      { call: { functionKey: 'getEscalation', payload: {} }, context: {} },
      { principal: { accountId: 'sam' } },
    )) as PanelAnswer;
    expect(response.error.code).toBe('invalid-payload');
    expect((await invoke('getEscalation', {}, 'sam', 'OTHER-1')).error.code).toBe('not-found');
  });
});
