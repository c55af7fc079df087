import type { Party } from '../domain/process/process-template';
import { cleanText } from '../domain/report/clean-text';
import { renderAdf, SUMMARY_SECTIONS } from '../domain/report/render-adf';
import { APPROVED_CONTENT_BELOW, renderApprovalBlock } from '../domain/report/render-storage';
import { reportFormat } from '../domain/report/report-format';
import { reportWords } from '../shared/report-words';
import { recordReportExported } from '../domain/report/report-commands';
import { ConfluenceUnavailableError, SpaceNotFoundError } from './ports/port-errors';
import type { ReportsView } from '../shared/report-view';
import { actorFor, commandContext } from './escalation-workspace';
import { runEscalationCommand } from './run-escalation-command';
import type { Requester } from './escalation-deps';
import { getReports, nameReportPeople, openReportWorkspace, type ReportDeps } from './report-workspace';
import { UseCaseError } from './use-case-error';

/** The issue's one remote link to its report page: the same globalId on every export, so Jira updates it. */
export const reportLinkGlobalId = (issueId: string) => `escalation-report:issue:${issueId}`;

/**
 * Archives an approved version in Confluence: the first export creates the page in the configured space
 * under the configured parent; later exports write the same page as its next version. Then the issue's
 * remote link is set (one per issue), a summary comment is posted on the version's first export, and
 * `report-exported` records page and version.
 */
export async function exportReport(
  deps: ReportDeps,
  requester: Requester,
  input: { reportVersion: number; onBehalf?: { party: Party; reason: string } },
): Promise<ReportsView> {
  const workspace = await openReportWorkspace(deps, requester);
  const state = workspace.state;
  const ctx = commandContext(workspace, actorFor(workspace, requester.accountId, input.onBehalf), deps.now());
  const check = recordReportExported(state, { reportVersion: input.reportVersion, pageId: '0', pageVersion: 1, url: '-' }, ctx);
  if (!check.ok)
    throw new UseCaseError('rejected', check.rejection.message, {
      reason: check.rejection.code,
      ...(check.rejection.awaitedParty ? { awaitedParty: check.rejection.awaitedParty } : {}),
    });
  const version = state.reports.find((r) => r.version === input.reportVersion)!;
  const frozen = await deps.archive.load(workspace.issue.id, version.contentHash);
  const { spaceKey, parentPageId } = workspace.configuration.reports;
  const title = cleanText(frozen.report.title).replace(/\s+/g, ' ').trim().slice(0, 255);
  const knownPageId = state.reportExports[state.reportExports.length - 1]?.pageId;
  // The page proves itself: version, approver, approval time and the SHA-256 of the content below the block.
  const decision = version.decision;
  if (!decision) throw new Error(`Report version ${version.version} is approved but carries no decision`);
  const words = reportWords(version.locale);
  const approval = renderApprovalBlock({
    words: {
      title: words.approvalTitle,
      version: words.version,
      approvedBy: words.approvedBy,
      approvedAt: words.approvedAt,
      hash: words.hash,
      proof: words.approvalProof.replace('{version}', String(version.version)),
    },
    version: version.version,
    approverAccountId: decision.actor.accountId,
    approvedAt: reportFormat(version.locale, workspace.configuration.policy.calendar.timeZone).at(decision.at),
    contentHash: version.contentHash,
  });
  let page;
  try {
    page = await deps.publisher.publish({
      spaceKey,
      ...(parentPageId ? { parentPageId } : {}),
      title,
      storage: `${approval}\n${APPROVED_CONTENT_BELOW}\n${frozen.storage}`,
      ...(knownPageId ? { knownPageId } : {}),
      message: `Report v${version.version} (SHA-256 ${version.contentHash.slice(0, 12)})`,
    });
  } catch (error) {
    if (error instanceof SpaceNotFoundError)
      throw new UseCaseError(
        'not-found',
        `The Confluence space ${spaceKey} named in the project configuration does not exist or the app cannot see it.`,
      );
    if (error instanceof ConfluenceUnavailableError)
      throw new UseCaseError(
        'confluence-unavailable',
        'Confluence could not be reached: the app may not be installed in Confluence on this site, or Confluence is unavailable. Nothing was published; the approved report stays available here.',
      );
    throw error;
  }
  await deps.reportJira.linkReportPage(workspace.issue.key, { globalId: reportLinkGlobalId(workspace.issue.id), url: page.url, title });
  if (!state.reportExports.some((x) => x.reportVersion === version.version)) {
    const footer = [`Confluence: ${page.url}`, `v${version.version} · SHA-256 ${version.contentHash}`];
    const named = await nameReportPeople(deps, frozen.report);
    await deps.reportJira.addComment(workspace.issue.key, renderAdf(named.report, { sections: SUMMARY_SECTIONS, footer }));
  }
  await runEscalationCommand(
    deps,
    requester,
    input.onBehalf,
    (s, c) =>
      recordReportExported(s, { reportVersion: version.version, pageId: page.pageId, pageVersion: page.pageVersion, url: page.url }, c),
    { origin: { source: 'panel', ref: `report-export:${page.pageId}:${page.pageVersion}` } },
  );
  return getReports(deps, requester);
}
