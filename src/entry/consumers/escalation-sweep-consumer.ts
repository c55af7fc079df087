import { z } from 'zod';
import { logger } from '../../infrastructure/logger';
import { createSweepDeps } from '../../infrastructure/sweep-deps';
import type { SweepDeps } from '../../usecases/escalation-sweep-deps';
import { processIssues } from '../../usecases/sweep-due-escalations-use-case';
import { LONG_RUNNING_ISSUE_RESERVE_MS, QUEUE_CONSUMER_BUDGET_MS } from '../invocation-budgets';

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
});
const eventSchema = z.object({ body: z.object({ issues: z.array(issueSchema).max(100) }) });

/**
 * Queue `consumer` of the sweep's fan-out, within the consumer's budget: brings each issue of the batch up to date. What does not fit
 * in the time left is pushed back as a new event; an issue that fails stays due and the next sweep
 * takes it again (processing is idempotent, so a redelivered event does no harm).
 */
export function createEscalationSweepConsumer(makeDeps: () => SweepDeps = () => createSweepDeps(QUEUE_CONSUMER_BUDGET_MS)) {
  return async (event: unknown): Promise<void> => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('escalation sweep consumer got an event it cannot read', { error: parsed.error.message });
      return;
    }
    const deps = makeDeps();
    const { failed, left, outcomes } = await processIssues(deps, parsed.data.body.issues, LONG_RUNNING_ISSUE_RESERVE_MS);
    if (left.length > 0) await deps.queue.push([left]);
    logger.info('escalation sweep batch', { processed: outcomes.length, failed, requeued: left.length });
  };
}
