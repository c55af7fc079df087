import { Sort, WhereConditions } from '@forge/kvs';
import { kvs } from './rate-limited-kvs';
import { MAX_CHECK_MINUTE, type DueIndexEntry } from '../../domain/sweep/due-index';
import type { DueIndexBackfill, EscalationDueIndex } from '../../usecases/ports/escalation-due-index';

/** The manifest's `app.storage.entities` item and its index on the next check time. */
export const DUE_ENTITY = 'escalation-due';
export const DUE_INDEX = 'by-next-check';
/** Forge answers COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE outside 1..100. */
export const DUE_PAGE_LIMIT = 100;
const BACKFILL_KEY = 'sweep:due-index:backfill';
/** Entries per `kvs.transact()` (at most 25 operations, storage-reference/transactions). */
const PER_TRANSACTION = 25;

function toEntry(value: unknown): DueIndexEntry | undefined {
  const v = value as Partial<DueIndexEntry> | undefined;
  if (typeof v?.issueId !== 'string' || typeof v.projectKey !== 'string' || typeof v.nextCheckMinute !== 'number') return undefined;
  return { issueId: v.issueId, projectKey: v.projectKey, nextCheckMinute: v.nextCheckMinute };
}

/** The entry as stored (the minute clamped to the entity's integer range). */
export function storedDueEntry(entry: DueIndexEntry): DueIndexEntry {
  const minute = Math.max(0, Math.min(MAX_CHECK_MINUTE, Math.round(entry.nextCheckMinute)));
  return { issueId: entry.issueId, projectKey: entry.projectKey, nextCheckMinute: minute };
}

/**
 * The due index as a Forge custom entity keyed by issue id: out of users' reach, queried by range on
 * `nextCheckMinute` (integer, epoch minutes), oldest first.
 */
export const kvsEscalationDueIndex: EscalationDueIndex = {
  async due({ atMinute, limit, cursor }) {
    let query = kvs
      .entity<DueIndexEntry>(DUE_ENTITY)
      .query()
      .index(DUE_INDEX)
      .where(WhereConditions.lessThanEqualTo(atMinute))
      .sort(Sort.ASC)
      .limit(Math.min(limit, DUE_PAGE_LIMIT));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    const entries = page.results.map((r) => toEntry(r.value)).filter((e): e is DueIndexEntry => e !== undefined);
    return { entries, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
  },

  async put(entry) {
    await kvs.entity<DueIndexEntry>(DUE_ENTITY).set(entry.issueId, storedDueEntry(entry));
  },

  /**
   * In transactions of 25, not `kvs.batchSet`: a transaction counts as one write and has no per-minute cap,
   * while Forge allows 45 batch operations a minute per installation (storage-reference/batchops) and the
   * backfill writes up to 2,000 entries a run. All of a transaction's entries are written, or none (then it throws).
   */
  async putMany(entries) {
    for (let i = 0; i < entries.length; i += PER_TRANSACTION) {
      // An issue listed twice is one entry (a transaction refuses a key twice); the last one counts.
      const chunk = new Map(entries.slice(i, i + PER_TRANSACTION).map((e) => [e.issueId, e]));
      let tx = kvs.transact();
      for (const e of chunk.values()) tx = tx.set(e.issueId, storedDueEntry(e), { entityName: DUE_ENTITY });
      await tx.execute();
    }
  },

  async remove(issueId) {
    await kvs.entity(DUE_ENTITY).delete(issueId);
  },

  async backfill() {
    const value = await kvs.get<DueIndexBackfill>(BACKFILL_KEY);
    return value && typeof value.done === 'boolean' ? value : undefined;
  },

  async saveBackfill(state) {
    await kvs.set(BACKFILL_KEY, state);
  },
};
