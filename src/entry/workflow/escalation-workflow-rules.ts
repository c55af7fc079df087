import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { parseTransitionRuleConfig, type TransitionRuleConfig } from '../../domain/workflow/transition-rule';
import { createEscalationDeps } from '../../infrastructure/app-deps';
import { logger } from '../../infrastructure/logger';
import type { EscalationDeps } from '../../usecases/escalation-deps';
import { UseCaseError } from '../../usecases/use-case-error';
import {
  runTransitionAction,
  validateTransition,
  type TransitionCheck,
  type TransitionRequest,
} from '../../usecases/workflow-transition-use-cases';
import { WORKFLOW_RULE_BUDGET_MS } from '../invocation-budgets';
import { isPermanentFailure, retryLater } from '../retry-later';

const id = z.union([z.string(), z.number()]);

/**
 * What Jira documents for a workflow rule function's event: `{issue, configuration, transition: {from, to,
 * modifiedFields}}` (the post function's event adds the transition's changelog). It names no user; the user,
 * when there is one, comes from the invocation's context. Fields beyond these are read only when present.
 */
const workflowEventSchema = z
  .object({
    issue: z.object({ key: z.string().min(1) }).passthrough(),
    configuration: z.unknown().optional(),
    transition: z
      .object({
        from: z.object({ id }).passthrough().optional(),
        to: z.object({ id }).passthrough().optional(),
        modifiedFields: z.record(z.string(), z.unknown()).optional(),
        id: id.optional(),
        transitionId: id.optional(),
        name: z.string().optional(),
        transitionName: z.string().optional(),
      })
      .passthrough()
      .optional(),
    changelog: z.object({ id }).passthrough().optional(),
  })
  .passthrough();
type WorkflowEvent = z.infer<typeof workflowEventSchema>;

type ForgeContext = { principal?: { accountId?: string }; accountId?: string } | undefined;

/** Identity: the user running the transition as the platform's context tells it; never the payload or the configuration. */
function accountIdOf(context: ForgeContext): string | undefined {
  return context?.principal?.accountId ?? context?.accountId;
}

function checkOf(raw: unknown, context: ForgeContext): { check?: TransitionCheck & { ref?: string }; problem?: string } {
  const parsed = workflowEventSchema.safeParse(raw);
  if (!parsed.success) return { problem: `unexpected event: ${parsed.error.message}` };
  const event: WorkflowEvent = parsed.data;
  let config: TransitionRuleConfig;
  try {
    config = parseTransitionRuleConfig(event.configuration);
  } catch {
    return { problem: 'the rule on this transition is not configured' };
  }
  const fields = event.issue.fields;
  const rawSummary = typeof fields === 'object' && fields !== null ? (fields as { summary?: unknown }).summary : undefined;
  const summary = typeof rawSummary === 'string' || typeof rawSummary === 'number' ? String(rawSummary) : '';
  const transitionId =
    event.transition?.id ?? event.transition?.transitionId ?? `${event.transition?.from?.id ?? '?'}>${event.transition?.to?.id ?? '?'}`;
  const transitionName = event.transition?.name ?? event.transition?.transitionName;
  const accountId = accountIdOf(context);
  return {
    check: {
      issueKey: event.issue.key,
      ...(accountId ? { accountId } : {}),
      config,
      transition: { issueSummary: summary || event.issue.key, ...(transitionName ? { transitionName } : {}) },
      ...(event.changelog ? { ref: `${event.issue.key}:${String(transitionId)}:${String(event.changelog.id)}` } : {}),
    },
  };
}

const defaultDeps = () => createEscalationDeps(WORKFLOW_RULE_BUDGET_MS);

/**
 * `jira:workflowValidator` function: blocks the transition only with a message naming what is missing.
 * Jira's documented payload carries no user: then the escalation's state decides.
 */
export function createTransitionValidator(makeDeps: () => EscalationDeps = defaultDeps) {
  return async (event: unknown, context?: ForgeContext): Promise<{ result: boolean; errorMessage?: string }> => {
    const { check, problem } = checkOf(event, context);
    if (!check) {
      logger.warn('workflow validator could not run', { problem });
      return { result: false, errorMessage: `Escalation rule: ${problem}. Ask your Jira administrator to check the workflow.` };
    }
    try {
      return await validateTransition(makeDeps(), check);
    } catch (error) {
      logger.error('workflow validator failed', { error: String(error) });
      return {
        result: false,
        errorMessage: 'The escalation app could not check this transition right now; nothing was changed. Please try again.',
      };
    }
  };
}

/**
 * `jira:workflowPostFunction` function: records the configured action as the user who ran the transition.
 * A transient failure returns an `InvocationError`, the only answer on which Forge invokes it again; the
 * transition's ref makes the retry record it once. A permanent failure is reported, not retried.
 */
export function createTransitionPostFunction(makeDeps: () => EscalationDeps = defaultDeps) {
  return async (event: unknown, context?: ForgeContext): Promise<{ recorded: boolean; reason?: string } | InvocationError> => {
    const { check, problem } = checkOf(event, context);
    if (!check) {
      logger.warn('workflow post function could not run', { problem });
      return { recorded: false, ...(problem ? { reason: problem } : {}) };
    }
    const { accountId } = check;
    if (!accountId) {
      logger.warn('workflow post function has no user to record the step for', { issueKey: check.issueKey });
      return { recorded: false, reason: 'no user in the invocation context' };
    }
    const request: TransitionRequest = { ...check, accountId };
    try {
      const outcome = await runTransitionAction(makeDeps(), request);
      if (!outcome.recorded) logger.warn('workflow post function recorded nothing', { issueKey: request.issueKey, reason: outcome.reason });
      return outcome;
    } catch (error) {
      if (isPermanentFailure(error)) {
        logger.warn('workflow post function failed for good', { issueKey: request.issueKey, error: String(error) });
        return { recorded: false, reason: String(error) };
      }
      const conflict = error instanceof UseCaseError && error.code === 'conflict';
      logger.warn('workflow post function failed; Forge invokes it again', { issueKey: request.issueKey, conflict, error: String(error) });
      return retryLater();
    }
  };
}
