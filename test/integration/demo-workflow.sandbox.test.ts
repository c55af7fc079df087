/**
 * The demo's workflow and the escalation (issue 14): the workflow's transitions carry the app's rules, so
 * escalating through the workflow records the escalation and moves the status; the app itself never runs a
 * transition, so an escalation started in the panel leaves the status where it was (README, "The demo").
 */
import path from 'node:path';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { Principal } from '../../sandbox/platform/sandbox-api';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';

const ROOT = path.resolve(__dirname, '..', '..');
const APP: Principal = { kind: 'app' };
const SAM: Principal = { kind: 'user', accountId: DEMO_USERS.sam.accountId };

let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ appDir: ROOT, dataFile: ':memory:', demoData: true, startAt: '2026-03-02T08:00:00.000Z' });
  await loadAppDemo(sandbox);
});
afterAll(() => sandbox.close());

async function jira<T>(method: string, p: string, as: Principal, body?: unknown): Promise<{ status: number; body: T }> {
  const r = await sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) },
    as,
  );
  return { status: r.status, body: (r.body ? JSON.parse(r.body) : undefined) as T };
}

const issue = async (key: string) =>
  (await jira<{ id: string; fields: { status: { name: string } } }>('GET', `/rest/api/3/issue/${key}?fields=status`, APP)).body;
const transitions = async (key: string) =>
  (await jira<{ transitions: { id: string; name: string; hasScreen: boolean }[] }>('GET', `/rest/api/3/issue/${key}/transitions`, SAM)).body
    .transitions;

it('escalating through the workflow records the escalation and the issue shows Escalated, with the level change on a screen', async () => {
  expect((await issue('DEMO-4')).fields.status.name).toBe('In Progress');
  const escalate = (await transitions('DEMO-4')).find((t) => t.name === 'Escalate');
  expect(escalate).toBeDefined();
  expect((await jira('POST', '/rest/api/3/issue/DEMO-4/transitions', SAM, { transition: { id: escalate!.id } })).status).toBe(204);

  const after = await issue('DEMO-4');
  expect(after.fields.status.name).toBe('Escalated');
  const [started] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(after.id));
  expect(started).toMatchObject({ type: 'escalation-started', actor: { accountId: DEMO_USERS.sam.accountId } });
  const offered = await transitions('DEMO-4');
  expect(offered.map((t) => t.name)).toEqual(expect.arrayContaining(['De-escalate', 'Change escalation level']));
  // "may resolve" hides Resolve until a party has proposed a resolution (the other party's transition accepts it).
  expect(offered.find((t) => t.name === 'Resolve')).toBeUndefined();
  expect(offered.find((t) => t.name === 'Change escalation level')!.hasScreen).toBe(true);
  expect(offered.find((t) => t.name === 'Escalate')).toBeUndefined();
});

it('an escalation started in the panel leaves the status as it was, and the workflow no longer offers to start one', async () => {
  // DEMO-2: started in the panel by the client (sandbox/app-demo/demo-escalations.ts).
  const demo2 = await issue('DEMO-2');
  expect((await sandbox.runAs(APP, () => kvsEscalationEventStore.load(demo2.id)))[0]).toMatchObject({ type: 'escalation-started' });
  expect(demo2.fields.status.name).toBe('In Progress');
  const offered = (await transitions('DEMO-2')).map((t) => t.name);
  expect(offered).not.toContain('Escalate');
  expect(offered).not.toContain('Change escalation level');
});
