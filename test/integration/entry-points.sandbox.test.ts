/**
 * Live-site defects of the entry points, through the real manifest modules in the sandbox (which now sends
 * only what Jira documents and retries only what Forge retries):
 * - the workflow validator gets no user and decides from the escalation's state;
 * - a post function that returns an InvocationError is invoked again, later;
 * - a product-event trigger's retry waits stay inside its 25 s limit;
 * - a projection (the level field, the `escalation` property) edited by hand is put back by the sweep.
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';

jest.setTimeout(60_000);

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const as = (user: keyof typeof DEMO_USERS) => ({ kind: 'user' as const, accountId: DEMO_USERS[user].accountId });

const CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  // These tests drive escalations that critical priorities start: the project opts in.
  autoStartOnCriticalPriority: true,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, calendar: TWENTY_FOUR_SEVEN, levelTimeFrames: { 1: { amount: 8, unit: 'hours' } } },
};

let sandbox: PlatformSandbox;
beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function request(method: string, p: string, body: unknown, principal: { kind: 'app' } | { kind: 'user'; accountId: string } = APP) {
  return sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
    principal,
  );
}
async function jira<T = unknown>(
  method: string,
  p: string,
  body?: unknown,
  principal: { kind: 'app' } | { kind: 'user'; accountId: string } = APP,
) {
  const r = await request(method, p, body, principal);
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.body}`);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}
const createIssue = (summary: string, priority: string) =>
  jira<{ key: string; id: string }>(
    'POST',
    '/rest/api/3/issue',
    { fields: { project: { key: 'DEMO' }, summary, issuetype: { name: 'Bug' }, priority: { name: priority } } },
    as('sam'),
  );
const log = (id: string) => sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
const transition = (key: string, id: number, user: keyof typeof DEMO_USERS = 'sam') =>
  request('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: String(id) } }, as(user));

describe('workflow validator: Jira sends no user', () => {
  it("passes a step the escalation's state allows and blocks one it does not, with the state's reason", async () => {
    sandbox.attachWorkflowRule(11, 'escalation-transition-validator', JSON.stringify({ action: 'start' }));
    sandbox.attachWorkflowRule(41, 'escalation-transition-validator', JSON.stringify({ action: 'resolve' }));
    const { key } = await createIssue('Reports are slow', 'Medium');
    expect((await transition(key, 11)).status).toBe(204);
    const refused = await transition(key, 41);
    expect(refused.status).toBe(400);
    expect(refused.body).not.toMatch(/no user/i);
    expect(refused.body).toMatch(/escalation/i);
  });
});

describe('workflow post function: retried only through InvocationError', () => {
  it('is invoked again after a transient failure and records the step once', async () => {
    sandbox.attachWorkflowRule(22, 'escalation-transition-post-function', JSON.stringify({ action: 'start' }));
    const { key, id } = await createIssue('Invoices wrong', 'Medium');
    // Jira is rate limited for longer than the post function may wait: it asks Forge to invoke it again.
    sandbox.faults.set({ route: /^GET \/rest\/api\/3\/issue\/[^/]+$/, rate: 1, kind: '429', retryAfterSeconds: 30, times: 1 });
    expect((await transition(key, 22)).status).toBe(204);
    sandbox.faults.clear();
    expect(await log(id)).toEqual([]);
    await sandbox.advanceClock(2 * MIN);
    const events = await log(id);
    expect(events.filter((e) => e.type === 'escalation-started')).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { accountId: DEMO_USERS.sam.accountId, party: 'contractor' } });
  });
});

describe('product-event trigger: one budget per module kind', () => {
  it("never waits past the trigger's 25 s limit: a longer Retry-After becomes a retry by Forge", async () => {
    const { key, id } = await createIssue('Checkout down', 'Highest');
    sandbox.faults.set({ route: /^GET \/rest\/api\/3\/issue\/[^/]+$/, rate: 1, kind: '429', retryAfterSeconds: 21, times: 1 });
    sandbox.requestLog.reset();
    const result = await sandbox.runFunction(
      'critical-priority',
      {
        eventType: 'avi:jira:created:issue',
        timestamp: String(sandbox.now().getTime()),
        issue: { id, key, fields: { summary: 'Checkout down', project: { key: 'DEMO' } } },
      },
      APP,
    );
    sandbox.faults.clear();
    // Waiting 21 s and asking again would pass the 25 s limit: the trigger asks Jira once, then hands the
    // event back to Forge to deliver later (an InvocationError), instead of waiting.
    const issueReads = sandbox.requestLog.recent().filter((r) => r.method === 'GET' && r.path.startsWith(`/rest/api/3/issue/${id}`));
    expect(issueReads.map((r) => r.status)).toEqual([429]);
    expect(result).toMatchObject({ _retry: true, retryOptions: { retryAfter: expect.any(Number) as number } });
  });
});

describe('projections are only ever what the log derives', () => {
  const fieldOf = async (key: string) => {
    const fieldId = sandbox.customFieldId('escalation-level');
    return (await jira<{ fields: Record<string, unknown> }>('GET', `/rest/api/3/issue/${key}?fields=${fieldId}`)).fields[fieldId];
  };
  const propertyOf = async (key: string) =>
    (await jira<{ value: Record<string, unknown> }>('GET', `/rest/api/3/issue/${key}/properties/escalation`)).value;

  it('puts back a level field value and an escalation property edited by hand at the next sweep', async () => {
    const a = await createIssue('Search broken', 'Highest');
    const b = await createIssue('Login broken', 'Highest');
    await sandbox.advanceClock(1 * MIN);
    const derivedField = await fieldOf(a.key);
    expect(derivedField).toMatchObject({ level: 1, status: 'open' });
    const derivedProperty = await propertyOf(b.key);

    const fieldId = sandbox.customFieldId('escalation-level');
    await jira('PUT', `/rest/api/3/issue/${a.key}`, { fields: { [fieldId]: { level: 4, name: 'Edited', status: 'closed' } } }, as('sam'));
    expect(await fieldOf(a.key)).toMatchObject({ level: 4 });
    // (Its status and check time stay: while the sweep's due index is this property, an edit of those hides the
    // issue from the sweep until the index lives in app storage.)
    await jira(
      'PUT',
      `/rest/api/3/issue/${b.key}/properties/escalation`,
      { ...derivedProperty, level: 3, awaitedParty: 'both' },
      as('sam'),
    );

    // The sweep runs every five minutes; the two-hour notification deadline makes both issues due.
    await sandbox.advanceClock(125 * MIN);
    expect(await fieldOf(a.key)).toEqual(derivedField);
    expect(await propertyOf(b.key)).toMatchObject({ level: 1, status: 'open', awaitedParty: derivedProperty.awaitedParty });
    expect(await fieldOf(b.key)).toMatchObject({ level: 1, status: 'open' });
  });
});
