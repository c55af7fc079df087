import { replayEscalation } from '../domain/escalation/replay-escalation';
import { transitionCommand, type TransitionContext, type TransitionRuleConfig } from '../domain/workflow/transition-rule';
import { describeRejection } from '../shared/rejection-messages';
import type { UserAccess } from './ports/issue-gateway';
import { actorFor, commandContext, openWorkspace, type Workspace } from './escalation-workspace';
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

/** What the validator knows: Jira's documented validator payload names no user, so `accountId` may be missing. */
export type TransitionCheck = Omit<TransitionRequest, 'accountId' | 'ref'> & { readonly accountId?: string };

/**
 * The workflow validator's question: may this user's transition do what it is configured to do to the
 * escalation now? The answer names what is missing, in the user's language. Without a user (Jira does not
 * document sending one) the escalation's state decides: see {@link validateTransitionWithoutUser}.
 */
export async function validateTransition(deps: EscalationDeps, check: TransitionCheck): Promise<TransitionVerdict> {
  const { accountId } = check;
  if (!accountId) return validateTransitionWithoutUser(deps, check);
  const request: TransitionRequest = { ...check, accountId };
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
 * The validator without a user: the same rules as for a person of either party, without the checks that
 * depend on who the person is (party membership, edit permission, which party's duty it is). The
 * transition passes when a person of the contractor or of the client could take this step now; it is
 * blocked only with the reason the escalation's state gives, in German and English (whose language is unknown).
 */
async function validateTransitionWithoutUser(deps: EscalationDeps, check: TransitionCheck): Promise<TransitionVerdict> {
  const issue = await deps.issues.issue(check.issueKey);
  if (!issue) return { result: false, errorMessage: 'Issue does not exist or the escalation app cannot see it.' };
  const [configuration, log] = await Promise.all([deps.configurations.get(issue.projectKey), deps.events.load(issue.id)]);
  const state = replayEscalation(log);
  const template = state ? await deps.templates.get(state.template) : await deps.templates.active(issue.projectKey);
  const workspace: Workspace = { issue, access: TRANSITIONING_USER, viewerParty: null, configuration, log, state, template };
  const command = transitionCommand(check.config, check.transition);
  const now = deps.now();
  const decisions = (['contractor', 'client'] as const).map((party) =>
    command(state, commandContext(workspace, { accountId: 'transitioning-user', party }, now)),
  );
  if (decisions.some((d) => d.ok)) return { result: true };
  const first = decisions[0]!;
  if (first.ok) return { result: true };
  // Whose language is unknown without a user: the reason in both of the contract's languages.
  const de = describeRejection(first.rejection, 'de', template);
  const en = describeRejection(first.rejection, 'en', template);
  return { result: false, errorMessage: de === en ? en : `${de} / ${en}` };
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
