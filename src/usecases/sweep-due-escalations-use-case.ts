import { detectCriticalPriority, sweepDetectedAt } from './detect-critical-priority-use-case';
import type { SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { processEscalationDeadlines, type ProcessOutcome } from './process-escalation-deadlines-use-case';

export interface SweepOptions {
  /** Issues per search page (Jira returns at most 100 with properties). */
  readonly pageSize: number;
  /** Pages read per run at most; what is beyond is found by the next run (5 minutes later). */
  readonly maxPages: number;
  /** Up to this many due issues the sweep handles itself; more go to the queue. */
  readonly inlineLimit: number;
  /** Issues per queue event. */
  readonly batchSize: number;
  /** Stop taking new issues when less than this much of the invocation's budget is left (given by the entry point). */
  readonly reserveMs: number;
}

export const DEFAULT_SWEEP_OPTIONS: Omit<SweepOptions, 'reserveMs'> = { pageSize: 100, maxPages: 50, inlineLimit: 20, batchSize: 25 };

export interface SweepSummary {
  readonly due: number;
  readonly processed: number;
  readonly queued: number;
  readonly criticalStarted: number;
  readonly failed: number;
  readonly recorded: number;
}

/**
 * Processes issues one after another while time allows; returns what is left (the caller re-queues it).
 * An issue that fails stays due in Jira (its projection is unchanged) and the next sweep takes it again.
 */
export async function processIssues(
  deps: SweepDeps,
  issues: readonly SweepIssue[],
  reserveMs: number,
): Promise<{ outcomes: ProcessOutcome[]; failed: number; left: SweepIssue[] }> {
  const outcomes: ProcessOutcome[] = [];
  const templates = new Map();
  let failed = 0;
  for (let i = 0; i < issues.length; i++) {
    if (deps.remainingMs() < reserveMs) return { outcomes, failed, left: issues.slice(i) };
    const issue = issues[i]!;
    try {
      outcomes.push(await processEscalationDeadlines(deps, issue, { templates }));
    } catch (error) {
      failed++;
      deps.logger.warn('escalation not brought up to date; the next sweep retries', { issueKey: issue.key, error: String(error) });
    }
  }
  return { outcomes, failed, left: [] };
}

/**
 * The five-minute sweep. Finds only what is due, through JQL on the indexed `escalation` property
 * (never reading every tracked issue), plus critical issues without an escalation that the product-event
 * trigger missed. Handles a few itself; more go to the queue consumer in batches.
 *
 * Idempotent: a duplicated or overlapping run finds the same issues and records nothing twice.
 */
export async function sweepDueEscalations(deps: SweepDeps, options: SweepOptions): Promise<SweepSummary> {
  let criticalStarted = 0;
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
      if ((await detectCriticalPriority(deps, issue, (configuration) => sweepDetectedAt(issue, configuration, deps.now()))).started)
        criticalStarted++;
    } catch (error) {
      failed++;
      deps.logger.warn('critical issue not escalated this time', { issueKey: issue.key, error: String(error) });
    }
  }

  // All pages first, then work: processing moves issues out of the result, which would shift later pages.
  const due: SweepIssue[] = [];
  let token: string | undefined;
  for (let page = 0; page < options.maxPages; page++) {
    const result = await deps.jira.searchDue({ maxResults: options.pageSize, ...(token ? { nextPageToken: token } : {}) });
    due.push(...result.issues);
    token = result.nextPageToken;
    if (!token) break;
  }
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
    failed: failed + inlineFailed,
    recorded: outcomes.reduce((n, o) => n + o.recorded.length, 0),
  };
}
