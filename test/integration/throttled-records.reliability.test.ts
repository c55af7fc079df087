/**
 * A sweep whose records are refused by Forge's storage quota after the notification went out, in the
 * sandbox's realistic mode (simulated waits): the transaction that would record `notification-sent` with the
 * claims' completion answers 429 RATE_LIMIT_EXCEEDED past the app's whole retry budget. The claims are still
 * released, so the next sweep records what was sent without sending it again, and nothing is lost.
 */
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import type { NotificationClaim } from '../../src/usecases/ports/notification-claims';
import { seedEscalations } from '../support/escalation-seed';
import { repeatedToSomeone } from '../support/message-count';
import { reliabilityConfiguration } from '../support/reliability-configuration';

jest.setTimeout(200_000);

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-03T08:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const BASE = reliabilityConfiguration({ autoStartOnCriticalPriority: false });
const CONFIGURATION = { ...BASE, policy: { ...BASE.policy, calendar: TWENTY_FOUR_SEVEN } };

let sandbox: PlatformSandbox;
beforeAll(async () => {
  process.env.ESCALATION_LOG = 'silent';
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(() => sandbox?.close());

async function sweep() {
  await sandbox.runFunction('escalation-sweep', {}, APP).catch(() => undefined);
  for (let round = 0; round < 30 && (await sandbox.deliverDue()) > 0; round++);
}

it('records refused past the retry budget after sending: claims released, nothing sent twice, nothing lost', async () => {
  // Warnings of the "immediate" deadlines are due (45 minutes): notifications go out on the first sweep.
  const { firstId } = seedEscalations(sandbox, {
    projectKey: 'DEMO',
    count: 1,
    configuration: CONFIGURATION,
    startedAt: () => new Date(Date.parse(START) - 50 * MIN),
  });
  const id = String(firstId);
  const key = (sandbox.db.prepare('SELECT key FROM jira_issue WHERE id = ?').get(firstId) as { key: string }).key;
  const g = globalThis as unknown as { __forge_fetch__: (proxy: unknown, p: string, init?: RequestInit) => Promise<Response> };
  const real = g.__forge_fetch__;
  let refused = 0;
  g.__forge_fetch__ = (proxy, p, init) => {
    const sets =
      p === '/api/v1/transaction' ? ((JSON.parse(init?.body as string) as { set?: { value?: { type?: string } }[] }).set ?? []) : [];
    if (sets.some((op) => op.value?.type === 'notification-sent')) {
      refused++;
      const body = JSON.stringify({ code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded' });
      return Promise.resolve(new Response(body, { status: 429, headers: { 'content-type': 'application/json' } }));
    }
    return real(proxy, p, init);
  };
  sandbox.meter.setRealistic({});
  try {
    await sweep();
  } finally {
    g.__forge_fetch__ = real;
  }
  // The app waited and asked again (1 s doubling to a minute) before giving up on the quota.
  expect(refused).toBeGreaterThan(3);
  const sentFirst = (await sandbox.outbox()).filter((n) => n.issueKey === key).length;
  expect(sentFirst).toBeGreaterThan(0);
  const before: EscalationEvent[] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
  expect(before.filter((e) => e.type === 'notification-sent')).toEqual([]);
  // No claim is left held by the run that gave up: each says what it reached.
  const claims = await sandbox.runAs(APP, async () => {
    const page = await kvs
      .query()
      .where('key', { condition: 'BEGINS_WITH', values: [`notification-claim:${id}:`] } as never)
      .limit(20)
      .getMany<NotificationClaim>();
    return page.results.map((r) => r.value);
  });
  expect(claims.length).toBeGreaterThan(0);
  for (const claim of claims) expect(claim).toMatchObject({ done: true, notified: true });
  expect(claims.every((claim) => claim.inFlight === undefined)).toBe(true);

  // The next sweep records them, sending nothing again.
  await sandbox.advanceClock(5 * MIN);
  await sweep();
  sandbox.meter.setRealistic(undefined);
  const outbox = await sandbox.outbox();
  expect(repeatedToSomeone(outbox, key)).toEqual([]);
  const log: EscalationEvent[] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
  const sent = log.filter((e) => e.type === 'notification-sent').map((e) => e.origin?.ref);
  expect(sent.length).toBe(claims.length);
  expect(new Set(sent).size).toBe(sent.length);
  // Every effect the first sweep decided is in the log once, and the log replays.
  const refs = log.map((e) => e.origin?.ref).filter(Boolean);
  expect(new Set(refs).size).toBe(refs.length);
  expect(replayEscalation(log)?.status).toBe('open');
});
