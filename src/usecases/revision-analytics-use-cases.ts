import { analyticsCsv } from '../domain/analytics/analytics-csv';
import { revisionAnalytics, startedIn } from '../domain/analytics/revision-analytics';
import type { AnalyticsView, CsvExport } from '../shared/admin-views';
import { onlyBrowsable, openAdminSession, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { projectReviewReminder } from './process-review-use-cases';
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
function visibility(session: AdminSession): { projects: string[] | null; sees: (projectKey: string) => boolean } {
  if (session.viewer.isJiraAdmin) return { projects: null, sees: () => true };
  if (session.viewer.parties.length === 0) {
    throw new UseCaseError('not-a-party', 'The revision analytics are for the contractor and client parties and for Jira administrators.');
  }
  const configured = new Set(session.configurations.map((c) => c.projectKey));
  const mine = new Set(session.partyByProject.keys());
  return {
    projects: [...mine].sort(),
    sees: (projectKey) => mine.has(projectKey) || (!configured.has(projectKey) && session.defaultParty !== null),
  };
}

/**
 * The period's summaries the user may see: of the projects where they are a party, only the issues Jira
 * lets them browse (asked as the user). The period is whole days in UTC, `to` exclusive. Reviews are per
 * project, so the reminder is the chosen project's (or that of the user's only project).
 */
async function figures(deps: AdminDeps, requester: AdminRequester, input: PeriodInput) {
  const [session, summaries] = await Promise.all([openAdminSession(deps, requester), deps.summaries.all()]);
  const { projects, sees } = visibility(session);
  const period = { from: `${input.from}T00:00:00.000Z`, to: `${input.to}T00:00:00.000Z` };
  const inPeriod = startedIn(period);
  const selected = await onlyBrowsable(
    deps,
    summaries.filter((s) => sees(s.projectKey) && (!input.projectKey || s.projectKey === input.projectKey) && inPeriod(s)),
  );
  const analytics = revisionAnalytics(selected, period, deps.now());
  const project = input.projectKey ?? (projects?.length === 1 ? projects[0] : undefined);
  return { session, analytics, projects, reminder: project && sees(project) ? await projectReviewReminder(deps, project) : null };
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
