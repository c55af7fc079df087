import { summarizeEscalation } from '../domain/analytics/escalation-summary';
import type { EscalationPolicy } from '../domain/configuration/escalation-policy';
import type { EscalationEvent } from '../domain/escalation/escalation-event';
import type { EscalationState } from '../domain/escalation/escalation-state';
import type { ProcessTemplate } from '../domain/process/process-template';
import type { EscalationSummaryStore } from './ports/escalation-summary-store';
import type { IssueRef } from './ports/issue-gateway';
import { errorMessage, type Logger } from './ports/logger';

/**
 * Keeps the escalation's analytics summary in step with its log, after every append. The summary is a
 * projection: a failure here is logged and never undoes or fails the recorded event (the next append, or
 * a rebuild, writes it again).
 */
export async function recordEscalationSummary(
  deps: { readonly summaries?: EscalationSummaryStore; readonly logger: Logger },
  escalation: {
    readonly state: EscalationState | undefined;
    readonly log: readonly EscalationEvent[];
    readonly template: ProcessTemplate;
    /** The project's configuration: its policy times the fair-time waits (who waited for whom). */
    readonly configuration?: { readonly policy: EscalationPolicy };
    readonly issue: Pick<IssueRef, 'id' | 'key' | 'projectKey'>;
  },
): Promise<void> {
  const store = deps.summaries;
  if (!store || !escalation.state) return;
  try {
    await store.save(
      summarizeEscalation({
        state: escalation.state,
        log: escalation.log,
        template: escalation.template,
        issue: escalation.issue,
        ...(escalation.configuration ? { policy: escalation.configuration.policy } : {}),
      }),
    );
  } catch (error) {
    deps.logger.warn('escalation summary not saved', { issueId: escalation.issue.id, error: errorMessage(error) });
  }
}
