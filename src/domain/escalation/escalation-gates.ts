import { closeEscalation, escalate, type CommandContext } from './escalation-commands';
import type { EscalationState } from './escalation-state';

/**
 * What the searchable summary says can happen next, asked of the same commands people run: whether
 * either party could escalate now, whether a proposed resolution is waiting for the other party's acceptance, and
 * whether the escalation could be closed.
 */
export function escalationGates(
  state: EscalationState,
  ctx: Omit<CommandContext, 'actor'>,
): { escalate: boolean; resolve: boolean; close: boolean } {
  const as = (party: 'contractor' | 'client'): CommandContext => ({ ...ctx, actor: { accountId: 'app', party } });
  const either = (ask: (c: CommandContext) => boolean) => ask(as('contractor')) || ask(as('client'));
  return {
    escalate: either((c) => escalate(state, {}, c).ok),
    // A resolution happens when the other party accepts a proposal: the Resolve transition completes one.
    resolve: state.status === 'open' && state.proposal?.change === 'resolve',
    close: either((c) => closeEscalation(state, {}, c).ok),
  };
}
