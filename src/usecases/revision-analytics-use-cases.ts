import { analyticsCsv } from '../domain/analytics/analytics-csv';
import type { EscalationSummary } from '../domain/analytics/escalation-summary';
import { revisionAnalytics } from '../domain/analytics/revision-analytics';
import { isReviewApproved, reviewApprovedAt, reviewReminder } from '../domain/review/process-review';
import type { AnalyticsView, CsvExport } from '../shared/admin-views';
import { openAdminSession, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { UseCaseError } from './use-case-error';

export interface PeriodInput {
  readonly from: string;
  readonly to: string;
  readonly projectKey?: string;
}

/**
 * Which escalations a user may count: Jira admins all; a party member those of the projects where they
 * are a party (projects without their own configuration go by the default groups).
 */
function visibility(session: AdminSession): { projects: string[] | null; sees: (s: EscalationSummary) => boolean } {
  if (session.viewer.isJiraAdmin) return { projects: null, sees: () => true };
  if (session.viewer.parties.length === 0) {
    throw new UseCaseError('not-a-party', 'The revision analytics are for the contractor and client parties and for Jira administrators.');
  }
  const configured = new Set(session.configurations.map((c) => c.projectKey));
  const mine = new Set(session.partyByProject.keys());
  return {
    projects: [...mine].sort(),
    sees: (s) => mine.has(s.projectKey) || (!configured.has(s.projectKey) && session.defaultParty !== null),
  };
}

/** The period's summaries the user may see; the period is whole days in UTC, `to` exclusive. */
async function figures(deps: AdminDeps, requester: AdminRequester, input: PeriodInput) {
  const [session, summaries, reviews] = await Promise.all([openAdminSession(deps, requester), deps.summaries.all(), deps.reviews.list()]);
  const { projects, sees } = visibility(session);
  const selected = summaries.filter((s) => sees(s) && (!input.projectKey || s.projectKey === input.projectKey));
  const now = deps.now();
  const analytics = revisionAnalytics(selected, { from: `${input.from}T00:00:00.000Z`, to: `${input.to}T00:00:00.000Z` }, now);
  const approved = reviews.filter(isReviewApproved).map((r) => reviewApprovedAt(r)!);
  return { session, analytics, projects, reminder: reviewReminder(approved, now) };
}

export async function getAnalytics(deps: AdminDeps, requester: AdminRequester, input: PeriodInput): Promise<AnalyticsView> {
  const { session, analytics, projects, reminder } = await figures(deps, requester, input);
  return { viewer: session.viewer, analytics, projects, reminder };
}

export async function exportAnalyticsCsv(deps: AdminDeps, requester: AdminRequester, input: PeriodInput): Promise<CsvExport> {
  const { analytics } = await figures(deps, requester, input);
  const scope = input.projectKey ? `-${input.projectKey}` : '';
  return { filename: `escalation-analytics${scope}-${input.from}-${input.to}.csv`, csv: analyticsCsv(analytics) };
}
