import { currentMinute, type DueIndexEntry } from '../domain/sweep/due-index';
import type { SweepDeps, SweepIssue, SweepJira } from './escalation-sweep-deps';
import { silentLogger } from './ports/logger';
import { DEFAULT_SWEEP_OPTIONS, sweepDueEscalations, type SweepOptions } from './sweep-due-escalations-use-case';
import { inMemoryDueIndex } from './testing/in-memory-due-index';

const NOW = new Date('2026-03-02T10:00:00Z');
const MINUTE = currentMinute(NOW);
/** Everything found goes to the queue, so these tests see what the sweep finds, in order. */
const QUEUE_ALL: SweepOptions = { ...DEFAULT_SWEEP_OPTIONS, reserveMs: 20_000, inlineLimit: 0, batchSize: 1000 };

function world(options: { issues?: Map<string, SweepIssue>; gone?: Set<string>; open?: SweepIssue[][] } = {}) {
  const dueIndex = inMemoryDueIndex();
  const queued: SweepIssue[] = [];
  const byIdCalls: string[][] = [];
  const openSearches: (string | undefined)[] = [];
  const issue = (id: string): SweepIssue =>
    options.issues?.get(id) ?? { id, key: `DEMO-${id}`, projectKey: 'DEMO', summary: `Issue ${id}` };
  const jira: Partial<SweepJira> = {
    searchCriticalWithoutEscalation: () => Promise.resolve([]),
    issuesByIds: (ids) => {
      byIdCalls.push([...ids]);
      return Promise.resolve(ids.filter((id) => !options.gone?.has(id)).map(issue));
    },
    issueExists: (id) => Promise.resolve(!options.gone?.has(id)),
    searchOpenEscalations: ({ nextPageToken }) => {
      openSearches.push(nextPageToken);
      const pages = options.open ?? [];
      const n = nextPageToken ? Number(nextPageToken) : 0;
      return Promise.resolve({ issues: pages[n] ?? [], ...(n + 1 < pages.length ? { nextPageToken: String(n + 1) } : {}) });
    },
  };
  const deps = {
    jira,
    dueIndex,
    queue: { push: (batches: readonly (readonly SweepIssue[])[]) => Promise.resolve(void queued.push(...batches.flat())) },
    criticalPriorities: () => Promise.resolve([]),
    now: () => NOW,
    remainingMs: () => 60_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as SweepDeps;
  return { deps, dueIndex, queued, byIdCalls, openSearches };
}

const entry = (id: number, minute: number): DueIndexEntry => ({ issueId: String(id), projectKey: 'DEMO', nextCheckMinute: minute });

describe('sweepDueEscalations: the due index', () => {
  it('reads the index in pages of 100 with its cursor, oldest first, and only what is due', async () => {
    const w = world();
    w.dueIndex.marker = { done: true, written: 0 };
    // 250 due, in shuffled order of check time, and one not due yet.
    for (let i = 0; i < 250; i++) await w.dueIndex.put(entry(10_000 + i, MINUTE - ((i * 7919) % 250)));
    await w.dueIndex.put(entry(99_999, MINUTE + 1));

    const summary = await sweepDueEscalations(w.deps, QUEUE_ALL);

    expect(summary.due).toBe(250);
    expect(w.dueIndex.reads).toBe(3);
    expect(w.byIdCalls.map((c) => c.length)).toEqual([100, 100, 50]);
    const minutes = w.queued.map((i) => i.due!.nextCheckMinute);
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
    expect(w.queued.some((i) => i.id === '99999')).toBe(false);
  });

  it('takes at most maxDue per run, the oldest', async () => {
    const w = world();
    w.dueIndex.marker = { done: true, written: 0 };
    for (let i = 0; i < 30; i++) await w.dueIndex.put(entry(10_000 + i, MINUTE - i));
    await sweepDueEscalations(w.deps, { ...QUEUE_ALL, indexPageSize: 10, maxDue: 15 });
    expect(w.queued.map((i) => i.id)).toEqual(Array.from({ length: 15 }, (_, k) => String(10_029 - k)));
  });

  it('drops the entry of a deleted issue, and keeps one Jira does not return yet', async () => {
    const w = world({ gone: new Set(['10001']) });
    w.dueIndex.marker = { done: true, written: 0 };
    await w.dueIndex.put(entry(10_001, MINUTE));
    await w.dueIndex.put(entry(10_002, MINUTE));
    await sweepDueEscalations(w.deps, QUEUE_ALL);
    expect([...w.dueIndex.entries.keys()]).toEqual(['10002']);
  });

  it('backfills once from the issue properties, every open escalation due now, then never searches them again', async () => {
    const open = [
      [{ id: '20001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'a' }],
      [{ id: '20002', key: 'OPS-2', projectKey: 'OPS', summary: 'b' }],
    ];
    const w = world({ open });
    const first = await sweepDueEscalations(w.deps, QUEUE_ALL);
    expect(first.backfilled).toBe(2);
    expect(w.openSearches).toEqual([undefined, '1']);
    expect(w.dueIndex.marker).toEqual({ done: true, written: 2 });
    expect(w.queued.map((i) => [i.id, i.due?.nextCheckMinute])).toEqual([
      ['20001', MINUTE],
      ['20002', MINUTE],
    ]);
    const second = await sweepDueEscalations(w.deps, QUEUE_ALL);
    expect(second.backfilled).toBe(0);
    expect(w.openSearches).toHaveLength(2);
  });

  it('continues a long backfill in the next run from where it stopped', async () => {
    const open = [1, 2, 3].map((n) => [{ id: String(30_000 + n), key: `DEMO-${n}`, projectKey: 'DEMO', summary: '' }]);
    const w = world({ open });
    await sweepDueEscalations(w.deps, { ...QUEUE_ALL, maxBackfillPages: 2 });
    expect(w.dueIndex.marker).toEqual({ done: false, nextPageToken: '2', written: 2 });
    await sweepDueEscalations(w.deps, { ...QUEUE_ALL, maxBackfillPages: 2 });
    expect(w.dueIndex.marker).toEqual({ done: true, written: 3 });
    expect([...w.dueIndex.entries.keys()].sort()).toEqual(['30001', '30002', '30003']);
  });
});
