import { transitionCommand, type TransitionContext, type TransitionRuleConfig } from '../domain/workflow/transition-rule';
import { describeRejection } from '../shared/rejection-messages';
import type { UserAccess } from './ports/issue-gateway';
import { actorFor, commandContext, openWorkspace } from './escalation-workspace';
import { runEscalationCommand } from './run-escalation-command';
import type { EscalationDeps } from './escalation-deps';
import { UseCaseError } from './use-case-error';

/** Jira lets only users who may transition the issue run a transition: they can see and change it. */
const TRANSITIONING_USER: UserAccess = { browse: true, edit: true, admin: false };

export interface TransitionRequest {
  readonly issueKey: string;
  readonly accountId: string;
  readonly config: TransitionRuleConfig;
  readonly transition: TransitionContext;
  /** Identifies this transition run, so a retried post function records it once. */
  readonly ref?: string;
}

export type TransitionVerdict = { readonly result: true } | { readonly result: false; readonly errorMessage: string };

/**
 * The workflow validator's question: may this user's transition do what it is configured to do to the
 * escalation now? The answer names what is missing, in the user's language.
 */
export async function validateTransition(deps: EscalationDeps, request: TransitionRequest): Promise<TransitionVerdict> {
  const [workspace, locale] = await Promise.all([
    openWorkspace(deps, request, TRANSITIONING_USER),
    deps.issues.localeOf(request.accountId),
  ]);
  let actor;
  try {
    actor = actorFor(workspace, request.accountId);
  } catch (error) {
    if (error instanceof UseCaseError) {
      return {
        result: false,
        errorMessage:
          locale === 'de' ? 'Sie gehören keiner Vertragspartei dieses Projekts an und können die Eskalation nicht ändern.' : error.message,
      };
    }
    throw error;
  }
  const decision = transitionCommand(request.config, request.transition)(workspace.state, commandContext(workspace, actor, deps.now()));
  if (decision.ok) return { result: true };
  return { result: false, errorMessage: describeRejection(decision.rejection, locale, workspace.template) };
}

/**
 * The workflow post function: records the configured action as the user who ran the transition.
 * Post functions cannot undo a transition, so a refusal here is reported, not thrown.
 */
export async function runTransitionAction(
  deps: EscalationDeps,
  request: TransitionRequest,
): Promise<{ recorded: boolean; reason?: string }> {
  try {
    await runEscalationCommand(deps, request, undefined, transitionCommand(request.config, request.transition), {
      knownAccess: TRANSITIONING_USER,
      origin: { source: 'workflow', ...(request.ref ? { ref: request.ref } : {}) },
    });
    return { recorded: true };
  } catch (error) {
    if (error instanceof UseCaseError && error.code !== 'conflict') return { recorded: false, reason: error.message };
    throw error;
  }
}
