import type { AnalyticsTotals } from '../../domain/analytics/analytics-totals';
import type { EscalationSummary } from '../../domain/analytics/escalation-summary';

/**
 * The analytics read model: one summary per escalation, rewritten from the log after every append, and
 * running totals per project and month kept in step with them. Both are projections: losing or rebuilding
 * them loses nothing.
 */
export interface EscalationSummaryStore {
  /** Writes the summary and folds it into its project-month totals, with no update lost to a concurrent writer. */
  save(summary: EscalationSummary): Promise<void>;
  all(): Promise<EscalationSummary[]>;
  /** The totals of every project for the months `from`..`to` (`YYYY-MM`, both included). */
  totals(months: { readonly from: string; readonly to: string }): Promise<AnalyticsTotals[]>;
  /** Per project: how many escalations its totals hold, all months together (absent: none). */
  projectCounts(projectKeys: readonly string[]): Promise<Map<string, number>>;
  /** Whether every summary written before the totals existed has been folded in (the backfill finished). */
  totalsComplete(): Promise<boolean>;
  /** Folds summaries written before the totals existed, up to `maxPages` pages; resumes where the last run stopped. */
  backfillTotals(budget: { readonly maxPages: number }): Promise<{ done: boolean; folded: number }>;
}
