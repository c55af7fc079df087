import type { EscalationSummary } from '../../domain/analytics/escalation-summary';

/**
 * The analytics read model: one summary per escalation, rewritten from the log after every append. It is a
 * projection: losing or rebuilding it loses nothing.
 */
export interface EscalationSummaryStore {
  save(summary: EscalationSummary): Promise<void>;
  all(): Promise<EscalationSummary[]>;
}
