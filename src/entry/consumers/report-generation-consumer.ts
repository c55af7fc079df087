import { z } from 'zod';
import { logger } from '../../infrastructure/logger';
import { createReportDeps } from '../../infrastructure/report-deps';
import { generateReportJob } from '../../usecases/report-job-use-cases';
import type { ReportDeps } from '../../usecases/report-workspace';
import { QUEUE_CONSUMER_BUDGET_MS } from '../invocation-budgets';

const eventSchema = z.object({ body: z.object({ issueId: z.string().min(1).max(40), jobId: z.string().regex(/^[a-f0-9]{64}$/) }) });

/**
 * Queue `consumer` of large reports: generates one job's report within the consumer's budget (the job was
 * stored by the resolver that asked for it; the event names it only). A run that runs short pushes the job
 * again; a failure is thrown, so Forge delivers the event again, and the next run continues from its pages.
 */
export function createReportGenerationConsumer(
  makeDeps: () => ReportDeps & { remainingMs: () => number } = () => {
    // On the clock Forge runs on (in the sandbox's realistic mode: simulated time).
    const startedAt = Date.now();
    return { ...createReportDeps(QUEUE_CONSUMER_BUDGET_MS), remainingMs: () => QUEUE_CONSUMER_BUDGET_MS - (Date.now() - startedAt) };
  },
) {
  return async (event: unknown): Promise<void> => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('report generation consumer got an event it cannot read', { error: parsed.error.message });
      return;
    }
    const outcome = await generateReportJob(makeDeps(), parsed.data.body);
    logger.info('report generation', { jobId: parsed.data.body.jobId, outcome });
  };
}
