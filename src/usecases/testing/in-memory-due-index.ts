import type { DueIndexEntry } from '../../domain/sweep/due-index';
import type { DueIndexBackfill, EscalationDueIndex } from '../ports/escalation-due-index';

/** The due index in memory, with the store's contract (oldest first, then by issue id; a cursor per page). */
export function inMemoryDueIndex(): EscalationDueIndex & {
  entries: Map<string, DueIndexEntry>;
  marker: DueIndexBackfill | undefined;
  reads: number;
} {
  const index = {
    entries: new Map<string, DueIndexEntry>(),
    marker: undefined as DueIndexBackfill | undefined,
    reads: 0,
    due({ atMinute, limit, cursor }: { atMinute: number; limit: number; cursor?: string }) {
      index.reads++;
      if (limit < 1 || limit > 100) return Promise.reject(new Error('COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE'));
      const sorted = [...index.entries.values()]
        .filter((e) => e.nextCheckMinute <= atMinute)
        .sort((a, b) => a.nextCheckMinute - b.nextCheckMinute || (a.issueId < b.issueId ? -1 : 1));
      const start = cursor ? Number(cursor) : 0;
      const entries = sorted.slice(start, start + limit);
      return Promise.resolve({ entries, ...(start + limit < sorted.length ? { cursor: String(start + limit) } : {}) });
    },
    put(entry: DueIndexEntry) {
      index.entries.set(entry.issueId, entry);
      return Promise.resolve();
    },
    putMany(entries: readonly DueIndexEntry[]) {
      for (const e of entries) index.entries.set(e.issueId, e);
      return Promise.resolve();
    },
    remove(issueId: string) {
      index.entries.delete(issueId);
      return Promise.resolve();
    },
    backfill() {
      return Promise.resolve(index.marker);
    },
    saveBackfill(state: DueIndexBackfill) {
      index.marker = state;
      return Promise.resolve();
    },
  };
  return index;
}
