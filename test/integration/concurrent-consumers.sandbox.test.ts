/**
 * The same due escalation in two queue events whose consumers run at once (Forge delivers an event at least
 * once, and a sweep's hand-on or a retried event can meet another batch holding the issue). Both runs derive
 * the same effect, so their log appends carry identical events: only the notification claims written with
 * them tell the two transactions apart. Exactly one message may go out.
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { seedEscalations } from '../support/escalation-seed';
import { repeatedToSomeone } from '../support/message-count';
import { reliabilityConfiguration } from '../support/reliability-configuration';

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-03T08:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const CONFIGURATION = reliabilityConfiguration({ autoStartOnCriticalPriority: false });

let sandbox: PlatformSandbox;
beforeAll(async () => {
  process.env.ESCALATION_LOG = 'silent';
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(() => sandbox?.close());

it('two consumers bringing the same escalation up to date at once: each effect recorded once, its message sent once', async () => {
  // Started 50 minutes ago: the "immediate" deadline's warning (45 minutes) is due.
  const { firstId } = seedEscalations(sandbox, {
    projectKey: 'DEMO',
    count: 1,
    configuration: CONFIGURATION,
    startedAt: () => new Date(sandbox.now().getTime() - 50 * MIN),
  });
  const id = String(firstId);
  const { key, summary } = sandbox.db.prepare('SELECT key, summary FROM jira_issue WHERE id = ?').get(firstId) as {
    key: string;
    summary: string;
  };
  const event = { body: { issues: [{ id, key, projectKey: 'DEMO', summary }] } };
  const runs = await Promise.allSettled([
    sandbox.runFunction('sweep-consumer', event, APP),
    sandbox.runFunction('sweep-consumer', event, APP),
  ]);
  expect(runs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

  const log = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
  const refs = log.map((e) => e.origin?.ref).filter((ref) => ref !== undefined);
  expect(new Set(refs).size).toBe(refs.length);
  expect(log.filter((e) => e.type === 'notification-sent').length).toBeGreaterThan(0);
  // The warnings due go out as one digest to the party's contact: one message, told once.
  const outbox = await sandbox.outbox();
  expect(repeatedToSomeone(outbox, key)).toEqual([]);
  expect(outbox.filter((n) => n.issueKey === key)).toHaveLength(1);
});
