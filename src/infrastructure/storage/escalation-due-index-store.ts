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
/** Items per `kvs.batchSet` (kept at the transaction limit of 25). */
const BATCH = 25;

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

  async putMany(entries) {
    for (let i = 0; i < entries.length; i += BATCH) {
      const chunk = entries.slice(i, i + BATCH);
      const result = await kvs.batchSet(chunk.map((e) => ({ entityName: DUE_ENTITY, key: e.issueId, value: storedDueEntry(e) })));
      if (result.failedKeys.length > 0) {
        const first = result.failedKeys[0]!;
        throw new Error(
          `Due index: ${result.failedKeys.length} item(s) not written, e.g. ${first.key}: ${first.error.code} ${first.error.message}`,
        );
      }
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
