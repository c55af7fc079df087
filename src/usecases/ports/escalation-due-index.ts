import type { DueIndexEntry } from '../../domain/sweep/due-index';

export interface DueIndexPage {
  /** Oldest check first. */
  readonly entries: DueIndexEntry[];
  /** Pass on to read the next page; absent on the last one. Valid within one run only (never stored). */
  readonly cursor?: string;
}

/** How far the one-time backfill of the index (from the issue properties written before it existed) has come. */
export interface DueIndexBackfill {
  readonly done: boolean;
  /** The search page to continue from in the next run (a later run starts over if it is refused). */
  readonly nextPageToken?: string;
  /** Entries written by the backfill so far. */
  readonly written: number;
}

/**
 * The sweep's due index in app storage. The sweep trusts only this; the issue property and the level
 * field are projections for JQL and the issue navigator.
 */
export interface EscalationDueIndex {
  /** Entries due at or before `atMinute`, oldest first, at most `limit` (≤ 100) per page. */
  due(input: { atMinute: number; limit: number; cursor?: string }): Promise<DueIndexPage>;
  /** Creates or replaces the issue's entry. */
  put(entry: DueIndexEntry): Promise<void>;
  /** Creates or replaces several entries (the backfill). */
  putMany(entries: readonly DueIndexEntry[]): Promise<void>;
  /** Nothing is due for the issue any more (closed, or the issue is gone). */
  remove(issueId: string): Promise<void>;
  backfill(): Promise<DueIndexBackfill | undefined>;
  saveBackfill(state: DueIndexBackfill): Promise<void>;
}
