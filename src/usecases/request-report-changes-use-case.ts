import type { Origin } from '../domain/escalation/escalation-event';
import type { Party } from '../domain/process/process-template';
import { requestReportChanges as requestChanges } from '../domain/report/report-commands';
import type { ReportsView } from '../shared/report-view';
import { runEscalationCommand } from './run-escalation-command';
import type { Requester } from './escalation-deps';
import { getReports, type ReportDeps } from './report-workspace';

/** The client sends the submitted version back with a comment; the contractor then submits a new version. */
export async function requestReportChanges(
  deps: ReportDeps,
  requester: Requester,
  input: { reportVersion: number; comment: string; onBehalf?: { party: Party; reason: string } },
  origin: Origin = { source: 'panel' },
): Promise<ReportsView> {
  await runEscalationCommand(
    deps,
    requester,
    input.onBehalf,
    (state, ctx) => requestChanges(state, { reportVersion: input.reportVersion, comment: input.comment }, ctx),
    { origin },
  );
  return getReports(deps, requester);
}
