/**
 * A critical priority proposes, not starts: through the real trigger, sweep and panel resolver in the
 * sandbox, a critical issue in a project that did not opt in gets its detection recorded on the issue and
 * an escalation proposed in the panel (with the time the client must be told by), and nothing starts until a
 * person starts it; in a project that opts in, the escalation starts by itself, detected at that instant.
 */
import path from 'node:path';
import { DEMO_CONFIGURATION, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z'; // a Monday
const MIN = 60_000;
const APP = { kind: 'app' as const };
const sam = { kind: 'user' as const, accountId: DEMO_USERS.sam.accountId };

let sandbox: PlatformSandbox;
beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function createCritical(summary: string): Promise<{ key: string; id: string }> {
  const created = await sandbox.jira(
    {
      method: 'POST',
      path: '/rest/api/3/issue',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'DEMO' }, summary, issuetype: { name: 'Bug' }, priority: { name: 'Highest' } } }),
    },
    sam,
  );
  expect(created.status).toBe(201);
  return JSON.parse(created.body) as { key: string; id: string };
}

const logOf = (id: string) => sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
const detectionOf = async (key: string) => {
  const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${key}/properties/critical-problem` }, APP);
  return r.status === 200 ? (JSON.parse(r.body) as { value: unknown }).value : undefined;
};

it('without opt-in: records the detection, proposes an escalation with the client notification due, starts none', async () => {
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', DEMO_CONFIGURATION));
  const detectedAt = sandbox.now().toISOString();
  const { key, id } = await createCritical('Payment gateway down');
  await sandbox.advanceClock(1 * MIN); // the product-event trigger runs

  expect(await logOf(id)).toEqual([]);
  expect(await detectionOf(key)).toEqual({ detectedAt, priorityName: 'Highest' });
  const proposed = await invokePanel(sandbox, 'sam', key, 'getEscalation', {});
  if (!proposed.ok) throw new Error(proposed.error.message);
  expect(proposed.data.escalation).toBeNull();
  // Two hours from the detection, round the clock (the annex's "innerhalb von zwei Stunden").
  expect(proposed.data.criticalProblem).toEqual({ detectedAt, priorityName: 'Highest', notifyClientBy: '2026-03-02T10:00:00.000Z' });
  expect((await sandbox.outbox()).filter((n) => n.issueKey === key)).toEqual([]);

  // The sweep's safety net sees the same issue and keeps the first detection.
  await sandbox.advanceClock(10 * MIN);
  expect(await logOf(id)).toEqual([]);
  expect(await detectionOf(key)).toEqual({ detectedAt, priorityName: 'Highest' });

  // A person starts it from the proposal: detected at that instant, the proposal gone.
  const started = await invokePanel(sandbox, 'sam', key, 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Payment gateway down',
    impact: 'No payments',
    critical: true,
    detectedAt,
  });
  if (!started.ok) throw new Error(started.error.message);
  expect(started.data.criticalProblem).toBeUndefined();
  expect((await logOf(id))[0]).toMatchObject({ type: 'escalation-started', actor: { accountId: DEMO_USERS.sam.accountId }, detectedAt });
});

it('with opt-in: the critical priority starts the escalation by itself, detected at that instant', async () => {
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', { ...DEMO_CONFIGURATION, autoStartOnCriticalPriority: true }));
  const detectedAt = sandbox.now().toISOString();
  const { key, id } = await createCritical('Storage cluster unreachable');
  await sandbox.advanceClock(1 * MIN);

  const [first] = await logOf(id);
  expect(first).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', actor: { party: 'system' } });
  // Detected the instant it started: the start command keeps a detection time only when it is earlier.
  const started = first as { detectedAt?: string; at: string };
  expect(started.detectedAt ?? started.at).toBe(detectedAt);
  expect(await detectionOf(key)).toBeUndefined();
  const view = await invokePanel(sandbox, 'sam', key, 'getEscalation', {});
  expect(view.ok && view.data.criticalProblem).toBeUndefined();
});
