import { createHash } from 'node:crypto';
import { kvs } from './rate-limited-kvs';
import type { NotificationClaim, NotificationClaims } from '../../usecases/escalation-sweep-deps';
import { queryPrefix, setIfAbsent } from './kvs-prefix-query';

/**
 * Claims on notifications, one key per attempt: `notification-claim:<issue>:<hash of ref>:<attempt>`.
 * Refs hold characters KVS keys do not allow (`@`), hence the hash.
 */
const prefix = (issueId: string, ref: string) =>
  `notification-claim:${issueId}:${createHash('sha256').update(ref).digest('hex').slice(0, 40)}:`;
/** The key of one attempt's claim (also written inside an event append's transaction). */
export const claimKey = (issueId: string, ref: string, attempt: number) => `${prefix(issueId, ref)}${String(attempt).padStart(4, '0')}`;

export const kvsNotificationClaims: NotificationClaims = {
  async latest(issueId, ref) {
    const claims = await queryPrefix(prefix(issueId, ref), (value) => value as NotificationClaim);
    return claims.reduce<NotificationClaim | undefined>(
      (latest, claim) => (!latest || claim.attempt > latest.attempt ? claim : latest),
      undefined,
    );
  },
  async create(issueId, ref, claim) {
    return (await setIfAbsent(claimKey(issueId, ref, claim.attempt), claim)) === 'created';
  },
  async update(issueId, ref, claim) {
    await kvs.set(claimKey(issueId, ref, claim.attempt), claim);
  },
};
