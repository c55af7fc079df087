import { kvs } from './rate-limited-kvs';
import { escalationSummarySchema, type EscalationSummary } from '../../domain/analytics/escalation-summary';
import type { EscalationSummaryStore } from '../../usecases/ports/escalation-summary-store';
import { queryPrefix } from './kvs-prefix-query';

export const SUMMARY_PREFIX = 'escalation-summary:';
/** The key of an escalation's summary (also written inside an event append's transaction). */
export const summaryKey = (issueId: string) => `${SUMMARY_PREFIX}${issueId}`;

/**
 * The analytics read model: one summary per escalation (`escalation-summary:<issueId>`), rewritten from
 * the log after every append. It is a projection: losing or rebuilding it loses nothing.
 */
export const kvsEscalationSummaryStore: EscalationSummaryStore = {
  async save(summary) {
    await kvs.set(summaryKey(summary.issueId), summary);
  },
  all() {
    // Written only by this app from a validated log: a cheap shape check keeps 10,000 reads fast, and a
    // summary of another shape (an older `v`) is skipped rather than breaking the whole report.
    return queryPrefix(SUMMARY_PREFIX, (value) => {
      const v = value as Partial<EscalationSummary> | null;
      if (v?.v === 1 && typeof v.startedAt === 'string' && Array.isArray(v.levels)) return v as EscalationSummary;
      return escalationSummarySchema.safeParse(value).data;
    });
  },
};
