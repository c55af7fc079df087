import { logger } from '../../infrastructure/logger';
import { createPersonalDataDeps } from '../../infrastructure/personal-data-deps';
import { reportPersonalData, type PersonalDataDeps } from '../../usecases/report-personal-data-use-case';
import { SCHEDULED_TRIGGER_BUDGET_MS } from '../invocation-budgets';

/**
 * `scheduledTrigger` handler (daily, no user): reports stored accounts once per weekly cycle. Forge does not
 * retry a failed run; the cycle is only marked done after every batch was answered, so the next day's run
 * reports again.
 */
export function createPersonalDataReport(makeDeps: () => PersonalDataDeps = () => createPersonalDataDeps(SCHEDULED_TRIGGER_BUDGET_MS)) {
  return async (): Promise<{ statusCode: number; body: string }> => {
    try {
      const summary = await reportPersonalData(makeDeps());
      return { statusCode: 200, body: JSON.stringify(summary) };
    } catch (error) {
      logger.error('personal data report failed; the next daily run reports again', { error: String(error) });
      return { statusCode: 500, body: 'personal data report failed' };
    }
  };
}
