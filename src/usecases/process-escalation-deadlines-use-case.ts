import { recordEscalationSummary } from './record-escalation-summary';
import {
  escalationFieldValue,
  indexedInstant,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../domain/escalation/escalation-projection';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { ProcessTemplate } from '../domain/process/process-template';
import { dueEffects } from '../domain/sweep/due-effects';
import { fingerprint, projectEscalation } from '../domain/sweep/escalation-index';
import { appendOnce, loadLog } from './append-once';
import type { DeliveryOutcome } from './deliver-escalation-notification';
import { sendOwedNotifications } from './send-owed-notifications';
import { syncDueIndex } from './sync-due-index';
import type { SweepDeps, SweepIssue } from './escalation-sweep-deps';

export interface ProcessOutcome {
  readonly issueKey: string;
  /** Effects this run recorded (refs). */
  readonly recorded: string[];
  readonly notifications: Partial<Record<DeliveryOutcome, number>>;
  readonly projectionWritten: boolean;
  /** Whether the due index entry was written (moved on, or removed). */
  readonly indexWritten?: boolean;
  /** False when something was left for a later run (a notification failed or is held by another run). */
  readonly complete: boolean;
}

const MAX_EFFECTS = 50;

/** What the log derives for the issue's projections, and whether the issue shows something else. */
export interface PendingProjection {
  readonly document: EscalationIndexDocument;
  /** The level field's value, only when it differs from what the issue shows. */
  readonly field?: EscalationFieldValue;
  /** The property or the field differs from what the log derives (edited by hand, or moved on): write it. */
  readonly differs: boolean;
}

/** Steps 1 and 2 done; the projection (step 3) still to write. Undefined projection: no escalation on the issue. */
export interface UpToDate {
  readonly issueKey: string;
  readonly recorded: string[];
  readonly notifications: Partial<Record<DeliveryOutcome, number>>;
  readonly complete: boolean;
  readonly projection?: PendingProjection;
}

/**
 * Brings one escalation up to date at `now`: records each due effect once (warnings, missed deadlines,
 * automatic escalation, arbitration proposal), sends every notification still owed exactly once, and
 * rewrites the issue's projection so that its next check time moves on.
 *
 * Safe to run any number of times and concurrently for the same issue: effects are deduplicated by their
 * ref in the log (whose appends are conditional), notifications by their claims.
 */
export async function processEscalationDeadlines(
  deps: SweepDeps,
  issue: SweepIssue,
  known: { configuration?: ProjectConfiguration; templates?: Map<string, ProcessTemplate> } = {},
): Promise<ProcessOutcome> {
  const { projection, ...upToDate } = await bringEscalationUpToDate(deps, issue, known);
  if (!projection) return { ...upToDate, projectionWritten: false };
  // 3. The projection: field first (the level, when it changed), then the property (both for JQL and the
  // navigator), then the due index the sweep searches on. If a write fails the index still holds the old
  // check time, so the next sweep finds the issue again.
  if (projection.differs) await deps.jira.saveProjection(issue, projection.document, projection.field);
  const indexWritten = await syncDueIndex(deps.dueIndex, issue, projection.document, issue.due);
  return { ...upToDate, projectionWritten: projection.differs, indexWritten };
}

/**
 * Steps 1 and 2 of {@link processEscalationDeadlines} (effects, notifications, the analytics summary) and
 * what step 3 must write; the sweep's batches write many issues' projections together.
 */
export async function bringEscalationUpToDate(
  deps: SweepDeps,
  issue: SweepIssue,
  known: { configuration?: ProjectConfiguration; templates?: Map<string, ProcessTemplate> } = {},
): Promise<UpToDate> {
  const recorded: string[] = [];
  let loaded = await loadLog(deps, issue.id);
  const startSeq = loaded.log.length;
  if (!loaded.state) {
    // Indexed without an escalation (e.g. the backfill found a hand-made property): nothing is due.
    if (issue.due) await deps.dueIndex.remove(issue.id);
    return { issueKey: issue.key, recorded, notifications: {}, complete: true };
  }
  const configuration = known.configuration ?? (await deps.configurations.get(issue.projectKey));
  const templateKey = `${loaded.state.template.id}@${loaded.state.template.version}`;
  const template = known.templates?.get(templateKey) ?? (await deps.templates.get(loaded.state.template));
  known.templates?.set(templateKey, template);
  const now = deps.now();
  const policy = configuration.policy;

  // 1. Effects, one at a time: each may change what is due next (an escalation ends the level's deadlines).
  for (let i = 0; i < MAX_EFFECTS; i++) {
    let ref: string | undefined;
    const result = await appendOnce(deps, issue.id, loaded, (state, log) => {
      if (!state) return undefined;
      const refs = new Set(log.map((e) => e.origin?.ref));
      const next = dueEffects({ state, template, policy, now }).find((e) => !refs.has(e.ref));
      ref = next?.ref;
      return next?.event;
    });
    loaded = result.loaded;
    if (!ref) break;
    if (result.appended) recorded.push(ref);
  }

  // 2. Notifications owed for recorded effects (by this run or an earlier one that did not finish).
  const owed = await sendOwedNotifications(deps, issue, { loaded, template, configuration, source: 'sweep' });
  loaded = owed.loaded;
  const { notifications, complete } = owed;

  // The analytics summary follows the log whenever this run recorded something.
  if (loaded.state && loaded.log.length > startSeq) {
    await recordEscalationSummary(deps, { state: loaded.state, log: loaded.log, template, issue, configuration });
  }

  // 3. What the projection must show.
  const state = loaded.state!;
  const derived = projectEscalation({ state, template, policy, now });
  // A notification still owed keeps the issue due, so the next sweep comes back for it (in the format Jira indexes).
  // What waits for working time, or the next reminder, brings the sweep back then.
  const comeBack = [derived.nextCheckAt, owed.nextAttemptAt && indexedInstant(owed.nextAttemptAt)].filter((at): at is string => !!at);
  const soonest = comeBack.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const document =
    state.status !== 'open'
      ? derived
      : !complete
        ? { ...derived, nextCheckAt: indexedInstant(now.toISOString()) }
        : soonest
          ? { ...derived, nextCheckAt: soonest }
          : derived;
  // Only the log decides: a projection that differs from the derived one (a hand-edited property or field
  // value included) is written again.
  const levelName = template.levels.find((l) => l.level === state.level)!.name;
  const fieldValue = escalationFieldValue(state, levelName);
  const fieldDiffers =
    issue.indexed?.level !== state.level ||
    issue.indexed?.status !== state.status ||
    (issue.indexed?.field !== undefined && issue.indexed.field !== fingerprint(fieldValue));
  const differs = issue.indexed?.fingerprint !== fingerprint(document) || fieldDiffers;
  return {
    issueKey: issue.key,
    recorded,
    notifications,
    complete,
    projection: { document, ...(fieldDiffers ? { field: fieldValue } : {}), differs },
  };
}
