import type { CommandContext } from '../domain/escalation/escalation-commands';
import type { NewEscalationEvent, Origin } from '../domain/escalation/escalation-event';
import { record } from '../domain/escalation/escalation-log';
import type { Decision } from '../domain/escalation/escalation-rejection';
import type { EscalationState } from '../domain/escalation/escalation-state';
import type { Party } from '../domain/process/process-template';
import type { EscalationPanelView } from '../shared/escalation-panel-view';
import type { EscalationDeps, Requester } from './escalation-deps';
import { actorFor, commandContext, openWorkspace, type Workspace } from './escalation-workspace';
import { loadEscalationPanel } from './load-escalation-panel';
import type { UserAccess } from './ports/issue-gateway';
import { errorMessage } from './ports/logger';
import { ConcurrentAppendError } from './ports/port-errors';
import { recordEscalationSummary } from './record-escalation-summary';
import { saveProjection } from './save-escalation-projection';
import { UseCaseError } from './use-case-error';

export type EscalationCommand = (state: EscalationState | undefined, ctx: CommandContext) => Decision<NewEscalationEvent>;

const MAX_ATTEMPTS = 3;

/**
 * Runs one command for a user: checks access and party, decides, appends the event (retrying on a
 * concurrent append with the fresh log), then refreshes the issue's projection and returns the view.
 */
export async function runEscalationCommand(
  deps: EscalationDeps,
  requester: Requester,
  onBehalf: { party: Party; reason: string } | undefined,
  command: EscalationCommand,
  options: { knownAccess?: UserAccess; origin?: Origin } = {},
): Promise<EscalationPanelView> {
  for (let attempt = 1; ; attempt++) {
    const workspace = await openWorkspace(deps, requester, options.knownAccess);
    const now = deps.now();
    const ref = options.origin?.ref;
    // A retried delivery of the same outside occurrence was recorded already: answer, do not record again.
    if (ref && workspace.log.some((event) => event.origin?.ref === ref))
      return loadEscalationPanel(deps, workspace, requester.accountId, now);
    const actor = actorFor(workspace, requester.accountId, onBehalf);
    const ctx = commandContext(workspace, actor, now);
    const origin = options.origin;
    const decision = record(
      workspace.log,
      (state) => {
        const decided = command(state, ctx);
        return decided.ok && origin ? { ok: true, value: { ...decided.value, origin } } : decided;
      },
      workspace.state,
    );
    if (!decision.ok) {
      const { code, message, ...details } = decision.rejection;
      throw new UseCaseError('rejected', message, { reason: code, ...details });
    }
    try {
      await deps.events.append(workspace.issue.id, decision.value.event);
    } catch (error) {
      if (error instanceof ConcurrentAppendError && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof ConcurrentAppendError)
        throw new UseCaseError('conflict', 'The escalation was changed by someone else at the same time; please try again.');
      throw error;
    }
    const next: Workspace = { ...workspace, log: decision.value.log, state: decision.value.state };
    // The event is recorded: from here on nothing may report "nothing was changed". A projection that
    // could not be written is re-derived by the next change or by the sweep (its check time has passed).
    try {
      await saveProjection(deps, next, workspace.state, now);
    } catch (error) {
      deps.logger.warn('escalation recorded, projection not written', { issueKey: next.issue.key, error: errorMessage(error) });
    }
    await recordEscalationSummary(deps, next);
    return loadEscalationPanel(deps, next, requester.accountId, now);
  }
}
