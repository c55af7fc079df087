import { z } from 'zod';
import * as commands from '../escalation/escalation-commands';
import type { CommandContext } from '../escalation/escalation-commands';
import type { NewEscalationEvent } from '../escalation/escalation-event';
import type { Decision } from '../escalation/escalation-rejection';
import type { EscalationState } from '../escalation/escalation-state';
import { triggerIdSchema } from '../process/process-template';
import { TRANSITION_ACTIONS } from './transition-actions';

export { TRANSITION_ACTIONS };

/**
 * What a workflow transition means for the escalation, as an admin configures it on the transition:
 * the validator checks it may happen, the post function records it.
 */
export const transitionRuleConfigSchema = z
  .object({
    action: z.enum(TRANSITION_ACTIONS),
    /** For `start`: the trigger recorded when the transition starts an escalation. */
    trigger: triggerIdSchema.optional(),
  })
  .strict();
export type TransitionRuleConfig = z.infer<typeof transitionRuleConfigSchema>;
export type TransitionAction = TransitionRuleConfig['action'];

/** Reads the configuration Jira stores as a JSON string (or hands over already parsed). */
export function parseTransitionRuleConfig(raw: unknown): TransitionRuleConfig {
  const value = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return transitionRuleConfigSchema.parse(value);
}

export interface TransitionContext {
  readonly issueSummary: string;
  readonly transitionName?: string;
}

/** The domain command a transition runs; its text records that it came from the workflow. */
export function transitionCommand(
  config: TransitionRuleConfig,
  transition: TransitionContext,
): (state: EscalationState | undefined, ctx: CommandContext) => Decision<NewEscalationEvent> {
  const via = `Workflow transition${transition.transitionName ? ` “${transition.transitionName}”` : ''}`;
  switch (config.action) {
    case 'start':
      return (state, ctx) =>
        commands.startEscalation(
          state,
          { trigger: config.trigger ?? 'other', problem: transition.issueSummary || via, impact: `${via}: see the issue description.` },
          ctx,
        );
    case 'escalate':
      return (state, ctx) => commands.escalate(state, { note: via }, ctx);
    // Both need both parties: the transition completes the other party's proposal, it cannot act alone.
    case 'de-escalate':
      return (state, ctx) => commands.completeAgreedChange(state, 'de-escalate', ctx);
    case 'resolve':
      return (state, ctx) => commands.completeAgreedChange(state, 'resolve', ctx);
    case 'reopen':
      return (state, ctx) => commands.reopenEscalation(state, { reason: via }, ctx);
    case 'close':
      return (state, ctx) => commands.closeEscalation(state, { note: via }, ctx);
  }
}
