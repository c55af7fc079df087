/**
 * The escalation log's append path on the sandbox's Forge storage, through the real `@forge/kvs` client: one
 * transaction per append guarded by the log head (`escalation-log-head`), logs stored before heads existed,
 * racing writers, appends longer than one transaction allows, and a transaction whose answer was lost.
 */
import path from 'node:path';
import { kvs } from '@forge/kvs';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import {
  kvsEscalationEventStore,
  LOG_HEAD_ENTITY,
  planAppend,
  TRANSACT_OPS,
} from '../../src/infrastructure/storage/escalation-event-store';
import { kvsNotificationClaims } from '../../src/infrastructure/storage/notification-claim-store';
import { appendAll, loadLog } from '../../src/usecases/append-once';
import { ConcurrentAppendError } from '../../src/usecases/ports/port-errors';
import { startedEvent } from '../support/escalation-seed';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const START = '2026-03-02T08:00:00.000Z';
const deps = { events: kvsEscalationEventStore };

let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: false, startAt: START });
});
afterAll(() => sandbox?.close());

const update = (seq: number, text: string): EscalationEvent => ({
  seq,
  type: 'status-update-posted',
  at: START,
  actor: { accountId: 'sam', party: 'contractor' },
  text,
});
const run = <T>(fn: () => Promise<T>) => sandbox.runAs(APP, fn);
const head = (issueId: string) => run(() => kvs.entity<{ seq: number }>(LOG_HEAD_ENTITY).get(issueId));

/** A log as the app stored it before heads existed: one key per event, no head. */
function storeOldLog(issueId: string, events: readonly EscalationEvent[]) {
  const insert = sandbox.db.prepare('INSERT INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, 0, 0, NULL)');
  for (const e of events) insert.run(`escalation:${issueId}:event:${String(e.seq).padStart(8, '0')}`, JSON.stringify(e));
}

it('a log stored before heads existed replays, and its first append derives the head', async () => {
  storeOldLog('900', [startedEvent(new Date(START)), update(2, 'before heads'), update(3, 'still before')]);
  expect(await head('900')).toBeUndefined();
  // Without a head the store cannot tell the log's length without loading it.
  expect(await run(() => kvsEscalationEventStore.head('900'))).toBeUndefined();
  const loaded = await run(() => loadLog(deps, '900'));
  expect(loaded.state?.status).toBe('open');
  await run(() => kvsEscalationEventStore.append('900', [update(4, 'first with a head')]));
  expect(await head('900')).toEqual({ issueId: '900', seq: 4 });
  expect(await run(() => kvsEscalationEventStore.head('900'))).toBe(4);
  expect(await run(() => kvsEscalationEventStore.head('901'))).toBe(0);
  const log = await run(() => kvsEscalationEventStore.load('900'));
  expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  expect(replayEscalation(log)?.status).toBe('open');
});

it('of two writers that read the same log one wins; the other is told, retries on the new log, nothing is overwritten', async () => {
  storeOldLog('901', [startedEvent(new Date(START))]);
  const read = await run(() => loadLog(deps, '901'));
  await run(() => kvsEscalationEventStore.append('901', [update(2, 'panel')]));
  // A writer on the stale log: refused, whether or not the head existed when it read.
  await expect(run(() => kvsEscalationEventStore.append('901', [update(2, 'sweep')]))).rejects.toBeInstanceOf(ConcurrentAppendError);
  // Through the use cases' helper it reloads and records after the other writer.
  const result = await run(() =>
    appendAll(deps, '901', read, () => ({ drafts: [{ ...update(0, 'sweep'), origin: { source: 'sweep', ref: 'r1' } }] })),
  );
  expect(result.appended.map((e) => e.seq)).toEqual([3]);
  const log = await run(() => kvsEscalationEventStore.load('901'));
  expect(log.map((e) => (e.type === 'status-update-posted' ? e.text : e.type))).toEqual(['escalation-started', 'panel', 'sweep']);
  expect(await head('901')).toMatchObject({ seq: 3 });
});

