import type { Party, Locale } from '../domain/process/process-template';
import type { ReportTexts } from '../domain/report/report-texts';
import { submitReport as submitReportCommand } from '../domain/report/report-commands';
import type { ReportsView } from '../shared/report-view';
import { actorFor, commandContext } from './escalation-workspace';
import { runEscalationCommand } from './run-escalation-command';
import type { Requester } from './escalation-deps';
import type { Workspace } from './escalation-workspace';
import { largeReportHash } from './report-job-use-cases';
import { generateReport, getReports, openReportWorkspace, type ReportDeps } from './report-workspace';
import { UseCaseError } from './use-case-error';

/**
 * The contractor submits the report as generated now, with the contractor's free texts (the only parts
 * written by hand; the texts are recorded in the event and rendered into the content the hash binds): its content (model and storage text) is frozen in
 * storage under its hash first, then the `report-submitted` event records the new version with that hash.
 */
export async function submitReport(
  deps: ReportDeps,
  requester: Requester,
  input: { locale: Locale; texts?: ReportTexts; onBehalf?: { party: Party; reason: string } },
): Promise<ReportsView> {
  const workspace = await openReportWorkspace(deps, requester);
  // Ask the command before the costly generation: a client or an open escalation is refused at once.
  const check = submitReportCommand(
    workspace.state,
    { contentHash: '0'.repeat(64), locale: input.locale },
    commandContext(workspace, actorFor(workspace, requester.accountId, input.onBehalf), deps.now()),
  );
  if (!check.ok)
    throw new UseCaseError('rejected', check.rejection.message, {
      reason: check.rejection.code,
      ...(check.rejection.awaitedParty ? { awaitedParty: check.rejection.awaitedParty } : {}),
    });
  // A large report is the one its background job generated and froze (the same code, the same hash).
  const large = await largeReportHash(deps, requester, input);
  if (large.large && !large.contentHash)
    throw new UseCaseError('rejected', 'The report is still being generated in the background.', { reason: 'report-generating' });
  const contentHash = large.large ? large.contentHash! : await generateAndFreeze(deps, workspace, input);
  await runEscalationCommand(
    deps,
    requester,
    input.onBehalf,
    (state, ctx) => submitReportCommand(state, { contentHash, locale: input.locale, ...(input.texts ? { texts: input.texts } : {}) }, ctx),
    {
      origin: { source: 'panel' },
    },
  );
  return getReports(deps, requester);
}

async function generateAndFreeze(deps: ReportDeps, workspace: Workspace, input: { locale: Locale; texts?: ReportTexts }): Promise<string> {
  const generated = await generateReport(deps, workspace, input.locale, input.texts);
  await deps.archive.save(workspace.issue.id, { contentHash: generated.contentHash, report: generated.report, storage: generated.storage });
  return generated.contentHash;
}
