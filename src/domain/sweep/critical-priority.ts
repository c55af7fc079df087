import type { ProjectConfiguration } from '../configuration/project-configuration';
import type { StartInput } from '../escalation/escalation-commands';
import type { EscalationState } from '../escalation/escalation-state';

/** Whether a priority counts as critical for the project (names compare case-insensitively, as JQL does). */
export function isCriticalPriority(configuration: ProjectConfiguration, priorityName: string | undefined): boolean {
  if (!priorityName) return false;
  const name = priorityName.trim().toLowerCase();
  return configuration.criticalPriorities.some((p) => p.toLowerCase() === name);
}

/**
 * An issue created with, or changed to, a critical priority starts an escalation (trigger `sla-breach`),
 * unless one is already recorded. `detectedAt` is when the priority became critical: the contractor's
 * two-hour client notification (L1-C-02) counts from there.
 *
 * @returns the start command's input, or undefined when nothing is to start.
 */
export function criticalEscalationStart(input: {
  state: EscalationState | undefined;
  configuration: ProjectConfiguration;
  priority: string | undefined;
  summary: string;
  detectedAt: string;
}): StartInput | undefined {
  if (input.state || !isCriticalPriority(input.configuration, input.priority)) return undefined;
  return {
    trigger: 'sla-breach',
    problem: input.summary.trim() || '(no summary)',
    impact: `Kritisches Problem: Priorität „${input.priority}“. / Critical problem: priority "${input.priority}".`,
    detectedAt: input.detectedAt,
  };
}
