import { currentMinute, type DueIndexEntry } from '../domain/sweep/due-index';
import { detectCriticalPriority, sweepDetection } from './detect-critical-priority-use-case';
import type { ProjectionWrite, SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { bringEscalationUpToDate, makeDueAgain, type ProcessOutcome, type UpToDate } from './process-escalation-deadlines-use-case';
import { syncDueIndex } from './sync-due-index';

export interface SweepOptions {
  /** Issues per search page (Jira returns at most 100 with properties); also the ids read per search. */
  readonly pageSize: number;
  /** Due index entries per page (Forge's custom entity queries take 1..100). */
  readonly indexPageSize: number;
  /** Due entries taken per run at most, oldest first; what is beyond is found by the next run (5 minutes later). */
  readonly maxDue: number;
  /** Search pages the one-time backfill of the due index reads per run. */
  readonly maxBackfillPages: number;
  /** Up to this many due issues the sweep handles itself; more go to the queue. */
  readonly inlineLimit: number;
  /** Issues per queue event. */
  readonly batchSize: number;
  /** Stop taking new issues when less than this much of the invocation's budget is left (given by the entry point). */
  readonly reserveMs: number;
}

export const DEFAULT_SWEEP_OPTIONS: Omit<SweepOptions, 'reserveMs'> = {
  pageSize: 100,
  indexPageSize: 100,
  // 10,000 due fit one run: 100 index pages and 100 searches (about 20 s realistic), pushed as 100 events —
  // within Forge's 500 events a minute.
  maxDue: 10_000,
  maxBackfillPages: 20,
  inlineLimit: 20,
  // One bulk property write (properties/multi takes ≤ 100 issues) per event; 100 issues take about 40 s of a
  // consumer's 300 s in the realistic mode (150 ms a Jira call, 40 ms a storage call).
  batchSize: 100,
};

export interface SweepSummary {
  readonly due: number;
  readonly processed: number;
  readonly queued: number;
  readonly criticalStarted: number;
  /** Critical problems recorded for the panel to propose an escalation (projects that did not opt in to starting one). */
  readonly criticalRecorded: number;
  readonly failed: number;
  readonly recorded: number;
  /** Entries the one-time backfill wrote in this run. */
  readonly backfilled: number;
}

/**
 * Processes issues one after another while time allows; returns what is left (the caller re-queues it).
 * Each issue's effects and notifications are done one by one; the batch's projections are then written
 * together in a few bulk requests, and only the issues whose writes Jira confirmed move on in the due index.
 * An issue that fails stays due in the index (its entry is unchanged) and the next sweep takes it again.
 */
export async function processIssues(
  deps: SweepDeps,
  issues: readonly SweepIssue[],
  reserveMs: number,
): Promise<{ outcomes: ProcessOutcome[]; failed: number; left: SweepIssue[]; retry: SweepIssue[] }> {
  const done: { issue: SweepIssue; upToDate: UpToDate }[] = [];
  const templates = new Map();
  const configurations = new Map();
  let failed = 0;
  let left: SweepIssue[] = [];
  /** Issues that failed this time and stay due (the caller may hand them on). */
  const retry: SweepIssue[] = [];
  // One entry per issue: the bulk field write takes each field and issue once.
  const unique = [...new Map(issues.map((issue) => [issue.id, issue])).values()];
  for (let i = 0; i < unique.length; i++) {
    if (deps.remainingMs() < reserveMs) {
      left = unique.slice(i);
      break;
    }
    const issue = unique[i]!;
    try {
      done.push({ issue, upToDate: await bringEscalationUpToDate(deps, issue, { templates, configurations }) });
    } catch (error) {
      failed++;
      retry.push(issue);
      deps.logger.warn('escalation not brought up to date; it stays due', { issueKey: issue.key, error: String(error) });
    }
  }
  const written = await writeProjections(deps, done);
  const outcomes: ProcessOutcome[] = [];
  for (const { issue, upToDate } of done) {
    const { projection, ...outcome } = upToDate;
    if (!projection) {
      outcomes.push({ ...outcome, projectionWritten: false });
      continue;
    }
    try {
      // Not confirmed written: the index keeps (or, when it moved on with the records, gets back) a check
      // time that is due, so the next sweep finds the issue again.
      if (projection.differs && !written.has(issue.id)) {
        failed++;
        retry.push(issue);
        await makeDueAgain(deps, issue, projection);
        continue;
      }
      const indexWritten = projection.indexInAppend
        ? projection.indexWritten
        : await syncDueIndex(deps.dueIndex, issue, projection.document, issue.due);
      outcomes.push({ ...outcome, projectionWritten: projection.differs, indexWritten });
    } catch (error) {
      failed++;
      retry.push(issue);
      deps.logger.warn('due index not moved on; it stays due', { issueKey: issue.key, error: String(error) });
    }
  }
  return { outcomes, failed, left, retry };
}

/** The batch's projections that differ from what the issues show, in a few bulk requests; the ids Jira confirmed. */
async function writeProjections(deps: SweepDeps, done: readonly { issue: SweepIssue; upToDate: UpToDate }[]): Promise<Set<string>> {
  const writes: ProjectionWrite[] = done.flatMap(({ issue, upToDate: { projection } }) =>
    projection?.differs ? [{ issue, document: projection.document, ...(projection.field ? { field: projection.field } : {}) }] : [],
  );
  if (writes.length === 0) return new Set();
  const result = await deps.jira.saveProjections(writes).catch((error: unknown) => ({
    written: [],
    failed: [{ issueIds: writes.map((w) => w.issue.id), reason: String(error) }],
  }));
  for (const failure of result.failed) {
    deps.logger.warn('projections not written; the next sweep retries', { issues: failure.issueIds.length, error: failure.reason });
  }
  return new Set(result.written);
}

/**
 * The one-time backfill of the due index: escalations tracked before the index existed are found through
 * their issue property (the old JQL) and entered as due now, so the next step brings each up to date once
 * and writes its real next check time. A stored marker says when it is done; a long backfill continues in
 * the next run (a search token that is refused by then starts it over: entering an issue twice is harmless).
 * @returns the entries written in this run.
 */
export async function backfillDueIndex(deps: SweepDeps, options: SweepOptions): Promise<number> {
  const state = await deps.dueIndex.backfill();
  if (state?.done) return 0;
  let token = state?.nextPageToken;
  let written = state?.written ?? 0;
  let thisRun = 0;
  const minute = currentMinute(deps.now());
  for (let page = 0; page < options.maxBackfillPages; page++) {
    let result;
    try {
      result = await deps.jira.searchOpenEscalations({ maxResults: options.pageSize, ...(token ? { nextPageToken: token } : {}) });
    } catch (error) {
      if (page > 0 || !token) throw error;
      deps.logger.warn('due index backfill starts over: the stored search position was refused', { error: String(error) });
      token = undefined;
      result = await deps.jira.searchOpenEscalations({ maxResults: options.pageSize });
    }
    const entries: DueIndexEntry[] = result.issues.map((issue) => ({
      issueId: issue.id,
      projectKey: issue.projectKey,
      nextCheckMinute: minute,
    }));
    await deps.dueIndex.putMany(entries);
    written += entries.length;
    thisRun += entries.length;
    token = result.nextPageToken;
    if (!token) {
      await deps.dueIndex.saveBackfill({ done: true, written });
      deps.logger.info('due index backfill done', { written });
      return thisRun;
    }
  }
  await deps.dueIndex.saveBackfill({ done: false, nextPageToken: token!, written });
  return thisRun;
}

/**
 * The due entries at `now`, oldest first, paged with the index's cursor (at most `maxDue`), then the
 * issues themselves from Jira (key, summary, what the property shows), 100 ids per search. An entry whose
 * issue Jira does not return is dropped only when the issue is gone; one not searchable yet stays due.
 */
async function findDue(deps: SweepDeps, options: SweepOptions): Promise<{ due: SweepIssue[]; failed: number }> {
  const atMinute = currentMinute(deps.now());
  const entries: DueIndexEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.dueIndex.due({ atMinute, limit: Math.min(options.indexPageSize, options.maxDue - entries.length), cursor });
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor && entries.length < options.maxDue);

  const due: SweepIssue[] = [];
  let failed = 0;
  for (let i = 0; i < entries.length; i += options.pageSize) {
    const chunk = entries.slice(i, i + options.pageSize);
    let issues: SweepIssue[];
    try {
      issues = await deps.jira.issuesByIds(chunk.map((e) => e.issueId));
    } catch (error) {
      // These stay due in the index; the next sweep reads them again.
      failed += chunk.length;
      deps.logger.warn('due issues not read this time', { issues: chunk.length, error: String(error) });
      continue;
    }
    const byId = new Map(issues.map((issue) => [issue.id, issue]));
    for (const entry of chunk) {
      const issue = byId.get(entry.issueId);
      if (issue) {
        due.push({ ...issue, due: { nextCheckMinute: entry.nextCheckMinute } });
        continue;
      }
      try {
        if (!(await deps.jira.issueExists(entry.issueId))) {
          await deps.dueIndex.remove(entry.issueId);
          deps.logger.info('due index entry of a deleted issue removed', { issueId: entry.issueId });
        }
      } catch (error) {
        deps.logger.warn('due issue not found by search; kept for the next sweep', { issueId: entry.issueId, error: String(error) });
      }
    }
  }
  return { due, failed };
}

