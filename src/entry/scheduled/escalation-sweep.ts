import { logger } from '../../infrastructure/logger';
import { createSweepDeps } from '../../infrastructure/sweep-deps';
import type { SweepDeps } from '../../usecases/escalation-sweep-deps';
import { sweepDueEscalations, type SweepSummary } from '../../usecases/sweep-due-escalations-use-case';

/** Must match `timeoutSeconds` of the function in manifest.yml. */
export const SWEEP_TIMEOUT_SECONDS = 300;

/**
 * `scheduledTrigger` handler (every five minutes, no user). Forge does not retry a failed run: the next
 * run finds whatever is still due, so a failure is logged, not thrown.
 */
export function createEscalationSweep(makeDeps: () => SweepDeps = () => createSweepDeps(SWEEP_TIMEOUT_SECONDS)) {
  return async (): Promise<{ statusCode: number; body: string }> => {
    try {
      const summary: SweepSummary = await sweepDueEscalations(makeDeps());
      logger.info('escalation sweep', { ...summary });
      return { statusCode: 200, body: JSON.stringify(summary) };
    } catch (error) {
      logger.error('escalation sweep failed; the next run picks up what is still due', { error: String(error) });
      return { statusCode: 500, body: 'sweep failed' };
    }
  };
}
