/**
 * Reliability of the automatic escalation: a simulated fortnight of five-minute sweeps in the sandbox,
 * with duplicated and concurrent runs, 20 % of Jira requests failing (429 with Retry-After, 500, 503,
 * slow answers), users acting in between, and critical issues the product-event trigger never saw.
 * Afterwards: every escalation that was due happened exactly once, every notification went out exactly
 * once (nobody told the same thing twice, no notification comments), nothing due is left, and the logs agree with what Jira shows.
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { seedBulkIssues } from '../../sandbox/platform/demo/bulk-issues';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { reliabilityConfiguration } from '../support/reliability-configuration';
import { escalationDeadlines } from '../../src/domain/escalation/escalation-deadlines';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { applyEvent, replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { dueEffects } from '../../src/domain/sweep/due-effects';
import { deliverableAt, lastToldAt, pendingNotifications } from '../../src/domain/sweep/notification-plan';
import { notificationTexts } from '../../src/shared/notification-texts';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import { repeatedToSomeone } from '../support/message-count';
import { seedEscalations } from '../support/escalation-seed';
import { prng } from '../../sandbox/platform/seeded-random';

// Generous: the simulation is CPU-bound and shares the machine with the other test workers.
jest.setTimeout(900_000);

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T07:00:00.000Z'; // Monday morning, Berlin 08:00
const MIN = 60_000;
const DAYS = 14;
const SEED = 20260302;
const APP = { kind: 'app' as const };

// These tests drive escalations that critical priorities start: the project opts in.
const CONFIGURATION = reliabilityConfiguration({ autoStartOnCriticalPriority: true });

let sandbox: PlatformSandbox;
beforeAll(async () => {
  process.env.ESCALATION_LOG = 'silent';
  // Retries happen as in production (same attempts, same order), but their waits are zero: the sandbox
  // keeps real timers, and thousands of backoff pauses would only be idle wall time.
  configureSweepRuntime({ baseDelayMs: 0, maxDelayMs: 0, maxAttempts: 4 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function invokeAs(accountId: string, issueKey: string, functionKey: string, payload: unknown): Promise<{ ok: boolean }> {
  return (await sandbox.invoke({
    moduleKey: 'escalation-panel',
    functionKey,
    payload,
    context: {
      accountId,
      cloudId: 'sandbox',
      localId: 'x',
      locale: 'en-US',
      timezone: 'UTC',
      moduleKey: 'escalation-panel',
      siteUrl: 'https://sandbox.invalid',
      extension: { type: 'jira:issuePanel', issue: { key: issueKey } },
    },
  })) as { ok: boolean };
}

it('a fortnight of overlapping, failing sweeps: each effect and each notification exactly once, nothing due missed', async () => {
  const random = prng(SEED);
  const tried = {
    failedRunsLogged: 0,
    sweeps: 0,
    scheduled: 0,
    duplicated: 0,
    concurrentPairs: 0,
    userActions: 0,
    userActionsFailed: 0,
    criticalCreatedUnseen: 0,
    faultsInjected: 0,
    requests: 0,
  };

  // 24 tracked escalations started at staggered times over the first two days (seeded, as if found earlier)…
  const startedAt = (i: number) => new Date(Date.parse(START) + Math.floor(i * 2 * 60 * MIN + random() * 60 * MIN));
  const { firstId } = seedEscalations(sandbox, { projectKey: 'DEMO', count: 24, startedAt, configuration: CONFIGURATION });
  const seededIds = Array.from({ length: 24 }, (_, i) => String(firstId + i));
  const keyOf = (id: string) => (sandbox.db.prepare('SELECT key FROM jira_issue WHERE id = ?').get(Number(id)) as { key: string }).key;

  // Users with Edit permission rewrite or delete the `escalation` property of some (the sweep must not care):
  // next check in 2099, marked closed, or gone.
  const tampered = seededIds.slice(0, 3);
  const tamper = async () => {
    const [moved, closed, deleted] = tampered as [string, string, string];
    const current = (id: string) =>
      JSON.parse(
        (
          sandbox.db.prepare("SELECT value FROM jira_issue_property WHERE issue_id = ? AND key = 'escalation'").get(Number(id)) as
            { value: string } | undefined
        )?.value ?? '{}',
      ) as Record<string, unknown>;
    const edits: [string, string, unknown][] = [
      ['PUT', moved, { ...current(moved), nextCheckAt: '2099-01-01T00:00:00.000Z' }],
      ['PUT', closed, { ...current(closed), status: 'closed' }],
      ['DELETE', deleted, undefined],
    ];
    for (const [method, id, value] of edits) {
      // Through Jira's REST API as a user (retried: the weather may be bad).
      for (let attempt = 0; attempt < 20; attempt++) {
        const r = await sandbox.jira(
          {
            method,
            path: `/rest/api/3/issue/${keyOf(id)}/properties/escalation`,
            headers: { 'content-type': 'application/json' },
            ...(value ? { body: JSON.stringify(value) } : {}),
          },
          { kind: 'user', accountId: DEMO_USERS.sam.accountId },
        );
        if (r.status < 300 || r.status === 404) break;
      }
    }
  };
  await tamper();

  // …and 20 % of Jira requests fail or stall.
  const faultRate = 1 - Math.pow(0.8, 1 / 4);
  for (const [i, kind] of (['429', '500', '503', 'slow'] as const).entries()) {
    // Retry-After 0 s and 1 ms stalls: the answers still come late and out of order, without idle waiting.
    sandbox.faults.set({ route: /\/rest\/api\/3\//, rate: faultRate, kind, retryAfterSeconds: 0, delayMs: 1, seed: SEED + i });
  }
  sandbox.requestLog.reset();
  // Failed runs log errors by design; count them instead of printing thousands of lines.
  let failedRunsLogged = 0;
  const quiet = [
    jest.spyOn(console, 'error').mockImplementation(() => void failedRunsLogged++),
    jest.spyOn(console, 'warn').mockImplementation(() => undefined),
  ];

  const acknowledged = new Map<string, string>(); // issue id → when the client was recorded as notified
  const resolvedAt = new Map<string, string>();
  const slots = (DAYS * 24 * 60) / 5;
  for (let slot = 0; slot < slots; slot++) {
    const r = random();
    // Users act now and then: the contractor records the client notification (stops the two-hour clock).
    if (r < 0.01) {
      const id = seededIds[Math.floor(random() * seededIds.length)]!;
      if (!acknowledged.has(id)) {
        tried.userActions++;
        const result = await invokeAs(DEMO_USERS.sam.accountId, keyOf(id), 'recordClientNotified', {
          channel: 'phone',
          note: 'Called the client hotline.',
        });
        if (result.ok) acknowledged.set(id, sandbox.now().toISOString());
        else tried.userActionsFailed++;
      }
    }
    // A critical issue the product-event trigger never saw (inserted without events).
    if (r > 0.997) {
      seedBulkIssues(
        sandbox.db,
        sandbox.appManifest,
        'DEMO',
        1,
        () => ({ summary: 'Critical, trigger missed', priorityId: 1 }),
        sandbox.now().getTime(),
      );
      tried.criticalCreatedUnseen++;
    }
    const fired = await sandbox.advanceClock(5 * MIN);
    tried.scheduled += fired.firedTriggers.filter((t) => t === 'escalation-sweep-trigger').length;
    // Forge may run a trigger twice, or two runs may overlap.
    const extra = random();
    if (extra < 0.12) {
      tried.concurrentPairs++;
      tried.duplicated += 2;
      await Promise.all([
        sandbox.runFunction('escalation-sweep', {}, APP).catch(() => undefined),
        sandbox.runFunction('escalation-sweep', {}, APP).catch(() => undefined),
      ]);
      await sandbox.deliverDue();
    } else if (extra < 0.2) {
      tried.duplicated++;
      await sandbox.runFunction('escalation-sweep', {}, APP).catch(() => undefined);
      await sandbox.deliverDue();
    }
  }
  quiet.forEach((spy) => spy.mockRestore());
  tried.sweeps = tried.scheduled + tried.duplicated;
  tried.requests = sandbox.requestLog.count();
  tried.failedRunsLogged = failedRunsLogged;
  tried.faultsInjected = sandbox.requestLog.recent(20_000).filter((e) => e.faulted).length;

  // The weather clears: a few clean sweeps finish whatever the failures left.
  sandbox.faults.clear();
  await sandbox.advanceClock(30 * MIN);
  const now = sandbox.now();

  const issueIds = (
    sandbox.db
      .prepare("SELECT i.id AS id FROM jira_issue i JOIN jira_project p ON p.id = i.project_id WHERE p.key = 'DEMO' AND i.id >= ?")
      .all(firstId) as { id: number }[]
  ).map((r) => String(r.id));
  const outbox = await sandbox.outbox();
  const comments = sandbox.db.prepare('SELECT issue_id, properties FROM jira_comment WHERE properties IS NOT NULL').all() as {
    issue_id: number;
    properties: string;
  }[];
  const fieldId = sandbox.customFieldId('escalation-level');
  const report = {
    escalations: issueIds.length,
    levelChanges: 0,
    notifications: 0,
    notices: 0,
    maxEscalationLateMin: 0,
    arbitrationProposals: 0,
    criticalStartedBySweep: 0,
  };

  for (const id of issueIds) {
    const key = keyOf(id);
    const log: EscalationEvent[] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
    expect(log.length).toBeGreaterThan(0); // critical issues without events were found by the sweep
    const state = replayEscalation(log)!; // throws on gaps or a second start
    if (!seededIds.includes(id)) report.criticalStartedBySweep++;

    // Each effect once: refs are unique; one level change per level left; never forced into arbitration.
    const refs = log.map((e) => e.origin?.ref).filter(Boolean);
    expect(new Set(refs).size).toBe(refs.length);
    const changes = log.filter((e) => e.type === 'level-changed');
    expect(changes.map((e) => (e as { to: number }).to)).toEqual([2, 3].slice(0, changes.length));
    // A hand-edited or deleted property stops nothing: these escalated like the others.
    if (tampered.includes(id)) expect(changes.length).toBeGreaterThanOrEqual(1);
    report.levelChanges += changes.length;
    report.arbitrationProposals += log.filter(
      (e) => e.type === 'deadline-notice' && e.timeFrame === 'levelTimeFrame' && e.notice === 'missed',
    ).length;

    // Escalated when due, not early and not much later than the five-minute rhythm allows.
    let before: ReturnType<typeof applyEvent> | undefined;
    for (const event of log) {
      if (event.type === 'level-changed' && before) {
        const due = escalationDeadlines({
          state: before,
          template: DEFAULT_PROCESS_TEMPLATE,
          policy: CONFIGURATION.policy,
          now: new Date(event.at),
        }).find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId)!;
        const late = (Date.parse(event.at) - Date.parse(due.dueAt)) / MIN;
        expect(late).toBeGreaterThanOrEqual(0);
        report.maxEscalationLateMin = Math.max(report.maxEscalationLateMin, late);
      }
      before = applyEvent(before, event);
    }

    // Nothing due is left, no notification is still owed.
    expect(dueEffects({ state, template: DEFAULT_PROCESS_TEMPLATE, policy: CONFIGURATION.policy, now })).toEqual([]);
    // What waits for working time or a person's digest interval may still be owed; nothing that could have gone.
    expect(
      pendingNotifications({ log, template: DEFAULT_PROCESS_TEMPLATE, configuration: CONFIGURATION, now, texts: notificationTexts }).filter(
        (plan) => deliverableAt(plan, CONFIGURATION.policy, now, lastToldAt(log)).getTime() <= now.getTime() - 10 * MIN,
      ),
    ).toEqual([]);

    // Each notification once: the log's records, the outbox and the marked comments agree one to one.
    const sent = log.filter((e) => e.type === 'notification-sent').map((e) => e.origin!.ref!);
    report.notifications += sent.length;
    report.notices += log.filter((e) => e.type === 'deadline-notice').length;
    // Digests: nobody is told the same thing twice; every recorded notification went out; no comments.
    const mine = outbox.filter((n) => n.issueKey === key);
    expect(repeatedToSomeone(outbox, key)).toEqual([]);
    if (sent.length > 0) expect(mine.length).toBeGreaterThan(0);
    const marked = comments
      .filter((c) => String(c.issue_id) === id)
      .flatMap((c) => (JSON.parse(c.properties) as { key: string }[]).filter((p) => p.key === 'escalation-notification'));
    expect(marked).toEqual([]);

    // Nothing about the two-hour notification after the client was told.
    const toldAt = acknowledged.get(id);
    if (toldAt) {
      const late = log.filter((e) => e.type === 'notification-sent' && e.origin!.ref!.includes('L1-C-02') && e.at > toldAt);
      expect(late).toEqual([]);
    }

    // The logs agree with what Jira shows: property and field.
    const property = JSON.parse(
      (
        sandbox.db.prepare("SELECT value FROM jira_issue_property WHERE issue_id = ? AND key = 'escalation'").get(Number(id)) as {
          value: string;
        }
      ).value,
    ) as unknown;
    expect(property).toMatchObject({ level: state.level, status: state.status, lastSeq: state.lastSeq });
    const field = sandbox.db
      .prepare('SELECT num FROM jira_index_value WHERE issue_id = ? AND source = ? AND path = ?')
      .get(Number(id), fieldId, 'level') as { num: number } | undefined;
    if (state.level > 1) expect(field?.num).toBe(state.level);
  }
  void resolvedAt;

  console.log(`reliability: seed ${SEED}, ${DAYS} days simulated\ntried: ${JSON.stringify(tried)}\nfound: ${JSON.stringify(report)}`);
  expect(tried.sweeps).toBeGreaterThanOrEqual(1000);
  expect(tried.faultsInjected / Math.max(1, tried.requests)).toBeGreaterThan(0.15);
  expect(report.levelChanges).toBeGreaterThan(20);
  expect(report.maxEscalationLateMin).toBeLessThan(60);
});