/**
 * The five-minute sweep. Finds only what is due, through the due index in app storage (range query on the
 * next check time, oldest first, so a backlog drains in order), never through the issue property, which
 * users can edit; plus critical issues without an escalation that the product-event trigger missed.
 * Handles a few itself; more go to the queue consumer in batches.
 *
 * Idempotent: a duplicated or overlapping run finds the same issues and records nothing twice.
 */
export async function sweepDueEscalations(deps: SweepDeps, options: SweepOptions): Promise<SweepSummary> {
  let criticalStarted = 0;
  let criticalRecorded = 0;
  let failed = 0;
  const priorities = await deps.criticalPriorities();
  // The safety net must not hold up what is due: when its search (or the changelog read) fails, the next
  // sweep searches again.
  const critical =
    priorities.length > 0
      ? await deps.jira.searchCriticalWithoutEscalation({ priorities, maxResults: options.pageSize }).catch((error: unknown) => {
          failed++;
          deps.logger.warn('critical issues not searched this time', { error: String(error) });
          return [];
        })
      : [];
  for (const issue of critical) {
    try {
      // Detected when the priority became critical (changelog), not when the issue was last touched.
      const detected = await detectCriticalPriority(deps, issue, (configuration) => sweepDetection(issue, configuration, deps.now()));
      if (detected.started) criticalStarted++;
      if (detected.recorded) criticalRecorded++;
    } catch (error) {
      failed++;
      deps.logger.warn('critical issue not escalated this time', { issueKey: issue.key, error: String(error) });
    }
  }

  const backfilled = await backfillDueIndex(deps, options).catch((error: unknown) => {
    failed++;
    deps.logger.warn('due index backfill not finished this time', { error: String(error) });
    return 0;
  });

  // All pages first, then work: processing moves entries on in the index.
  const found = await findDue(deps, options);
  failed += found.failed;
  const due = found.due;
  const inline = due.length <= options.inlineLimit ? due : [];
  const toQueue = due.length <= options.inlineLimit ? [] : due;
  const { outcomes, failed: inlineFailed, left } = await processIssues(deps, inline, options.reserveMs);
  const queued = [...toQueue, ...left];
  if (queued.length > 0) {
    const batches: SweepIssue[][] = [];
    for (let i = 0; i < queued.length; i += options.batchSize) batches.push(queued.slice(i, i + options.batchSize));
    await deps.queue.push(batches);
  }
  return {
    due: due.length,
    processed: outcomes.length,
    queued: queued.length,
    criticalStarted,
    criticalRecorded,
    failed: failed + inlineFailed,
    recorded: outcomes.reduce((n, o) => n + o.recorded.length, 0),
    backfilled,
  };
}
