import type { CommandContext } from '../domain/escalation/escalation-commands';
import type { NewEscalationEvent, Origin } from '../domain/escalation/escalation-event';
import { record } from '../domain/escalation/escalation-log';
import { indexedInstant } from '../domain/escalation/escalation-projection';
import type { Decision } from '../domain/escalation/escalation-rejection';
import type { EscalationState } from '../domain/escalation/escalation-state';
import type { Party } from '../domain/process/process-template';
import type { PanelAnswer } from '../shared/panel-view-wire';
import type { EscalationDeps, Requester } from './escalation-deps';
import { actorFor, commandContext, openWorkspace, type Workspace } from './escalation-workspace';
import { answerEscalationPanel } from './load-escalation-panel';
import type { UserAccess } from './ports/issue-gateway';
import { errorMessage } from './ports/logger';
import { ConcurrentAppendError } from './ports/port-errors';
import { recordEscalationSummary } from './record-escalation-summary';
import { saveProjection } from './save-escalation-projection';
import { sendOwedNotifications } from './send-owed-notifications';
import { syncDueIndex } from './sync-due-index';
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
  options: { knownAccess?: UserAccess; origin?: Origin; held?: readonly string[] } = {},
): Promise<PanelAnswer> {
  for (let attempt = 1; ; attempt++) {
    const workspace = await openWorkspace(deps, requester, options.knownAccess);
    const now = deps.now();
    const ref = options.origin?.ref;
    // A retried delivery of the same outside occurrence was recorded already: answer, do not record again,
    // but send what the first delivery may have left owed (the claims keep each to once).
    if (ref && workspace.log.some((event) => event.origin?.ref === ref)) {
      const told = await tellOwed(deps, workspace, options.origin!.source);
      if (!told.complete)
        await saveProjection(deps, told.workspace, workspace.state, now, true).catch((error: unknown) =>
          deps.logger.warn('projection not written', { issueKey: workspace.issue.key, error: errorMessage(error) }),
        );
      return answerEscalationPanel(deps, told.workspace, requester.accountId, now, options.held);
    }
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
      await deps.events.append(workspace.issue.id, [decision.value.event]);
    } catch (error) {
      if (error instanceof ConcurrentAppendError && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof ConcurrentAppendError)
        throw new UseCaseError('conflict', 'The escalation was changed by someone else at the same time; please try again.');
      throw error;
    }
    const recorded: Workspace = { ...workspace, log: decision.value.log, state: decision.value.state };
    // The event is recorded: from here on nothing may report "nothing was changed". A move up tells the
    // new level's contacts now, as the sweep's own escalation does; what cannot be sent now the sweep sends.
    const told = await tellOwed(deps, recorded, origin?.source ?? 'panel');
    const next = told.workspace;
    // A projection that could not be written is re-derived by the next change or by the sweep (its check
    // time has passed).
    try {
      await saveProjection(deps, next, workspace.state, now, !told.complete);
    } catch (error) {
      deps.logger.warn('escalation recorded, projection not written', { issueKey: next.issue.key, error: errorMessage(error) });
    }
    await recordEscalationSummary(deps, next);
    return answerEscalationPanel(deps, next, requester.accountId, now, options.held);
  }
}

/**
 * Sends the notifications the log owes (a move up a level, or one the sweep left) through the same path
 * as the sweep. Never fails the request: the change is recorded, and the sweep sends what is left.
 * @returns the workspace with the `notification-sent` events recorded, and whether nothing is left.
 */
async function tellOwed(
  deps: EscalationDeps,
  workspace: Workspace,
  source: Origin['source'],
): Promise<{ workspace: Workspace; complete: boolean }> {
  if (!workspace.state) return { workspace, complete: true };
  try {
    const owed = await sendOwedNotifications(
      { ...deps.notifications, events: deps.events, now: deps.now, logger: deps.logger },
      workspace.issue,
      {
        loaded: { log: [...workspace.log], state: workspace.state },
        template: workspace.template,
        configuration: workspace.configuration,
        source,
        // Due at once first: if this request dies while sending, the next sweep finishes it.
        beforeSending: async () => {
          if (deps.dueIndex)
            await syncDueIndex(deps.dueIndex, workspace.issue, { status: 'open', nextCheckAt: indexedInstant(deps.now().toISOString()) });
        },
      },
    );
    return { workspace: { ...workspace, log: owed.loaded.log, state: owed.loaded.state }, complete: owed.complete };
  } catch (error) {
    deps.logger.warn('notification left for the sweep', { issueKey: workspace.issue.key, error: errorMessage(error) });
    return { workspace, complete: false };
  }
}
