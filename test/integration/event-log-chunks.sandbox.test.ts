/**
 * The escalation log stored in chunks (escalation-log-layout.ts), on the sandbox's Forge storage through the
 * real `@forge/kvs` client: whatever the appends (sealing or not, racing, split over transactions, answers
 * lost), a load gives back exactly the events appended, in order; every chunk is a byte-for-byte copy of
 * the events' own keys, which all stay; a long log loads in a few queries.
 */
import path from 'node:path';
import fc from 'fast-check';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { kvsEscalationEventStore as store } from '../../src/infrastructure/storage/escalation-event-store';
import { ConcurrentAppendError } from '../../src/usecases/ports/port-errors';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const START = '2026-03-02T08:00:00.000Z';

let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: false, startAt: START });
});
afterAll(() => sandbox?.close());

const run = <T>(fn: () => Promise<T>) => sandbox.runAs(APP, fn);

/** Status updates of varied size and script (a few large enough that a thousand-block needs several values). */
const update = (seq: number, writer: string, size: number): EscalationEvent => ({
  seq,
  type: 'status-update-posted',
  at: START,
  actor: { accountId: writer, party: 'contractor' },
  text: `${writer} ${seq} ${'Übergabe ✓ '.repeat(size)}Ende`,
});
const updates = (from: number, n: number, writer: string, size: number) =>
  Array.from({ length: n }, (_, i) => update(from + i, writer, size));

/** A log as the app stored it before heads and chunks existed: one key per event. */
function storeOldLog(issueId: string, events: readonly EscalationEvent[]) {
  const insert = sandbox.db.prepare('INSERT INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, 0, 0, NULL)');
  for (const e of events) insert.run(`escalation:${issueId}:event:${String(e.seq).padStart(8, '0')}`, JSON.stringify(e));
}

/** Every chunk's events against the events' own keys, as stored text. */
function checkChunks(issueId: string, length: number): number {
  const rows = sandbox.db
    .prepare('SELECT key, value FROM kvs WHERE key >= ? AND key < ?')
    .all(`escalation:${issueId}:event:`, `escalation:${issueId}:event;`) as {
    key: string;
    value: string;
  }[];
  const singles = new Map<number, string>();
  for (const r of rows) if (!r.key.includes('#')) singles.set(Number(r.key.slice(-8)), r.value);
  expect(singles.size).toBe(length);
  let chunks = 0;
  for (const r of rows.filter((row) => row.key.includes('#'))) {
    const chunk = JSON.parse(r.value) as { from: number; to: number; events: unknown[] };
    chunk.events.forEach((e, i) => expect(JSON.stringify(e)).toBe(singles.get(chunk.from + i)));
    chunks++;
  }
  return chunks;
}

/** Lets the next transaction land and then loses its answer (a 504 after it applied). */
function loseNextTransactionAnswer(): () => void {
  const g = globalThis as unknown as { __forge_fetch__: (...args: unknown[]) => Promise<Response> };
  const real = g.__forge_fetch__;
  let armed = true;
  g.__forge_fetch__ = async (...args: unknown[]) => {
    if (args[1] !== '/api/v1/transaction' || !armed) return real(...args);
    armed = false;
    await real(...args);
    return new Response('gateway timeout', { status: 504 });
  };
  return () => {
    g.__forge_fetch__ = real;
  };
}

/** Refuses every transaction that carries a chunk, as Forge would one over a limit (`MAX_SIZE`). */
function refuseChunks(): () => void {
  const g = globalThis as unknown as { __forge_fetch__: (...args: unknown[]) => Promise<Response> };
  const real = g.__forge_fetch__;
  g.__forge_fetch__ = async (...args: unknown[]) => {
    const body = (args[2] as { body?: unknown } | undefined)?.body;
    if (args[1] !== '/api/v1/transaction' || typeof body !== 'string' || !body.includes(':event:#')) return real(...args);
    return new Response(JSON.stringify({ code: 'MAX_SIZE', message: 'The provided value has exceeded the maximum size limit.' }), {
      status: 400,
      headers: { 'content-type': 'application/json' },
    });
  };
  return () => {
    g.__forge_fetch__ = real;
  };
}

