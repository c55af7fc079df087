import { recordEscalationSummary } from './record-escalation-summary';
import { startEscalation } from '../domain/escalation/escalation-commands';
import { replayEscalation } from '../domain/escalation/replay-escalation';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import { criticalEscalationStart, criticalSince, isCriticalPriority } from '../domain/sweep/critical-priority';
import { CRITICAL_DETECTED_REF, SWEEP_ACTOR } from '../domain/sweep/sweep-effect';
import type { SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { appendOnce } from './append-once';
import { processEscalationDeadlines, type ProcessOutcome } from './process-escalation-deadlines-use-case';

/**
 * An issue created with, or changed to, a critical priority: starts an escalation (trigger `sla-breach`,
 * detected at `detectedAt`) unless one is recorded, then brings it up to date (notifies the contractor's
 * level-1 contacts that the two-hour client notification runs, writes the projection).
 *
 * Called by the product-event trigger and by the sweep for critical issues the trigger missed; the start
 * is recorded once however many of them arrive (the log's first event is appended conditionally).
 */
export async function detectCriticalPriority(
  deps: SweepDeps,
  issue: SweepIssue,
  detectedAtOrRule: string | ((configuration: ProjectConfiguration) => string),
): Promise<{ started: boolean; outcome?: ProcessOutcome }> {
  const configuration = await deps.configurations.get(issue.projectKey);
  if (!isCriticalPriority(configuration, issue.priority)) return { started: false };
  const detectedAt = typeof detectedAtOrRule === 'string' ? detectedAtOrRule : detectedAtOrRule(configuration);
  const existing = await deps.events.load(issue.id);
  const state = replayEscalation(existing);
  const input = criticalEscalationStart({ state, configuration, priority: issue.priority, summary: issue.summary, detectedAt });
  if (!input) return { started: false };
  const template = await deps.templates.active();
  const now = deps.now();
  const { appended, loaded } = await appendOnce(deps, issue.id, { log: existing, state }, (current) => {
    if (current) return undefined;
    const decision = startEscalation(undefined, input, { now, actor: SWEEP_ACTOR, template });
    return decision.ok ? { ...decision.value, origin: { source: 'sweep', ref: CRITICAL_DETECTED_REF } } : undefined;
  });
  if (appended && loaded.state) await recordEscalationSummary(deps, { state: loaded.state, log: loaded.log, template, issue });
  const outcome = await processEscalationDeadlines(deps, issue, { configuration });
  return { started: appended, outcome };
}

/** What the product-event trigger needs of Jira beyond the sweep: the issue's current priority (events do not carry it). */
export interface IssuePriorityReader {
  /** The issue's priority name now, read from Jira; undefined when it has none. */
  priorityOf(issueIdOrKey: string): Promise<string | undefined>;
}

export interface CriticalPriorityDeps extends SweepDeps {
  readonly priorities: IssuePriorityReader;
}

/**
 * An issue event (`avi:jira:created:issue` / `avi:jira:updated:issue`): Jira's documented payload does not
 * carry the priority, so it is read from Jira, then {@link detectCriticalPriority} decides. `detectedAt` is
 * the event's time.
 */
export async function detectCriticalPriorityOfEvent(
  deps: CriticalPriorityDeps,
  issue: Omit<SweepIssue, 'priority'>,
  detectedAt: string,
): Promise<{ started: boolean; outcome?: ProcessOutcome }> {
  const priority = await deps.priorities.priorityOf(issue.id);
  if (!priority) return { started: false };
  return detectCriticalPriority(deps, { ...issue, priority }, detectedAt);
}

/**
 * The detection time of a critical issue the sweep found (the trigger missed it): when its priority became
 * critical by its changelog (its creation time if it was created critical); the last update time when the
 * history was not read or does not say; now as the last resort.
 */
export function sweepDetectedAt(issue: SweepIssue, configuration: ProjectConfiguration, now: Date): string {
  const fromHistory = issue.priorityChanges
    ? criticalSince({
        configuration,
        ...(issue.created ? { created: issue.created } : {}),
        ...(issue.priority ? { currentPriority: issue.priority } : {}),
        changes: issue.priorityChanges,
      })
    : undefined;
  return fromHistory ?? issue.updated ?? now.toISOString();
}
