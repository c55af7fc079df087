/**
 * Lower bounds for the benchmarks, from documented endpoint and batch limits only (never from the app's own
 * plan). The README's "How the benchmarks bound the work" cites each figure.
 */

/** `GET|POST /rest/api/3/search/jql`: 100 issues a page with fields or properties (5,000 with ids only). */
export const SEARCH_ISSUES_PAGE = 100;
/**
 * `POST /rest/api/3/issue/properties/multi`: "up to 100 issues included in the request"; "asynchronous. Follow the
 * `location` link in the response to determine the status of the task" and "non-transactional": the write is
 * known done only after one `GET /rest/api/3/task/{taskId}` per request.
 */
export const PROPERTIES_MULTI_ISSUES = 100;
/** Custom entity queries: "The page limit must be set between 1 and 100". */
export const ENTITY_QUERY_PAGE = 100;
/** KVS prefix queries: "up to a maximum of 20" per page. */
export const KVS_QUERY_PAGE = 20;
/** `@forge/events` Queue.push: at most 50 events per push. */
export const QUEUE_PUSH_EVENTS = 50;
/** `kvs.transact()`: at most 25 operations, counted as one write request. */
export const TRANSACT_OPS = 25;

export interface SweepBound {
  jira: number;
  storage: number;
  queue: number;
  total: number;
}

/**
 * The fewest calls that can deliver one due notification per escalation, once, with its record:
 * - Jira: the due issues read in search pages of 100, one notify per issue (a comment is "at most one": none
 *   is needed, the notification reaches the contacts), and their properties written with properties/multi,
 *   100 issues at a time, each request's task read once;
 * - storage: the due index read in pages of 100; per issue its log read (one query page: ≤ 20 events), a
 *   claim written before the notify (the notify is not idempotent, so exactly-once needs a record first) and
 *   one transaction after it (events, claim release, summary, index entry: ≤ 25 operations);
 * - queue: the fan-out pushed in batches of 50 events.
 */
export function sweepLowerBound(due: number): SweepBound {
  const pages = (n: number, per: number) => Math.ceil(n / per);
  const jira = pages(due, SEARCH_ISSUES_PAGE) + due + 2 * pages(due, PROPERTIES_MULTI_ISSUES);
  const storage = pages(due, ENTITY_QUERY_PAGE) + due * 3;
  const queue = pages(due, QUEUE_PUSH_EVENTS);
  return { jira, storage, queue, total: jira + storage + queue };
}

/** Reading `n` values stored one per key through prefix queries: pages of 20. */
export function prefixReadBound(n: number): number {
  return Math.ceil(n / KVS_QUERY_PAGE);
}
