import { summarizeEscalation } from '../domain/analytics/escalation-summary';
import { logger } from '../infrastructure/logger';
import type { EscalationSummaryStore } from '../infrastructure/storage/escalation-summary-store';
import type { Workspace } from './escalation-workspace';

/**
 * Keeps the escalation's analytics summary in step with its log, after every append. The summary is a
 * projection: a failure here is logged and never undoes or fails the recorded event (the next append, or
 * a rebuild, writes it again).
 */
export async function recordEscalationSummary(
  store: EscalationSummaryStore | undefined,
  workspace: Pick<Workspace, 'state' | 'log' | 'template' | 'issue'>,
): Promise<void> {
  if (!store || !workspace.state) return;
  try {
    await store.save(
      summarizeEscalation({ state: workspace.state, log: workspace.log, template: workspace.template, issue: workspace.issue }),
    );
  } catch (error) {
    logger.warn('escalation summary not saved', {
      issueId: workspace.issue.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
