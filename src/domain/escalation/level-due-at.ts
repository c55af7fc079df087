import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { ProcessTemplate } from '../process/process-template';
import { escalationDeadlines } from './escalation-deadlines';
import type { EscalationState } from './escalation-state';

/** When the current level's time frame runs out (undefined at level 4), for the commands' guard. */
export function levelDueAt(state: EscalationState, template: ProcessTemplate, policy: EscalationPolicy, now: Date): Date | undefined {
  const level = escalationDeadlines({ state, template, policy, now }).find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId);
  return level ? new Date(level.dueAt) : undefined;
}
