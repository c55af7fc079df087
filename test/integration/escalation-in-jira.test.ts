import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { act, attachDemoWorkflowRules, configureDemoProject, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { actAfterDuties, agree } from '../../sandbox/app-demo/work-through';

/**
 * The escalation through Forge's real seams: the panel's resolver invoked as each party, the workflow
 * rules run by the emulated Jira, the field and the indexed property searched by JQL.
 */
const appDir = path.resolve(__dirname, '../..');
let sandbox: PlatformSandbox;

beforeEach(async () => {
  sandbox = await createSandbox({ appDir, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await configureDemoProject(sandbox);
  attachDemoWorkflowRules(sandbox);
});
afterEach(async () => sandbox.close());

async function jql(query: string, as: keyof typeof DEMO_USERS = 'ada'): Promise<string[]> {
  const response = await sandbox.jira(
    {
      method: 'POST',
      path: '/rest/api/3/search/jql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jql: query, fields: ['summary'], maxResults: 100 }),
    },
    { kind: 'user', accountId: DEMO_USERS[as].accountId },
  );
  if (response.status !== 200) throw new Error(`JQL ${query} → ${response.status} ${response.body}`);
  return (JSON.parse(response.body) as { issues: { key: string }[] }).issues.map((i) => i.key).sort();
}

async function transition(issueKey: string, transitionId: number, as: keyof typeof DEMO_USERS) {
  return sandbox.jira(
    {
      method: 'POST',
      path: `/rest/api/3/issue/${issueKey}/transitions`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transition: { id: String(transitionId) } }),
    },
    { kind: 'user', accountId: DEMO_USERS[as].accountId },
  );
}

async function transitionIds(issueKey: string, as: keyof typeof DEMO_USERS): Promise<string[]> {
  const response = await sandbox.jira(
    { method: 'GET', path: `/rest/api/3/issue/${issueKey}/transitions` },
    { kind: 'user', accountId: DEMO_USERS[as].accountId },
  );
  return (JSON.parse(response.body) as { transitions: { id: string }[] }).transitions.map((t) => t.id);
}

const PEOPLE = { contractor: 'sam', client: 'klaus' } as const;

describe('an escalation in the emulated Jira', () => {
  it('keeps the field and the indexed property in step, searchable by JQL, with every change in the history', async () => {
    await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
      trigger: 'sla-breach',
      problem: 'Restore fails',
      impact: 'Tenant 4711 without backup',
    });
    expect(await jql('"Escalation level".level >= 1')).toEqual(['DEMO-3']);
    expect(await jql('escalationStatus = "open" AND escalationLevel = 1')).toEqual(['DEMO-3']);
    expect(await jql('issue.property[escalation].awaitedParty = "contractor"')).toEqual(['DEMO-3']);
    await agree(sandbox, 'DEMO-3', { key: 'proposeEscalation', note: 'Management must decide' }, 'erika', 'sam', PEOPLE);
    expect(await jql('"Escalation level".level >= 2')).toEqual(['DEMO-3']);
    expect(await jql('"Escalation level".level = 1')).toEqual([]);

    const history = await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3/changelog' }, { kind: 'app' });
    const items = (JSON.parse(history.body) as { values: { items: { field: string; toString: string | null }[] }[] }).values.flatMap(
      (v) => v.items,
    );
    const levelChanges = items.filter((i) => i.field === 'Escalation level');
    expect(levelChanges.map((i) => i.toString)).toEqual([
      expect.stringContaining('Sofortige Problemlösung'),
      expect.stringContaining('Einbeziehung des mittleren Managements'),
    ]);
    // One language for every reader, the site's default (German on the demo site), never both.
    expect(levelChanges.map((i) => i.toString).join(' ')).not.toMatch(/Immediate problem solving|Middle management/);
    const fieldId = sandbox.customFieldId('escalation-level');
    const issue = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/DEMO-3?fields=${fieldId}` }, { kind: 'app' });
    expect((JSON.parse(issue.body) as { fields: Record<string, unknown> }).fields[fieldId]).toEqual({
      level: 2,
      name: 'Einbeziehung des mittleren Managements',
      status: 'open',
    });
    expect(await jql('"Escalation level".name = "Einbeziehung des mittleren Managements"')).toEqual(['DEMO-3']);
  });

  it('lets the workflow start, refuse, resolve and close as the rules say, with localized reasons', async () => {
    expect(await transitionIds('DEMO-3', 'sam')).toContain('22');
    expect((await transition('DEMO-3', 22, 'sam')).status).toBe(204);
    const started = await invokePanel(sandbox, 'klaus', 'DEMO-3', 'getEscalation', {});
    expect(started.ok && started.data.escalation?.status).toBe('open');
    expect(started.ok && started.data.escalation?.timeline[0]).toMatchObject({
      type: 'escalation-started',
      origin: { source: 'workflow' },
    });

    // Resolving needs both parties: hidden while nobody proposed it, and refused if forced, in the user's language.
    expect(await transitionIds('DEMO-3', 'klaus')).not.toContain('42');
    sandbox.db.prepare('DELETE FROM jira_workflow_rule WHERE transition_id = 42 AND module_key = ?').run('escalation-can-resolve');
    const refused = await transition('DEMO-3', 42, 'klaus');
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/Dafür braucht es beide Parteien/);
    const refusedEn = await transition('DEMO-3', 42, 'erika');
    expect(refusedEn.body).toMatch(/This needs both parties/);

    // Sam proposes the resolution once his own duties are done (by their records); Klaus's transition accepts it.
    await actAfterDuties(sandbox, 'sam', 'DEMO-3', 'resolveEscalation', { resolution: 'Restore works again' }, PEOPLE);
    expect((await transition('DEMO-3', 42, 'klaus')).status).toBe(204);
    expect(await jql('escalationStatus = "resolved"')).toEqual(['DEMO-3']);
    // Closing needs the client's approved report: the condition hides Close.
    expect(await transitionIds('DEMO-3', 'klaus')).not.toContain('51');
  });

  it('hides Resolve from the person who proposed the resolution, whose transition could not accept it', async () => {
    expect((await transition('DEMO-3', 22, 'sam')).status).toBe(204);
    await actAfterDuties(sandbox, 'sam', 'DEMO-3', 'resolveEscalation', { resolution: 'Restore works again' }, PEOPLE);
    expect(await transitionIds('DEMO-3', 'sam')).not.toContain('42');
    expect((await transition('DEMO-3', 42, 'sam')).status).toBe(400);
    expect(await jql('escalationStatus = "open"')).toEqual(['DEMO-3']);
    expect(await transitionIds('DEMO-3', 'klaus')).toContain('42');
    expect((await transition('DEMO-3', 42, 'klaus')).status).toBe(204);
    expect(await jql('escalationStatus = "resolved"')).toEqual(['DEMO-3']);
  });

  it('refuses outsiders and the wrong party, and records nothing for them', async () => {
    await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const outsider = await invokePanel(sandbox, 'otto', 'DEMO-3', 'getEscalation', {});
    expect(outsider).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const wrongParty = await invokePanel(sandbox, 'klaus', 'DEMO-3', 'fulfilObligation', {
      obligationId: 'L1-C-01',
      note: 'I am not the contractor',
    });
    expect(wrongParty).toMatchObject({ ok: false, error: { code: 'rejected', reason: 'wrong-party' } });
    const view = await invokePanel(sandbox, 'sam', 'DEMO-3', 'getEscalation', {});
    expect(view.ok && view.data.escalation?.timeline).toHaveLength(1);
  });

  it('keeps every event of a log far over the 32,768 characters an issue property holds', async () => {
    await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', { trigger: 'other', problem: 'Long running', impact: 'Many updates' });
    const text = (i: number) =>
      `Status update ${i}: ${'Lagebericht mit Details zu Maßnahmen, Messwerten und nächsten Schritten. '.repeat(10)}`;
    for (let i = 1; i <= 120; i++) await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: text(i) });
    const view = await invokePanel(sandbox, 'klaus', 'DEMO-3', 'getEscalation', {});
    if (!view.ok) throw new Error(view.error.message);
    const timeline = view.data.escalation!.timeline;
    expect(JSON.stringify(timeline).length).toBeGreaterThan(3 * 32_768);
    // 120 updates, each pushed to the client once (a notification-sent after each).
    expect(timeline).toHaveLength(241);
    expect(timeline.map((e) => e.seq)).toEqual(Array.from({ length: 241 }, (_, i) => i + 1));
    expect(timeline.filter((e) => e.type === 'status-update-posted').at(-1)).toMatchObject({ text: text(120).trim() });
    expect(timeline.filter((e) => e.type === 'notification-sent')).toHaveLength(120);
    const property = await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3/properties/escalation' }, { kind: 'app' });
    expect(property.body.length).toBeLessThan(2_000);
    expect((JSON.parse(property.body) as { value: unknown }).value).toMatchObject({ lastSeq: 241 });
  });
});
