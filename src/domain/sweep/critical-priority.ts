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
    critical: true,
    problem: input.summary.trim() || '(no summary)',
    impact: `Kritisches Problem: Priorität „${input.priority}“. / Critical problem: priority "${input.priority}".`,
    detectedAt: input.detectedAt,
  };
}

/** A priority change of an issue, as its changelog records it (oldest first). */
export interface PriorityChange {
  readonly at: string;
  readonly from?: string;
  readonly to?: string;
}

/**
 * When an issue's priority last became critical, from its changelog: the last change into a critical
 * priority (from one that is not) after which it stayed critical; the creation time when it was
 * created critical (no such change, and the priority it started with was critical).
 *
 * @returns undefined when the history does not say (no creation time known, or the current priority is
 *   not critical by it): the caller then falls back to the last update time.
 */
export function criticalSince(input: {
  configuration: ProjectConfiguration;
  created?: string;
  currentPriority?: string;
  changes: readonly PriorityChange[];
}): string | undefined {
  const critical = (name: string | undefined) => isCriticalPriority(input.configuration, name);
  const ordered = [...input.changes].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // The priority the issue was created with: the first change's "from", or today's when it never changed.
  const initial = ordered.length > 0 ? ordered[0]!.from : input.currentPriority;
  let since = critical(initial) ? input.created : undefined;
  for (const change of ordered) {
    if (critical(change.to) && !critical(change.from)) since = change.at;
    else if (!critical(change.to)) since = undefined;
  }
  const last = ordered.length > 0 ? ordered[ordered.length - 1]!.to : input.currentPriority;
  if (!critical(last)) return undefined;
  return since ? new Date(since).toISOString() : undefined;
}
