import type { Party } from '../domain/process/process-template';
import { recordDebrief as debriefCommand } from '../domain/report/report-commands';
import type { ReportsView } from '../shared/report-view';
import { runEscalationCommand } from './run-escalation-command';
import type { Requester } from './escalation-deps';
import { getReports, type ReportDeps } from './report-workspace';

/** Records the debrief's lessons learned (either party, once resolved); the next report version includes them. */
export async function recordDebrief(
  deps: ReportDeps,
  requester: Requester,
  input: { lessonsLearned: string; improvements?: string; onBehalf?: { party: Party; reason: string } },
): Promise<ReportsView> {
  await runEscalationCommand(
    deps,
    requester,
    input.onBehalf,
    (state, ctx) =>
      debriefCommand(
        state,
        { lessonsLearned: input.lessonsLearned, ...(input.improvements ? { improvements: input.improvements } : {}) },
        ctx,
      ),
    { origin: { source: 'panel' } },
  );
  return getReports(deps, requester);
}
