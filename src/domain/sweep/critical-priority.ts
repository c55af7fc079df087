import { z } from 'zod';
import { resolveTimeFrame, type EscalationPolicy } from '../configuration/escalation-policy';
import type { ProjectConfiguration } from '../configuration/project-configuration';
import { addBusinessDuration } from '../deadlines/add-business-duration';
import type { StartInput } from '../escalation/escalation-commands';
import type { EscalationState } from '../escalation/escalation-state';
import type { ProcessTemplate } from '../process/process-template';

/** Whether a priority counts as critical for the project (names compare case-insensitively, as JQL does). */
export function isCriticalPriority(configuration: ProjectConfiguration, priorityName: string | undefined): boolean {
  if (!priorityName) return false;
  const name = priorityName.trim().toLowerCase();
  return configuration.criticalPriorities.some((p) => p.toLowerCase() === name);
}

/**
 * A critical problem as recorded on its issue while no escalation runs: when it was detected (the instant the
 * priority became critical) and by which priority. Read back from an issue property that people with Edit
 * permission can change, so it is checked when read and only ever used to propose.
 */
export const criticalProblemSchema = z.object({
  detectedAt: z.string().datetime({ offset: true }),
  priorityName: z.string().trim().min(1).max(255),
});
export type CriticalProblem = z.infer<typeof criticalProblemSchema>;

/**
 * The start of an escalation for a critical priority, where the project opts in: trigger `sla-breach`,
 * critical, detected at `detectedAt` (the contractor's two-hour client notification, L1-C-02, counts from there).
 *
 * @returns the start command's input, or undefined when nothing is to start (one is recorded, or the
 *   priority is not critical).
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

/** When a critical priority was seen, and since when the issue has been critical without a break (if known). */
export interface CriticalDetection {
  readonly detectedAt: string;
  /**
   * The start of the current critical spell when known (a change into a critical priority, or creation
   * with one): a recorded detection from before it belongs to an earlier spell and is replaced.
   */
  readonly since?: string;
}

export type CriticalPriorityAction =
  { readonly kind: 'start'; readonly input: StartInput } | { readonly kind: 'record'; readonly problem: CriticalProblem };

/**
 * What a critical priority does to an issue without an escalation. The annex treats escalation as the
 * last resort: by default the detection is recorded and the panel proposes an escalation (the two-hour
 * clock runs from the detection); only a project that opts in (`autoStartOnCriticalPriority`) starts one.
 *
 * A detection already recorded for the same critical spell stands (the trigger and the sweep both see
 * the issue, repeatedly): the first instant counts.
 *
 * @returns undefined when there is nothing to do.
 */
export function criticalPriorityAction(input: {
  state: EscalationState | undefined;
  configuration: ProjectConfiguration;
  priority: string | undefined;
  summary: string;
  detection: CriticalDetection;
  recorded?: CriticalProblem;
}): CriticalPriorityAction | undefined {
  const { state, configuration, priority, detection, recorded } = input;
  if (state || !priority || !isCriticalPriority(configuration, priority)) return undefined;
  if (configuration.autoStartOnCriticalPriority) {
    const start = criticalEscalationStart({ state, configuration, priority, summary: input.summary, detectedAt: detection.detectedAt });
    return start ? { kind: 'start', input: start } : undefined;
  }
  const earlierSpell = recorded && detection.since !== undefined && Date.parse(recorded.detectedAt) < Date.parse(detection.since);
  if (recorded && !earlierSpell) return undefined;
  return { kind: 'record', problem: { detectedAt: new Date(detection.detectedAt).toISOString(), priorityName: priority } };
}

/**
 * By when the client must be told of a critical problem: its detection plus the `criticalNotification`
 * time frame (two hours by default, counted as the template says), on the project's calendar.
 *
 * @example
 * notifyClientBy({ detectedAt: '2026-03-02T08:00:00.000Z', template, policy }) // '2026-03-02T10:00:00.000Z'
 */
export function notifyClientBy(input: { detectedAt: string; template: ProcessTemplate; policy: EscalationPolicy }): string | undefined {
  const frame = resolveTimeFrame(input.template, input.policy, 'criticalNotification');
  if (!frame) return undefined;
  return addBusinessDuration(input.policy.calendar, new Date(input.detectedAt), frame.duration, frame.calendar).toISOString();
}

/**
 * The panel's proposal: an escalation for a recorded critical problem, while none runs and the issue is
 * still critical; with the client notification's due time when the process names that time frame.
 */
export function criticalProblemProposal(input: {
  state: EscalationState | undefined;
  configuration: ProjectConfiguration;
  priority: string | undefined;
  recorded: CriticalProblem | undefined;
  template: ProcessTemplate;
}): { detectedAt: string; priorityName: string; notifyClientBy?: string } | undefined {
  const { state, configuration, priority, recorded, template } = input;
  if (state || !recorded || !priority || !isCriticalPriority(configuration, priority)) return undefined;
  const due = notifyClientBy({ detectedAt: recorded.detectedAt, template, policy: configuration.policy });
  return { detectedAt: recorded.detectedAt, priorityName: priority, ...(due ? { notifyClientBy: due } : {}) };
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
