import { createHash } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import type { NotificationClaim, NotificationClaims } from '../../usecases/escalation-sweep-deps';

/**
 * Claims on notifications, one key per attempt: `notification-claim:<issue>:<hash of ref>:<attempt>`.
 * Refs hold characters KVS keys do not allow (`@`), hence the hash.
 */
const prefix = (issueId: string, ref: string) =>
  `notification-claim:${issueId}:${createHash('sha256').update(ref).digest('hex').slice(0, 40)}:`;
const key = (issueId: string, ref: string, attempt: number) => `${prefix(issueId, ref)}${String(attempt).padStart(4, '0')}`;

function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; responseDetails?: { status?: number } };
  return e?.code === 'KEY_CONFLICT' || e?.responseDetails?.status === 409;
}

export const kvsNotificationClaims: NotificationClaims = {
  async latest(issueId, ref) {
    let latest: NotificationClaim | undefined;
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(prefix(issueId, ref)))
        .limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<NotificationClaim>();
      for (const { value } of page.results) if (!latest || value.attempt > latest.attempt) latest = value;
      cursor = page.nextCursor;
    } while (cursor);
    return latest;
  },
  async create(issueId, ref, claim) {
    try {
      await kvs.set(key(issueId, ref, claim.attempt), claim, { keyPolicy: 'FAIL_IF_EXISTS' });
      return true;
    } catch (error) {
      if (isKeyConflict(error)) return false;
      throw error;
    }
  },
  async update(issueId, ref, claim) {
    await kvs.set(key(issueId, ref, claim.attempt), claim);
  },
};
