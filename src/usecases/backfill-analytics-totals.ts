import type { EscalationSummaryStore } from './ports/escalation-summary-store';
import type { Logger } from './ports/logger';

/**
 * Folds the summaries written before the running totals existed into them, a page at a time, until done or
 * until `deadline` (epoch ms) is near. Resumable: each page's progress is stored, so the next run goes on
 * where this one stopped, and a summary folded already (by the backfill or by a change since) is skipped.
 * Until it is done the analytics read per escalation, so the view never shows half-folded totals.
 */
export async function backfillAnalyticsTotals(
  deps: { readonly summaries: EscalationSummaryStore; readonly logger: Logger; readonly nowMs: () => number },
  deadline: number,
): Promise<{ done: boolean; folded: number }> {
  let result = { done: false, folded: 0 };
  // One page (20 summaries, two storage calls each) takes a few seconds at most; stop well before the end.
  while (deps.nowMs() < deadline - 10_000) {
    result = await deps.summaries.backfillTotals({ maxPages: 1 });
    if (result.done) break;
  }
  deps.logger.info('analytics totals backfill', result);
  return result;
}
