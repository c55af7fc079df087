import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { ProcessTemplate } from '../process/process-template';
import { escalationDeadlines, type Deadline } from './escalation-deadlines';
import type { EscalationState } from './escalation-state';

/** When the current level's time frame runs out (undefined at level 4), for the commands' guard. */
export function levelDueAt(state: EscalationState, template: ProcessTemplate, policy: EscalationPolicy, now: Date): Date | undefined {
  return levelDueAtOf(escalationDeadlines({ state, template, policy, now }));
}

/** The same, out of deadlines already computed for that moment (a view computes them once). */
export function levelDueAtOf(deadlines: readonly Deadline[]): Date | undefined {
  const level = deadlines.find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId);
  return level ? new Date(level.dueAt) : undefined;
}
