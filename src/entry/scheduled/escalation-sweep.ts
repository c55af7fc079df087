import { logger } from '../../infrastructure/logger';
import { createSweepDeps } from '../../infrastructure/sweep-deps';
import type { SweepDeps } from '../../usecases/escalation-sweep-deps';
import { DEFAULT_SWEEP_OPTIONS, sweepDueEscalations, type SweepSummary } from '../../usecases/sweep-due-escalations-use-case';
import { LONG_RUNNING_ISSUE_RESERVE_MS, SCHEDULED_TRIGGER_BUDGET_MS } from '../invocation-budgets';

/**
 * `scheduledTrigger` handler (every five minutes, no user), within the scheduled trigger's budget. Forge
 * does not retry a failed run: the next run finds whatever is still due, so a failure is logged, not thrown.
 */
export function createEscalationSweep(makeDeps: () => SweepDeps = () => createSweepDeps(SCHEDULED_TRIGGER_BUDGET_MS)) {
  return async (): Promise<{ statusCode: number; body: string }> => {
    try {
      const summary: SweepSummary = await sweepDueEscalations(makeDeps(), {
        ...DEFAULT_SWEEP_OPTIONS,
        reserveMs: LONG_RUNNING_ISSUE_RESERVE_MS,
      });
      logger.info('escalation sweep', { ...summary });
      return { statusCode: 200, body: JSON.stringify(summary) };
    } catch (error) {
      logger.error('escalation sweep failed; the next run picks up what is still due', { error: String(error) });
      return { statusCode: 500, body: 'sweep failed' };
    }
  };
}
