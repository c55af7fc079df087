import type { EscalationIndexDocument } from '../escalation/escalation-projection';

/**
 * The largest value of a Forge custom-entity `integer` attribute (32-bit signed). In epoch minutes it is
 * the year 6053; epoch seconds would overflow in January 2038.
 */
export const MAX_CHECK_MINUTE = 2_147_483_647;
const MINUTE_MS = 60_000;

/**
 * The sweep's due index: one entry per open escalation that has a next check, kept in app storage where
 * no user can change it (unlike the issue property, which anyone with Edit can rewrite or delete).
 */
export interface DueIndexEntry {
  readonly issueId: string;
  readonly projectKey: string;
  /** Epoch minutes, rounded up: an entry is never found before its check time. */
  readonly nextCheckMinute: number;
}

/** The minute at or after an instant (so the sweep never takes an issue before it is due). */
export function checkMinute(iso: string): number {
  return Math.min(MAX_CHECK_MINUTE, Math.max(0, Math.ceil(Date.parse(iso) / MINUTE_MS)));
}

/** The last whole minute at `now`: entries at or before it are due. */
export function currentMinute(now: Date): number {
  return Math.min(MAX_CHECK_MINUTE, Math.floor(now.getTime() / MINUTE_MS));
}

/**
 * The index entry for an escalation's derived projection, or undefined when nothing is due any more
 * (not open, or no next check): the same rule the sweep's JQL used (`escalationStatus = "open" AND
 * escalationCheckAt <= now()`), now on data only the app can write.
 *
 * @example dueIndexEntry({ id: '10001', projectKey: 'DEMO' }, { status: 'open', nextCheckAt: '2026-03-02T10:00:30Z', … })
 *   // { issueId: '10001', projectKey: 'DEMO', nextCheckMinute: 29540761 } (10:01, rounded up)
 */
export function dueIndexEntry(
  issue: { readonly id: string; readonly projectKey: string },
  document: Pick<EscalationIndexDocument, 'status' | 'nextCheckAt'>,
): DueIndexEntry | undefined {
  if (document.status !== 'open' || !document.nextCheckAt || Number.isNaN(Date.parse(document.nextCheckAt))) return undefined;
  return { issueId: issue.id, projectKey: issue.projectKey, nextCheckMinute: checkMinute(document.nextCheckAt) };
}
