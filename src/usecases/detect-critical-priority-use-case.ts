import { recordEscalationSummary } from './record-escalation-summary';
import { startEscalation } from '../domain/escalation/escalation-commands';
import { replayEscalation } from '../domain/escalation/replay-escalation';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import {
  criticalPriorityAction,
  criticalSince,
  isCriticalPriority,
  type CriticalDetection,
  type CriticalProblem,
} from '../domain/sweep/critical-priority';
import { CRITICAL_DETECTED_REF, SWEEP_ACTOR } from '../domain/sweep/sweep-effect';
import type { SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { appendOnce } from './append-once';
import { processEscalationDeadlines, type ProcessOutcome } from './process-escalation-deadlines-use-case';

export interface CriticalOutcome {
  /** An escalation was started (the project opted in). */
  readonly started: boolean;
  /** The detection was recorded on the issue (the panel proposes an escalation). */
  readonly recorded: boolean;
  readonly outcome?: ProcessOutcome;
}

/**
 * An issue created with, or changed to, a critical priority, without an escalation. By default the
 * detection is recorded on the issue and the panel proposes an escalation (the annex's last resort is a
 * person's decision); the two-hour client notification counts from the detection. Where the project opts
 * in, an escalation starts (trigger `sla-breach`, critical, detected then) and is brought up to date
 * (notifies the contractor's level-1 contacts that the two-hour client notification runs, writes the projection).
 *
 * Called by the product-event trigger and by the sweep for critical issues the trigger missed; a start is
 * recorded once however many of them arrive (the log's first event is appended conditionally), and a
 * detection already recorded for the same critical spell stands.
 */
export async function detectCriticalPriority(
  deps: SweepDeps,
  issue: SweepIssue,
  detect: (configuration: ProjectConfiguration) => CriticalDetection,
): Promise<CriticalOutcome> {
  const configuration = await deps.configurations.get(issue.projectKey);
  if (!isCriticalPriority(configuration, issue.priority)) return { started: false, recorded: false };
  const detection = detect(configuration);
  const existing = await deps.events.load(issue.id);
  const state = replayEscalation(existing);
  const action = criticalPriorityAction({
    state,
    configuration,
    priority: issue.priority,
    summary: issue.summary,
    detection,
    ...(issue.criticalProblem ? { recorded: issue.criticalProblem } : {}),
  });
  if (!action) return { started: false, recorded: false };
  if (action.kind === 'record') {
    await deps.jira.recordCriticalProblem(issue.id, action.problem);
    return { started: false, recorded: true };
  }
  const template = await deps.templates.active(issue.projectKey);
  const now = deps.now();
  const { appended, loaded } = await appendOnce(deps, issue.id, { log: existing, state }, (current) => {
    if (current) return undefined;
    const decision = startEscalation(undefined, action.input, { now, actor: SWEEP_ACTOR, template });
    return decision.ok ? { ...decision.value, origin: { source: 'sweep', ref: CRITICAL_DETECTED_REF } } : undefined;
  });
  if (appended && loaded.state) await recordEscalationSummary(deps, { state: loaded.state, log: loaded.log, template, issue });
  const outcome = await processEscalationDeadlines(deps, issue, { configuration });
  return { started: appended, recorded: false, outcome };
}

/** An issue's priority and the critical problem recorded on it, as Jira has them now. */
export interface IssueCriticality {
  readonly priority?: string;
  readonly criticalProblem?: CriticalProblem;
}

/** What the product-event trigger needs of Jira beyond the sweep: the issue's current priority (events do not carry it). */
export interface IssuePriorityReader {
  /** The issue's priority now and the critical problem recorded on it, read from Jira in one request. */
  criticalityOf(issueIdOrKey: string): Promise<IssueCriticality>;
}

export interface CriticalPriorityDeps extends SweepDeps {
  readonly priorities: IssuePriorityReader;
}

/**
 * An issue event (`avi:jira:created:issue` / `avi:jira:updated:issue`): Jira's documented payload does not
 * carry the priority, so it is read from Jira, then {@link detectCriticalPriority} decides. `detectedAt` is
 * the event's time.
 *
 * @param previousPriority what the change came from: null on creation, the changelog's `fromString` on a
 *   change, undefined when the event does not say. A change from a priority that is not critical begins a
 *   new critical spell, so a detection recorded earlier is replaced.
 */
export async function detectCriticalPriorityOfEvent(
  deps: CriticalPriorityDeps,
  issue: Omit<SweepIssue, 'priority' | 'criticalProblem'>,
  detectedAt: string,
  previousPriority?: string | null,
): Promise<CriticalOutcome> {
  const { priority, criticalProblem } = await deps.priorities.criticalityOf(issue.id);
  if (!priority) return { started: false, recorded: false };
  return detectCriticalPriority(deps, { ...issue, priority, ...(criticalProblem ? { criticalProblem } : {}) }, (configuration) => {
    const newSpell = previousPriority === null || (previousPriority !== undefined && !isCriticalPriority(configuration, previousPriority));
    return { detectedAt, ...(newSpell ? { since: detectedAt } : {}) };
  });
}

/**
 * The detection of a critical issue the sweep found (the trigger missed it): when its priority became
 * critical by its changelog (its creation time if it was created critical), which also begins its critical
 * spell; the last update time when the history was not read or does not say; now as the last resort.
 */
export function sweepDetection(issue: SweepIssue, configuration: ProjectConfiguration, now: Date): CriticalDetection {
  const fromHistory = issue.priorityChanges
    ? criticalSince({
        configuration,
        ...(issue.created ? { created: issue.created } : {}),
        ...(issue.priority ? { currentPriority: issue.priority } : {}),
        changes: issue.priorityChanges,
      })
    : undefined;
  if (fromHistory) return { detectedAt: fromHistory, since: fromHistory };
  return { detectedAt: issue.updated ?? now.toISOString() };
}
