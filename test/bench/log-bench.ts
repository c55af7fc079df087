/**
 * `npm run bench:log`: storage calls to load an escalation log of 1,000 and 10,000 events through the app's
 * real event store on the sandbox's Forge storage:
 * - `before`: the log as stored before chunks (one key per event), read 20 keys per query page;
 * - `sealed`: the same log after its next append (which writes its chunks);
 * - `grown`: a log grown by the app's own appends (each after a load in the same invocation, 1–60 events at a
 *   time, seeded), with the most calls any load took on the way (`maxWhileGrowing`) and the transactions per
 *   append (`txPerAppend`; `txPerAppendWithoutChunks`: the same appends planned without chunks, which go
 *   with the events where they fit).
 * Prints one JSON line last.
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { kvsEscalationEventStore as store, planAppend } from '../../src/infrastructure/storage/escalation-event-store';

process.env.ESCALATION_LOG = 'silent';
const APP = { kind: 'app' as const };
const START = '2026-03-02T08:00:00.000Z';

const update = (seq: number): EscalationEvent => ({
  seq,
  type: 'status-update-posted',
  at: START,
  actor: { accountId: 'sam', party: 'contractor' },
  text: `Status ${seq}: Wiederherstellung läuft, nächster Bericht um ${8 + (seq % 10)}:00 ${'x'.repeat(seq % 120)}`,
});

/** A small seeded generator (mulberry32), so every run grows the same logs. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function storeOldLog(sandbox: PlatformSandbox, issueId: string, n: number): void {
  const insert = sandbox.db.prepare('INSERT INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, 0, 0, NULL)');
  sandbox.db.transaction(() => {
    for (let seq = 1; seq <= n; seq++)
      insert.run(`escalation:${issueId}:event:${String(seq).padStart(8, '0')}`, JSON.stringify(update(seq)));
  })();
}

/** Storage calls (every KVS request) one load takes, checked to return the whole log. */
async function loadCalls(sandbox: PlatformSandbox, issueId: string, n: number): Promise<number> {
  sandbox.kvsLog.reset();
  const log = await sandbox.runAs(APP, () => store.load(issueId));
  if (log.length !== n || log.some((e, i) => e.seq !== i + 1)) throw new Error(`log ${issueId} loaded ${log.length} of ${n} events`);
  return Object.values(sandbox.kvsLog.counts()).reduce((a, b) => a + b, 0);
}

async function measure(sandbox: PlatformSandbox, n: number, id: number) {
  const old = String(id);
  storeOldLog(sandbox, old, n - 1);
  const before = await loadCalls(sandbox, old, n - 1);
  await sandbox.runAs(APP, async () => {
    const log = await store.load(old);
    await store.append(old, [update(log.length + 1)]);
  });
  const sealed = await loadCalls(sandbox, old, n);

  const grown = String(id + 1);
  const next = random(n);
  let length = 0;
  let appends = 0;
  let transactions = 0;
  let withoutChunks = 0;
  let maxWhileGrowing = 0;
  while (length < n) {
    const batch = Math.min(n - length, 1 + Math.floor(next() * 60));
    const events = Array.from({ length: batch }, (_, i) => update(length + i + 1));
    sandbox.kvsLog.reset();
    await sandbox.runAs(APP, async () => {
      const log = await store.load(grown);
      const counts = sandbox.kvsLog.counts();
      maxWhileGrowing = Math.max(
        maxWhileGrowing,
        Object.values(counts).reduce((a, b) => a + b, 0),
      );
      sandbox.kvsLog.reset();
      await store.append(grown, events);
      transactions += sandbox.kvsLog.counts()['/api/v1/transaction'] ?? 0;
      withoutChunks += planAppend(grown, events).length;
      if (log.length !== length) throw new Error('grown log out of step');
    });
    length += batch;
    appends++;
  }
  return {
    before,
    sealed,
    grown: await loadCalls(sandbox, grown, n),
    maxWhileGrowing,
    txPerAppend: Number((transactions / appends).toFixed(2)),
    txPerAppendWithoutChunks: Number((withoutChunks / appends).toFixed(2)),
  };
}

async function main(): Promise<void> {
  const sandbox = await createSandbox({ appDir: path.resolve(__dirname, '../..'), dataFile: ':memory:', demoData: false, startAt: START });
  try {
    const log1k = await measure(sandbox, 1_000, 70_000);
    const log10k = await measure(sandbox, 10_000, 80_000);
    console.log(JSON.stringify({ loadCalls1k: log1k, loadCalls10k: log10k }));
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
