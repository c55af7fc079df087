import { z } from 'zod';
import { parseTransitionRuleConfig, type TransitionRuleConfig } from '../../domain/workflow/transition-rule';
import { createEscalationDeps } from '../../infrastructure/app-deps';
import { logger } from '../../infrastructure/logger';
import type { EscalationDeps } from '../../usecases/escalation-deps';
import { runTransitionAction, validateTransition, type TransitionRequest } from '../../usecases/workflow-transition-use-cases';

/** What Jira sends to a workflow rule function (validated loosely: only what the app reads). */
const workflowEventSchema = z
  .object({
    issue: z.object({ key: z.string().min(1), id: z.union([z.string(), z.number()]).optional() }).passthrough(),
    transition: z
      .object({
        id: z.union([z.string(), z.number()]).optional(),
        transitionId: z.union([z.string(), z.number()]).optional(),
        name: z.string().optional(),
        transitionName: z.string().optional(),
        from: z
          .object({ id: z.union([z.string(), z.number()]) })
          .passthrough()
          .optional(),
        to: z
          .object({ id: z.union([z.string(), z.number()]) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    configuration: z.unknown().optional(),
    config: z.unknown().optional(),
    changelog: z
      .object({ id: z.union([z.string(), z.number()]) })
      .passthrough()
      .optional(),
    context: z.object({ accountId: z.string().optional() }).passthrough().optional(),
    atlassianId: z.string().optional(),
  })
  .passthrough();

type ForgeContext = { principal?: { accountId?: string }; accountId?: string } | undefined;

/** Identity: the user running the transition, as the platform tells it; never the rule's configuration. */
function accountIdOf(event: z.infer<typeof workflowEventSchema>, context: ForgeContext): string | undefined {
  return context?.principal?.accountId ?? context?.accountId ?? event.context?.accountId ?? event.atlassianId;
}

function requestOf(raw: unknown, context: ForgeContext): { request?: TransitionRequest; problem?: string } {
  const parsed = workflowEventSchema.safeParse(raw);
  if (!parsed.success) return { problem: `unexpected event: ${parsed.error.message}` };
  const event = parsed.data;
  const accountId = accountIdOf(event, context);
  if (!accountId) return { problem: 'no user in the invocation context' };
  let config: TransitionRuleConfig;
  try {
    config = parseTransitionRuleConfig(event.configuration ?? event.config);
  } catch {
    return { problem: 'the rule on this transition is not configured' };
  }
  const rawSummary =
    typeof event.issue.fields === 'object' && event.issue.fields !== null
      ? (event.issue.fields as { summary?: unknown }).summary
      : undefined;
  const summary = typeof rawSummary === 'string' || typeof rawSummary === 'number' ? String(rawSummary) : '';
  const transitionId =
    event.transition?.id ?? event.transition?.transitionId ?? `${event.transition?.from?.id ?? '?'}>${event.transition?.to?.id ?? '?'}`;
  const transitionName = event.transition?.name ?? event.transition?.transitionName;
  return {
    request: {
      issueKey: event.issue.key,
      accountId,
      config,
      transition: { issueSummary: summary || event.issue.key, ...(transitionName ? { transitionName } : {}) },
      ...(event.changelog ? { ref: `${event.issue.key}:${transitionId}:${event.changelog.id}` } : {}),
    },
  };
}

/** `jira:workflowValidator` function: blocks the transition with a message naming what is missing. */
export function createTransitionValidator(makeDeps: () => EscalationDeps = createEscalationDeps) {
  return async (event: unknown, context?: ForgeContext): Promise<{ result: boolean; errorMessage?: string }> => {
    const { request, problem } = requestOf(event, context);
    if (!request) {
      logger.warn('workflow validator could not run', { problem });
      return { result: false, errorMessage: `Escalation rule: ${problem}. Ask your Jira administrator to check the workflow.` };
    }
    try {
      return await validateTransition(makeDeps(), request);
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
 * `jira:workflowPostFunction` function: records the configured action. A transient failure is thrown so
 * Forge retries; the transition's ref makes the retry record it once.
 */
export function createTransitionPostFunction(makeDeps: () => EscalationDeps = createEscalationDeps) {
  return async (event: unknown, context?: ForgeContext): Promise<{ recorded: boolean; reason?: string }> => {
    const { request, problem } = requestOf(event, context);
    if (!request) {
      logger.warn('workflow post function could not run', { problem });
      return { recorded: false, ...(problem ? { reason: problem } : {}) };
    }
    const outcome = await runTransitionAction(makeDeps(), request);
    if (!outcome.recorded) logger.warn('workflow post function recorded nothing', { issueKey: request.issueKey, reason: outcome.reason });
    return outcome;
  };
}
