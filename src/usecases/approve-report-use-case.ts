import type { Origin } from '../domain/escalation/escalation-event';
import type { Party } from '../domain/process/process-template';
import { approveSubmittedReport } from '../domain/report/report-commands';
import type { ReportsView } from '../shared/report-view';
import { runEscalationCommand } from './run-escalation-command';
import type { Requester } from './escalation-deps';
import { getReports, openReportWorkspace, type ReportDeps } from './report-workspace';

/**
 * The client approves a submitted version. The hash the client saw must match the version's, and the
 * frozen content is read back and checked against that hash before the approval is recorded.
 */
export async function approveReport(
  deps: ReportDeps,
  requester: Requester,
  input: { reportVersion: number; contentHash: string; note?: string; onBehalf?: { party: Party; reason: string } },
  origin: Origin = { source: 'panel' },
): Promise<ReportsView> {
  const workspace = await openReportWorkspace(deps, requester);
  const version = workspace.state.reports.find((r) => r.version === input.reportVersion);
  if (version) await deps.archive.load(workspace.issue.id, version.contentHash);
  await runEscalationCommand(
    deps,
    requester,
    input.onBehalf,
    (state, ctx) =>
      approveSubmittedReport(
        state,
        { reportVersion: input.reportVersion, contentHash: input.contentHash, ...(input.note ? { note: input.note } : {}) },
        ctx,
      ),
    { origin },
  );
  return getReports(deps, requester);
}