it('two writers appending the same event: the one whose claim did not land is told, though the event it finds is identical', async () => {
  storeOldLog('904', [startedEvent(new Date(START))]);
  const read = await run(() => loadLog(deps, '904'));
  // Both derived the same effect from the same log, and each took the notification's first claim with it.
  const effect = { ...update(2, 'warning'), origin: { source: 'sweep' as const, ref: 'warning:r1' } };
  const claim = (holder: string) => ({
    attempt: 1,
    holder,
    leaseUntil: 1,
    notified: false,
    reached: [],
    done: false,
    inFlight: 'notify' as const,
  });
  await run(() => kvsEscalationEventStore.append('904', [effect], { claims: [{ ref: 'notified:warning:r1', claim: claim('first') }] }));
  await expect(
    run(() => kvsEscalationEventStore.append('904', [effect], { claims: [{ ref: 'notified:warning:r1', claim: claim('second') }] })),
  ).rejects.toBeInstanceOf(ConcurrentAppendError);
  expect(await run(() => kvsNotificationClaims.latest('904', 'notified:warning:r1'))).toMatchObject({ holder: 'first' });
  expect(read.log).toHaveLength(1);
  expect((await run(() => kvsEscalationEventStore.load('904'))).map((e) => e.seq)).toEqual([1, 2]);
});

it('an append longer than one transaction is split: each part at most 25 operations, every event whole and in order', async () => {
  storeOldLog('902', [startedEvent(new Date(START))]);
  const events = Array.from({ length: 40 }, (_, i) => update(i + 2, `update ${i + 2}`));
  const claim = { attempt: 1, holder: 'run', leaseUntil: 0, notified: true, reached: [], done: true };
  const alongside = { claims: [1, 2, 3].map((n) => ({ ref: `notified:r${n}`, claim })) };
  const parts = planAppend('902', events, alongside);
  for (const part of parts) expect(part.ops.length + (part.head ? 1 : 0)).toBeLessThanOrEqual(TRANSACT_OPS);
  // Events in order, each in exactly one part, the head moving on from part to part.
  expect(parts.flatMap((p) => p.ops.filter((op) => op.key.includes(':event:')).map((op) => (op.value as EscalationEvent).seq))).toEqual(
    events.map((e) => e.seq),
  );
  expect(parts.filter((p) => p.head).map((p) => p.head)).toEqual([
    { from: 1, to: 25 },
    { from: 25, to: 41 },
  ]);
  sandbox.kvsLog.reset();
  await run(() => kvsEscalationEventStore.append('902', events, alongside));
  expect(sandbox.kvsLog.counts()['/api/v1/transaction']).toBe(parts.length);
  expect((await run(() => kvsEscalationEventStore.load('902'))).map((e) => e.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  expect(await run(() => kvsNotificationClaims.latest('902', 'notified:r2'))).toMatchObject({ done: true });
  expect(await head('902')).toMatchObject({ seq: 41 });
});

it('a transaction that landed but whose answer was lost counts as written; a failure before it landed is reported', async () => {
  storeOldLog('903', [startedEvent(new Date(START))]);
  const g = globalThis as unknown as { __forge_fetch__: (...args: unknown[]) => Promise<Response> };
  const real = g.__forge_fetch__;
  let fault: 'lose' | 'refuse' | undefined = 'lose';
  g.__forge_fetch__ = async (...args: unknown[]) => {
    const current = fault;
    if (args[1] !== '/api/v1/transaction' || !current) return real(...args);
    fault = undefined;
    if (current === 'refuse') return new Response('unavailable', { status: 503 });
    await real(...args);
    return new Response('gateway timeout', { status: 504 });
  };
  try {
    await run(() => kvsEscalationEventStore.append('903', [update(2, 'answer lost')]));
    expect((await run(() => kvsEscalationEventStore.load('903'))).map((e) => e.seq)).toEqual([1, 2]);
    fault = 'refuse';
    await expect(run(() => kvsEscalationEventStore.append('903', [update(3, 'refused')]))).rejects.not.toBeInstanceOf(
      ConcurrentAppendError,
    );
    expect((await run(() => kvsEscalationEventStore.load('903'))).map((e) => e.seq)).toEqual([1, 2]);
  } finally {
    g.__forge_fetch__ = real;
  }
});
