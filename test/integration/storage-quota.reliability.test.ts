/**
 * Reliability under Forge's storage quota, in the sandbox's realistic mode (150 ms per Jira call, 40 ms per
 * storage call, time limits in simulated time) with a storage write quota small enough that sweeps and their
 * consumers are refused with 429 RATE_LIMIT_EXCEEDED again and again — claims included. Two simulated days of
 * five-minute sweeps over escalations started at staggered times. Afterwards: nothing owed is left, every
 * notification went out exactly once (log, outbox and marked comments agree), and the logs replay.
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { reliabilityConfiguration } from '../support/reliability-configuration';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { dueEffects } from '../../src/domain/sweep/due-effects';
import { deliverableAt, lastToldAt, pendingNotifications } from '../../src/domain/sweep/notification-plan';
import { notificationTexts } from '../../src/shared/notification-texts';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { seedEscalations } from '../support/escalation-seed';
import { repeatedToSomeone } from '../support/message-count';

jest.setTimeout(400_000);

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T07:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const COUNT = 12;

const CONFIGURATION = reliabilityConfiguration({ autoStartOnCriticalPriority: false });

let sandbox: PlatformSandbox;
beforeAll(async () => {
  // The app's log lines go to the console, where the test reads them for quota failures.
  process.env.ESCALATION_LOG = 'verbose';
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  process.env.ESCALATION_LOG = 'silent';
  await sandbox?.close();
});

it('two days of sweeps under storage 429s: nothing owed is left, each notification exactly once', async () => {
  const startedAt = (i: number) => new Date(Date.parse(START) + i * 3 * 60 * MIN);
  const { firstId } = seedEscalations(sandbox, { projectKey: 'DEMO', count: COUNT, startedAt, configuration: CONFIGURATION });
  const ids = Array.from({ length: COUNT }, (_, i) => String(firstId + i));

  // 20 write units a minute (Forge: 4,000): a busy sweep runs into the quota within seconds (a sweep step
  // writes two transactions per due escalation, so the quota is set low enough to refuse them again and again).
  sandbox.meter.reset();
  sandbox.meter.setRealistic({ storageWriteUnitsPerMinute: 20 });
  // Failures reported by the platform (a run that threw, a consumer retried): none may come from the quota.
  const quotaFailures: string[] = [];
  const collect = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? `${a.name} ${a.message}` : String(a))).join(' ');
    if (/RATE_LIMIT_EXCEEDED|Rate limit/i.test(text)) quotaFailures.push(text.slice(0, 200));
  };
  const quiet = [
    jest.spyOn(console, 'error').mockImplementation(collect),
    jest.spyOn(console, 'warn').mockImplementation(collect),
    jest.spyOn(console, 'log').mockImplementation(() => undefined),
  ];
  for (let slot = 0; slot < (2 * 24 * 60) / 5; slot++) await sandbox.advanceClock(5 * MIN);
  quiet.forEach((spy) => spy.mockRestore());
  const figures = sandbox.meter.snapshot();
  sandbox.meter.setRealistic(undefined);
  await sandbox.advanceClock(30 * MIN);
  const now = sandbox.now();

  expect(figures.throttled.storage).toBeGreaterThan(10);
  const failedConsumers = sandbox.db.prepare("SELECT last_error FROM queue_event WHERE last_error LIKE '%Rate limit%'").all();
  expect({ quotaFailures: quotaFailures.slice(0, 3), failedConsumers }).toEqual({ quotaFailures: [], failedConsumers: [] });
  for (const kind of Object.values(figures.byKind)) expect(kind.timedOut).toBe(0);

  const outbox = await sandbox.outbox();
  const comments = sandbox.db.prepare('SELECT issue_id, properties FROM jira_comment WHERE properties IS NOT NULL').all() as {
    issue_id: number;
    properties: string;
  }[];
  let notifications = 0;
  let levelChanges = 0;
  for (const id of ids) {
    const key = (sandbox.db.prepare('SELECT key FROM jira_issue WHERE id = ?').get(Number(id)) as { key: string }).key;
    const log: EscalationEvent[] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
    const state = replayEscalation(log)!;
    const refs = log.map((e) => e.origin?.ref).filter(Boolean);
    expect(new Set(refs).size).toBe(refs.length);
    expect(dueEffects({ state, template: DEFAULT_PROCESS_TEMPLATE, policy: CONFIGURATION.policy, now })).toEqual([]);
    // What waits for working time or a person's digest interval may still be owed; nothing that could have gone.
    expect(
      pendingNotifications({ log, template: DEFAULT_PROCESS_TEMPLATE, configuration: CONFIGURATION, now, texts: notificationTexts }).filter(
        (plan) => deliverableAt(plan, CONFIGURATION.policy, now, lastToldAt(log)).getTime() <= now.getTime() - 10 * MIN,
      ),
    ).toEqual([]);
    const sent = log.filter((e) => e.type === 'notification-sent').map((e) => e.origin!.ref!);
    notifications += sent.length;
    levelChanges += log.filter((e) => e.type === 'level-changed').length;
    // Digests: nobody is told the same thing twice; every recorded notification went out; no comments.
    const mine = outbox.filter((n) => n.issueKey === key);
    expect(repeatedToSomeone(outbox, key)).toEqual([]);
    if (sent.length > 0) expect(mine.length).toBeGreaterThan(0);
    const marked = comments
      .filter((c) => String(c.issue_id) === id)
      .flatMap((c) => (JSON.parse(c.properties) as { key: string }[]).filter((p) => p.key === 'escalation-notification'));
    expect(marked).toEqual([]);
  }
  console.log(
    `storage quota: ${JSON.stringify({ throttled: figures.throttled, totals: figures.totals, byKind: figures.byKind, notifications, levelChanges })}`,
  );
  expect(notifications).toBeGreaterThan(COUNT);
  expect(levelChanges).toBeGreaterThan(COUNT / 2);
});
