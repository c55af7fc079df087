import { adminResolverHarness } from './testing/admin-resolver-harness';

const setup = () => adminResolverHarness('jira:globalPage');

describe('arbitration bodies', () => {
  it('the contractor proposes, the client approves; each step is in the project audit log', async () => {
    const { world, invoke } = setup();
    const proposed = await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'DIS', details: 'www.disarb.org' }, 'sam');
    expect(proposed).toMatchObject({
      ok: true,
      data: {
        party: 'contractor',
        canPropose: true,
        canDecide: false,
        bodies: [{ id: 'ab-1', name: 'DIS', status: 'proposed', proposedBy: 'sam' }],
      },
    });
    const seen = await invoke('getArbitrationBodies', { projectKey: 'P1' }, 'klaus');
    expect(seen.data).toMatchObject({ party: 'client', canPropose: false, canDecide: true });
    const approved = await invoke('decideArbitrationBody', { projectKey: 'P1', id: 'ab-1', decision: 'approve' }, 'klaus');
    expect(approved.data.bodies[0]).toMatchObject({ status: 'approved', decidedBy: 'klaus', decidedAt: '2026-11-23T09:00:00.000Z' });
    expect(world.configurations.get('P1')!.arbitrationBodies![0]!.status).toBe('approved');
    expect(world.audit.map((a) => [a.target, a.accountId, a.action])).toEqual([
      ['project:P1', 'sam', 'arbitration-body-proposed'],
      ['project:P1', 'klaus', 'arbitration-body-approved'],
    ]);
    expect(world.audit[1]!.changes).toEqual([
      { path: 'arbitrationBodies.ab-1.decidedAt', before: null, after: '2026-11-23T09:00:00.000Z' },
      { path: 'arbitrationBodies.ab-1.decidedBy', before: null, after: 'klaus' },
      { path: 'arbitrationBodies.ab-1.status', before: 'proposed', after: 'approved' },
    ]);
    expect(world.audit[1]).toMatchObject({ before: { status: 'proposed' }, after: { status: 'approved' } });
    expect(approved.data.audit.map((a: { action: string }) => a.action)).toEqual([
      'arbitration-body-approved',
      'arbitration-body-proposed',
    ]);
  });

  it('only the client decides, only the contractor (or a Jira admin) proposes, outsiders see nothing', async () => {
    const { world, invoke } = setup();
    expect((await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'DIS' }, 'klaus')).error.code).toBe('not-a-party');
    expect((await invoke('getArbitrationBodies', { projectKey: 'P1' }, 'otto')).error.code).toBe('forbidden');
    await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'DIS' }, 'sam');
    expect((await invoke('decideArbitrationBody', { projectKey: 'P1', id: 'ab-1', decision: 'approve' }, 'sam')).error.code).toBe(
      'not-a-party',
    );
    expect((await invoke('decideArbitrationBody', { projectKey: 'P1', id: 'ab-1', decision: 'approve' }, 'ada')).error.code).toBe(
      'not-a-party',
    );
    expect((await invoke('decideArbitrationBody', { projectKey: 'P1', id: 'ab-1', decision: 'reject' }, 'klaus')).error.code).toBe(
      'invalid-payload',
    );
    expect(world.configurations.get('P1')!.arbitrationBodies![0]!.status).toBe('proposed');
    expect(world.audit).toHaveLength(1);

    const rejected = await invoke(
      'decideArbitrationBody',
      { projectKey: 'P1', id: 'ab-1', decision: 'reject', comment: 'Zu teuer' },
      'kira',
    );
    expect(rejected.data.bodies[0]).toMatchObject({ status: 'rejected', decidedBy: 'kira', comment: 'Zu teuer' });
    expect((await invoke('decideArbitrationBody', { projectKey: 'P1', id: 'ab-1', decision: 'approve' }, 'klaus')).error).toMatchObject({
      code: 'rejected',
      reason: 'arbitration-body-already-decided',
    });
    // A Jira admin may propose for the contractor, as with the process template; a project admin may look.
    expect((await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'IHK' }, 'ada')).ok).toBe(true);
    expect((await invoke('getArbitrationBodies', {}, 'pete', 'P1')).data.bodies).toHaveLength(2);
    expect((await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'ihk' }, 'sam')).error).toMatchObject({
      code: 'rejected',
      reason: 'arbitration-body-duplicate',
    });
  });

  it('the settings form cannot approve a body: saving keeps the stored list', async () => {
    const { world, invoke } = setup();
    await invoke('proposeArbitrationBody', { projectKey: 'P1', name: 'DIS' }, 'sam');
    const settings = await invoke('getProjectSettings', {}, 'pete', 'P1');
    const configuration = structuredClone(settings.data.configuration);
    configuration.arbitrationBodies![0]!.status = 'approved';
    configuration.criticalPriorities = ['Highest', 'High'];
    const saved = await invoke('saveProjectSettings', { configuration }, 'pete', 'P1');
    expect(saved.ok).toBe(true);
    expect(world.configurations.get('P1')!.arbitrationBodies![0]!.status).toBe('proposed');
    expect(saved.data.audit[0]!.changes).toEqual([{ path: 'criticalPriorities', before: ['Highest'], after: ['Highest', 'High'] }]);
  });
});

describe('project settings helpers', () => {
  it('offers the site priorities and names the contacts; the user picker is for admins only', async () => {
    const { world, invoke } = setup();
    const configuration = {
      ...world.configurations.get('P1')!,
      contacts: { 2: { client: { accountIds: ['klaus'], groups: ['client-managers'] } } },
    };
    const saved = await invoke('saveProjectSettings', { configuration }, 'pete', 'P1');
    expect(saved.data).toMatchObject({ priorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'], people: { klaus: 'KLAUS' } });
    expect(saved.data.audit[0]!.changes).toEqual([
      { path: 'contacts.2', before: null, after: { client: { accountIds: ['klaus'], groups: ['client-managers'] } } },
    ]);
    expect((await invoke('searchUsers', { query: 'kl' }, 'pete', 'P1')).data).toEqual([{ accountId: 'klaus', displayName: 'KLAUS' }]);
    expect((await invoke('searchUsers', { query: 'kl' }, 'sam', 'P1')).error.code).toBe('forbidden');
    expect((await invoke('searchUsers', { query: ' ' }, 'pete', 'P1')).error.code).toBe('invalid-payload');
    world.priorities = [];
    expect((await invoke('getProjectSettings', {}, 'pete', 'P1')).data.priorities).toEqual([]);
  });
});
