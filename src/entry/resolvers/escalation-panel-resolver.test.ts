import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate } from '../../domain/process/process-template';
import { TEST_TEMPLATE } from '../../domain/testing/test-template';
import type { EscalationPanelView } from '../../shared/escalation-panel-view';
import type { ResolverError } from '../../shared/resolver-contract';
import type { EscalationDeps } from '../../usecases/escalation-deps';
import { InMemoryWorld } from '../../usecases/testing/in-memory-deps';
import { createPanelResolver } from './escalation-panel-resolver';

const full = { browse: true, edit: true, admin: false };

/** A resolver answer as the tests read it: `data` when `ok`, `error` otherwise (the side not sent is undefined). */
interface PanelAnswer {
  readonly ok: boolean;
  readonly data: EscalationPanelView;
  readonly error: ResolverError;
}

function setup(adjust: (deps: EscalationDeps) => EscalationDeps = (deps) => deps, template: ProcessTemplate = TEST_TEMPLATE) {
  const world = new InMemoryWorld(template)
    .addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full })
    .addUser({ accountId: 'klaus', displayName: 'Klaus', groups: ['client-team'], access: full });
  const handler = createPanelResolver(() => adjust(world.deps()));
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

  it('answers getLevelFieldValue with the value the app writes: one language, the site default, and what it wrote', async () => {
    const { invoke, world } = setup();
    expect(await invoke('getLevelFieldValue', {}, 'sam')).toMatchObject({ ok: true, data: null });
    world.siteLocale = 'de';
    await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i' }, 'sam');
    const answer = (await invoke('getLevelFieldValue', {}, 'klaus')) as unknown as { ok: true; data: unknown };
    const level1 = TEST_TEMPLATE.levels.find((l) => l.level === 1)!.name;
    expect(answer.data).toEqual({ level: 1, name: level1.de, status: 'open' });
    expect(world.projections.at(-1)!.field).toEqual(answer.data);
    expect((await invoke('getLevelFieldValue', { level: 2 }, 'sam')).error.code).toBe('invalid-payload');
  });

  it("answers getLevelFieldValue with locale in the reader's language, for the field's view; the stored value stays the site's", async () => {
    const { invoke, world } = setup();
    world.siteLocale = 'de';
    await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i' }, 'sam');
    const level1 = TEST_TEMPLATE.levels.find((l) => l.level === 1)!.name;
    const en = (await invoke('getLevelFieldValue', { locale: 'en' }, 'sam')) as unknown as { ok: true; data: unknown };
    expect(en.data).toEqual({ level: 1, name: level1.en, status: 'open' });
    const de = (await invoke('getLevelFieldValue', { locale: 'de' }, 'sam')) as unknown as { ok: true; data: unknown };
    expect(de.data).toEqual({ level: 1, name: level1.de, status: 'open' });
    expect(world.projections.at(-1)!.field).toMatchObject({ name: level1.de });
    expect((await invoke('getLevelFieldValue', { locale: 'fr' }, 'sam')).error.code).toBe('invalid-payload');
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

describe('a manual escalation tells the next level (through the Forge handler)', () => {
  const LEVEL_2 = { 2: { contractor: { accountIds: ['carla'], groups: [] }, client: { accountIds: [], groups: ['client-managers'] } } };

  /** Started, the mandatory level-1 duties of both parties done and level 1's time frame over: either party may escalate. */
  async function readyToEscalate({ invoke, world }: Pick<ReturnType<typeof setup>, 'invoke' | 'world'>) {
    await invoke('startEscalation', { trigger: 'other', problem: 'p', impact: 'i' }, 'sam');
    for (const id of ['L1-C-01', 'L1-C-02']) await invoke('fulfilObligation', { obligationId: id, note: 'done' }, 'sam');
    await invoke('fulfilObligation', { obligationId: 'L1-K-01', note: 'done' }, 'klaus');
    world.now = new Date(world.now.getTime() + 30 * 24 * 3600_000);
  }

  it("notifies the new level's contacts once, by Jira notification only, and records notification-sent", async () => {
    const { invoke, world } = setup();
    world.configuration = { ...world.configuration, contacts: LEVEL_2 };
    await readyToEscalate({ invoke, world });

    const response = await invoke('escalate', { note: 'needs management' }, 'klaus');

    expect(response.ok).toBe(true);
    expect(world.notificationJira.sent).toEqual([
      expect.objectContaining({ issueKey: 'DEMO-1', accountIds: ['carla'], groups: ['client-managers'] }),
    ]);
    expect(world.notificationJira.sent[0]!.subject).toBe('[DEMO-1] Eskaliert auf Stufe 2 / Escalated to level 2');
    const log = world.events.get('10001')!;
    const changed = log.find((e) => e.type === 'level-changed')!;
    const ref = `notified:event:${changed.seq}`;
    // A Jira notification to the named people only: no comment the other party reads.
    expect(log.filter((e) => e.type === 'notification-sent').map((e) => e.origin?.ref)).toEqual([ref]);
    expect(log.at(-1)).toMatchObject({
      type: 'notification-sent',
      purpose: 'escalated',
      actor: { party: 'system' },
      origin: { source: 'panel', ref },
      recipients: ['user:carla', 'group:client-managers'],
      channels: ['jira-notify'],
    });
    // The answer already shows it.
    expect(response.data.escalation!.timeline.at(-1)).toMatchObject({ type: 'notification-sent' });

    // The same request again (a double click, a retry after a lost answer) escalates nothing and tells nobody twice.
    const again = await invoke('escalate', { note: 'needs management' }, 'klaus');
    expect(again).toMatchObject({ ok: false, error: { code: 'rejected' } });
    expect(world.notificationJira.sent).toHaveLength(1);
    expect(world.events.get('10001')!.filter((e) => e.type === 'notification-sent')).toHaveLength(1);
  });

  it('does not send again when the record of a sent notification was lost; the next request records it', async () => {
    let loseNotificationRecord = true;
    const { invoke, world } = setup((deps) => ({
      ...deps,
      events: {
        ...deps.events,
        append: (issueId, events, alongside) => {
          if (events.some((event) => event.type === 'notification-sent') && loseNotificationRecord) {
            loseNotificationRecord = false;
            return Promise.reject(new Error('storage unavailable'));
          }
          return deps.events.append(issueId, events, alongside);
        },
      },
    }));
    await readyToEscalate({ invoke, world });

    // The escalation is recorded and answered; only the record of the notification is missing.
    expect((await invoke('escalate', {}, 'sam')).ok).toBe(true);
    expect(world.notificationJira.sent).toHaveLength(1);
    expect(world.events.get('10001')!.some((e) => e.type === 'notification-sent')).toBe(false);

    await invoke('postStatusUpdate', { text: 'working on it' }, 'sam');
    // The escalation's notice is recorded now, not sent again; the status update is pushed to the client.
    const escalatedNotices = world.notificationJira.sent.filter((m) => m.subject.includes('Escalated to level 2'));
    expect(escalatedNotices).toHaveLength(1);
    expect(world.notificationJira.sent.at(-1)?.groups).toEqual(['client-team']);
    expect(world.notificationJira.sent.at(-1)?.subject).toContain('Status update from the contractor');
    const recorded = world.events.get('10001')!.filter((e) => e.type === 'notification-sent');
    expect(recorded.map((e) => (e as { purpose: string }).purpose)).toEqual(['escalated', 'party-news']);
  });

  it('tells nobody about a move down', async () => {
    const { invoke, world } = setup();
    await readyToEscalate({ invoke, world });
    await invoke('escalate', {}, 'sam');
    const down = await invoke('deEscalate', { note: 'handled at level 1' }, 'klaus');
    expect(down.ok).toBe(true);
    // Only the client's proposal reaches the contractor; nothing about a move down.
    expect(world.notificationJira.sent.filter((m) => /Escalated|de-escalated/.test(m.subject))).toHaveLength(1);
    expect(world.notificationJira.sent.at(-1)?.groups).toEqual(['contractor-team']);
    expect(world.notificationJira.sent.at(-1)?.subject).toContain('The client proposes to de-escalate');
  });
});

describe('a critical priority proposes an escalation (through the Forge handler)', () => {
  const detectedAt = '2026-11-23T08:30:00.000Z';

  it('shows the recorded detection and by when the client must be told; an escalation started from it keeps that instant', async () => {
    const { invoke, world } = setup(undefined, DEFAULT_PROCESS_TEMPLATE);
    world.issue = { ...world.issue, priority: 'Highest', criticalProblem: { detectedAt, priorityName: 'Highest' } };

    const proposed = await invoke('getEscalation', {}, 'sam');
    expect(proposed.data.escalation).toBeNull();
    // Two hours from the detection (the default time frame runs round the clock).
    expect(proposed.data.criticalProblem).toEqual({ detectedAt, priorityName: 'Highest', notifyClientBy: '2026-11-23T10:30:00.000Z' });

    const started = await invoke(
      'startEscalation',
      { trigger: 'sla-breach', problem: 'Checkout outage', impact: 'Orders stop', critical: true, detectedAt },
      'sam',
    );
    expect(started.ok).toBe(true);
    expect(world.events.get('10001')![0]).toMatchObject({ type: 'escalation-started', detectedAt });
    expect(started.data.criticalProblem).toBeUndefined();
  });

  it('proposes nothing once the issue is no longer critical', async () => {
    const { invoke, world } = setup();
    world.issue = { ...world.issue, priority: 'Medium', criticalProblem: { detectedAt, priorityName: 'Highest' } };
    expect((await invoke('getEscalation', {}, 'sam')).data.criticalProblem).toBeUndefined();
  });
});
