import { logger } from '../../infrastructure/logger';
import { kvsEscalationSummaryStore } from '../../infrastructure/storage/escalation-summary-store';
import { backfillAnalyticsTotals } from '../../usecases/backfill-analytics-totals';
import { SCHEDULED_TRIGGER_BUDGET_MS } from '../invocation-budgets';

/**
 * `scheduledTrigger` handler (hourly, no user): folds summaries written before the analytics' running totals
 * existed. Once done, each run is one storage read. Forge does not retry a failed run; the next one resumes.
 */
export function createAnalyticsBackfill(deps = { summaries: kvsEscalationSummaryStore, logger, nowMs: () => Date.now() }) {
  return async (): Promise<{ statusCode: number; body: string }> => {
    try {
      const result = await backfillAnalyticsTotals(deps, deps.nowMs() + SCHEDULED_TRIGGER_BUDGET_MS);
      return { statusCode: 200, body: JSON.stringify(result) };
    } catch (error) {
      logger.error('analytics totals backfill failed; the next hourly run resumes', { error: String(error) });
      return { statusCode: 500, body: 'analytics totals backfill failed' };
    }
  };
}
