import type { EscalationEvent } from '../../domain/escalation/escalation-event';
import type { DueIndexEntry } from '../../domain/sweep/due-index';
import type { NotificationClaim } from './notification-claims';

/**
 * What one processing step records beside its events, in the same storage transaction: the claims this run
 * holds (their completion) and the due index entry. (The analytics summary is folded into its running totals
 * after the append, by the summary store, which must read the summary it replaces.) All are the app's own records of
 * the step, overwritten only by their holder or re-derived from the log.
 */
export interface AppendedAlongside {
  /** Claims this run holds (created by it, or taken in this very append: see `deliverNotifications`). */
  readonly claims?: readonly { readonly ref: string; readonly claim: NotificationClaim }[];
  /** The issue's due index entry: moved (`entry`), or removed (`null`: nothing due any more). */
  readonly dueIndex?: { readonly issueId: string; readonly entry: DueIndexEntry | null };
}

/**
 * The escalation record: an append-only log per issue. An event once written is never overwritten; two
 * writers racing for the same sequence number cannot both win.
 */
export interface EscalationEventStore {
  load(issueId: string): Promise<EscalationEvent[]>;
  /**
   * The sequence number of the log's last event, read without the log (one read): 0 for no log, `undefined`
   * when the store cannot tell without loading it (a log written before the store kept its head).
   */
  head(issueId: string): Promise<number | undefined>;
  /**
   * Appends `events` (consecutive sequence numbers right after the log as the caller loaded it) and writes
   * `alongside`, all or nothing where one transaction holds them (a long append is split, each part whole).
   * @throws ConcurrentAppendError (port-errors) when the log moved on since the caller loaded it.
   */
  append(issueId: string, events: readonly EscalationEvent[], alongside?: AppendedAlongside): Promise<void>;
}