type Step =
  | { kind: 'append'; n: number; size: number; sameInvocation: boolean }
  | { kind: 'race'; n: number; other: number }
  | { kind: 'lost'; n: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      n: fc.integer({ min: 1, max: 60 }),
      size: fc.integer({ min: 0, max: 30 }),
      sameInvocation: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      n: fc.integer({ min: 200, max: 700 }),
      size: fc.constantFrom(0, 40),
      sameInvocation: fc.constant(true),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('race' as const),
      n: fc.integer({ min: 1, max: 30 }),
      other: fc.integer({ min: 1, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lost' as const), n: fc.integer({ min: 1, max: 12 }) }) },
);

let nextIssue = 5000;

it('loads exactly the appended events, in order, whatever the sealing points, races, splits and lost answers', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1_300 }), fc.array(step, { minLength: 1, maxLength: 10 }), async (old, steps) => {
      const issueId = String(nextIssue++);
      const expected: EscalationEvent[] = updates(1, old, 'before', 2);
      storeOldLog(issueId, expected);
      for (const s of steps) {
        const from = expected.length + 1;
        if (s.kind === 'append') {
          const events = updates(from, s.n, 'panel', s.size);
          if (s.sameInvocation)
            await run(async () => {
              expect((await store.load(issueId)).length).toBe(from - 1);
              await store.append(issueId, events);
            });
          else await run(() => store.append(issueId, events));
          expected.push(...events);
        } else if (s.kind === 'race') {
          const mine = updates(from, s.n, 'sweep', 1);
          const theirs = updates(from, s.other, 'portal', 1);
          await run(async () => {
            await store.load(issueId);
            // Another invocation appends after this one read the log.
            await run(async () => {
              await store.load(issueId);
              await store.append(issueId, theirs);
            });
            await expect(store.append(issueId, mine)).rejects.toBeInstanceOf(ConcurrentAppendError);
            const reread = await store.load(issueId);
            expect(reread.length).toBe(from - 1 + s.other);
            await store.append(issueId, updates(reread.length + 1, s.n, 'sweep', 1));
          });
          expected.push(...theirs, ...updates(from + s.other, s.n, 'sweep', 1));
        } else {
          const events = updates(from, s.n, 'lost', 3);
          const restore = loseNextTransactionAnswer();
          try {
            await run(async () => {
              await store.load(issueId);
              await store.append(issueId, events);
            });
          } finally {
            restore();
          }
          expected.push(...events);
        }
      }
      expect(await run(() => store.load(issueId))).toEqual(expected);
      checkChunks(issueId, expected.length);
    }),
    { numRuns: 12 },
  );
});

it('an old log is sealed on its next append, and then a 10,000-event log loads in a few queries', async () => {
  const issueId = '4999';
  const events = updates(1, 10_000, 'before', 2);
  storeOldLog(issueId, events);
  sandbox.kvsLog.reset();
  expect(await run(() => store.load(issueId))).toHaveLength(10_000);
  const before = sandbox.kvsLog.counts()['/api/v1/query'];
  expect(before).toBeGreaterThanOrEqual(500);
  await run(async () => {
    const log = await store.load(issueId);
    await store.append(issueId, [update(log.length + 1, 'panel', 1)]);
  });
  expect(checkChunks(issueId, 10_001)).toBeGreaterThanOrEqual(10);
  sandbox.kvsLog.reset();
  const loaded = await run(() => store.load(issueId));
  expect(loaded).toEqual([...events, update(10_001, 'panel', 1)]);
  expect(sandbox.kvsLog.counts()['/api/v1/query']).toBeLessThanOrEqual(6);
});

it('a chunk the platform refuses never holds up the events: they are written without it, and sealed later', async () => {
  const issueId = '4998';
  const expected = updates(1, 25, 'before', 1);
  storeOldLog(issueId, expected);
  const restore = refuseChunks();
  try {
    await run(async () => {
      await store.load(issueId);
      await store.append(issueId, updates(26, 5, 'panel', 1));
    });
  } finally {
    restore();
  }
  expected.push(...updates(26, 5, 'panel', 1));
  expect(await run(() => store.load(issueId))).toEqual(expected);
  expect(checkChunks(issueId, 30)).toBe(0);
  await run(async () => {
    await store.load(issueId);
    await store.append(issueId, updates(31, 1, 'panel', 1));
  });
  expected.push(...updates(31, 1, 'panel', 1));
  expect(await run(() => store.load(issueId))).toEqual(expected);
  expect(checkChunks(issueId, 31)).toBeGreaterThan(0);
});
