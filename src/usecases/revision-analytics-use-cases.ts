import { analyticsCsv } from '../domain/analytics/analytics-csv';
import { analyticsFromTotals, contributionOf, monthsOf, type AnalyticsTotals } from '../domain/analytics/analytics-totals';
import { revisionAnalytics, startedIn, type AnalyticsPeriod } from '../domain/analytics/revision-analytics';
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
 * The period's figures over the escalations the user may see: of the projects where they are a party, only
 * the issues Jira lets them browse (asked as the user). The period is whole days in UTC, `to` exclusive.
 * Reviews are per project, so the reminder is the chosen project's (or that of the user's only project).
 *
 * Two ways to the same figures:
 * - **Running totals** (a period of whole months, the totals complete): one document per project and month,
 *   a bounded number of reads whatever the number of escalations. Totals cannot be filtered by issue, so a
 *   project's totals count only when the user may browse *every* escalated issue of it: Jira's count of the
 *   project's escalated issues, asked as the user (issue security applies), equals the number the totals
 *   hold. The user can only see fewer, never other, issues than exist, so equal counts mean nothing is hidden.
 * - **Per escalation** otherwise (a project with an issue the user may not browse, a period that cuts a
 *   month, or before the backfill finished): every summary read and each issue checked with Jira in bulk.
 *   The privacy rule holds on both ways: no figure comes from an issue the user may not browse.
 * Trade-off: a user kept out of one escalated issue pays the per-escalation cost for that project. A summary
 * that failed to fold while the issue's property was written could make the counts equal although an issue
 * is hidden (its figures would show until the next change folds it again); both must happen at once.
 */
async function figures(deps: AdminDeps, requester: AdminRequester, input: PeriodInput) {
  const session = await openAdminSession(deps, requester);
  const { projects, sees } = visibility(session);
  const period = { from: `${input.from}T00:00:00.000Z`, to: `${input.to}T00:00:00.000Z` };
  const counts = (projectKey: string) => sees(projectKey) && (!input.projectKey || projectKey === input.projectKey);
  const months = monthsOf(period);
  const analytics =
    months && (await deps.summaries.totalsComplete())
      ? await fromTotals(deps, period, months, counts)
      : revisionAnalytics(await browsableSummaries(deps, period, counts), period, deps.now());
  const project = input.projectKey ?? (projects?.length === 1 ? projects[0] : undefined);
  return { session, analytics, projects, reminder: project && sees(project) ? await projectReviewReminder(deps, project) : null };
}

async function browsableSummaries(deps: AdminDeps, period: AnalyticsPeriod, counts: (projectKey: string) => boolean) {
  const inPeriod = startedIn(period);
  return onlyBrowsable(
    deps,
    (await deps.summaries.all()).filter((s) => counts(s.projectKey) && inPeriod(s)),
  );
}

async function fromTotals(
  deps: AdminDeps,
  period: AnalyticsPeriod,
  months: { from: string; to: string },
  counts: (projectKey: string) => boolean,
) {
  const totals = (await deps.summaries.totals(months)).filter((t) => counts(t.projectKey));
  const projectKeys = [...new Set(totals.map((t) => t.projectKey))].sort();
  const [held, seen] = await Promise.all([
    deps.summaries.projectCounts(projectKeys),
    Promise.all(projectKeys.map((p) => deps.jira.escalatedIssuesSeen(p))),
  ]);
  const whole = new Set(projectKeys.filter((p, i) => seen[i] !== undefined && seen[i] === held.get(p)));
  const partial = new Set(projectKeys.filter((p) => !whole.has(p)));
  const parts: Iterable<AnalyticsTotals> = [
    ...totals.filter((t) => whole.has(t.projectKey)),
    ...(partial.size ? (await browsableSummaries(deps, period, (p) => partial.has(p))).map(contributionOf) : []),
  ];
  return analyticsFromTotals(parts, period, deps.now());
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
