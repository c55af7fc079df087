import { z } from 'zod';
import { logger } from '../../infrastructure/logger';
import { createSweepDeps } from '../../infrastructure/sweep-deps';
import type { SweepDeps } from '../../usecases/escalation-sweep-deps';
import { processIssues } from '../../usecases/sweep-due-escalations-use-case';
import { withStorageWaitsEndingBy } from '../../infrastructure/storage/rate-limited-kvs';
import { siteFactsSchema, type SiteFacts } from '../../infrastructure/queue/escalation-sweep-queue';
import { LONG_RUNNING_ISSUE_RESERVE_MS, LONG_RUNNING_WRITE_RESERVE_MS, QUEUE_CONSUMER_BUDGET_MS } from '../invocation-budgets';

const issueSchema = z.object({
  id: z.string().min(1),
  key: z.string().min(1),
  projectKey: z.string().min(1),
  summary: z.string(),
  priority: z.string().optional(),
  updated: z.string().optional(),
  indexed: z
    .object({ level: z.number().optional(), status: z.string().optional(), fingerprint: z.string(), field: z.string().optional() })
    .optional(),
  due: z.object({ nextCheckMinute: z.number() }).optional(),
  retries: z.number().int().min(0).optional(),
});
const eventSchema = z.object({ body: z.object({ issues: z.array(issueSchema).max(100), site: siteFactsSchema.optional() }) });

/**
 * An issue that failed (a storage quota spent past its waits, an outage) goes back to the queue this many times
 * at most, after {@link RETRY_DELAY_SECONDS}: a backlog drains without waiting for the next sweep, and an issue
 * that keeps failing is left to the sweeps (it stays due in the index either way).
 */
export const MAX_ISSUE_RETRIES = 2;
/** Long enough for the storage quota's minute to pass (limits-kvs-ce: per minute). */
export const RETRY_DELAY_SECONDS = 60;

/**
 * Queue `consumer` of the sweep's fan-out, within the consumer's budget: brings each issue of the batch up to date. What does not fit
 * in the time left is pushed back as a new event; an issue that fails stays due, goes back to the queue a
 * minute later (at most {@link MAX_ISSUE_RETRIES} times) and else the next sweep takes it again (processing is idempotent, so a redelivered event does no harm).
 */
export function createEscalationSweepConsumer(
  makeDeps: (site?: SiteFacts) => SweepDeps = (site) => createSweepDeps(QUEUE_CONSUMER_BUDGET_MS, site),
) {
  return async (event: unknown): Promise<void> => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('escalation sweep consumer got an event it cannot read', { error: parsed.error.message });
      return;
    }
    const deps = makeDeps(parsed.data.body.site);
    const waitsEnd = Date.now() + deps.remainingMs() - LONG_RUNNING_WRITE_RESERVE_MS;
    const { failed, left, outcomes, retry } = await withStorageWaitsEndingBy(waitsEnd, () =>
      processIssues(deps, parsed.data.body.issues, LONG_RUNNING_ISSUE_RESERVE_MS),
    );
    if (left.length > 0) await deps.queue.push([left]);
    const again = retry
      .filter((issue) => (issue.retries ?? 0) < MAX_ISSUE_RETRIES)
      .map((issue) => ({ ...issue, retries: (issue.retries ?? 0) + 1 }));
    // The push may fail too: the issues stay due and the next sweep takes them.
    if (again.length > 0)
      await deps.queue
        .push([again], { delaySeconds: RETRY_DELAY_SECONDS })
        .catch((error: unknown) => logger.warn('failed issues not handed on; the next sweep takes them', { error: String(error) }));
    logger.info('escalation sweep batch', { processed: outcomes.length, failed, requeued: left.length, retried: again.length });
  };
}
