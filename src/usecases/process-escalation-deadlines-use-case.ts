import { recordEscalationSummary } from './record-escalation-summary';
import {
  escalationFieldValue,
  indexedInstant,
  type EscalationFieldValue,
  type EscalationIndexDocument,
} from '../domain/escalation/escalation-projection';
import type { NewEscalationEvent } from '../domain/escalation/escalation-event';
import { sequence } from '../domain/escalation/escalation-log';
import type { EscalationState } from '../domain/escalation/escalation-state';
import { applyEvent } from '../domain/escalation/replay-escalation';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { ProcessTemplate } from '../domain/process/process-template';
import { dueEffects } from '../domain/sweep/due-effects';
import { dueIndexEntry } from '../domain/sweep/due-index';
import { fingerprint, projectEscalation } from '../domain/sweep/escalation-index';
import { notificationRef } from '../domain/sweep/sweep-effect';
import { appendAll, loadLog, type LoadedLog } from './append-once';
import { deliverHeld, firstClaim, type DeliveryOutcome } from './deliver-escalation-notification';
import type { AppendedAlongside } from './ports/escalation-event-store';
import type { NotificationClaim } from './ports/notification-claims';
import { notificationSentDraft, readyNotifications, type ReadyNotifications } from './send-owed-notifications';
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

/**
 * What a run already holds: the project's configuration, or caches of the configurations (by project) and
 * templates (by id@version) read for earlier issues of the same batch, so a batch reads each once.
 */
export interface KnownForRun {
  readonly configuration?: ProjectConfiguration;
  readonly configurations?: Map<string, ProjectConfiguration>;
  readonly templates?: Map<string, ProcessTemplate>;
}

/** What the log derives for the issue's projections, and whether the issue shows something else. */
export interface PendingProjection {
  readonly document: EscalationIndexDocument;
  /** The level field's value, only when it differs from what the issue shows. */
  readonly field?: EscalationFieldValue;
  /** The property or the field differs from what the log derives (edited by hand, or moved on): write it. */
  readonly differs: boolean;
  /** The due index entry went with this run's records (so a failed projection write must make the issue due again). */
  readonly indexInAppend: boolean;
  /** Whether the due index entry was written with the records. */
  readonly indexWritten: boolean;
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
export async function processEscalationDeadlines(deps: SweepDeps, issue: SweepIssue, known: KnownForRun = {}): Promise<ProcessOutcome> {
  const { projection, ...upToDate } = await bringEscalationUpToDate(deps, issue, known);
  if (!projection) return { ...upToDate, projectionWritten: false };
  // 3. The projection: field first (the level, when it changed), then the property (both for JQL and the
  // navigator). The due index the sweep searches on went with this run's records; when there were none it
  // follows the property, so if a write fails the index still holds the old check time and the next sweep
  // finds the issue again.
  if (projection.differs) {
    await deps.jira.saveProjection(issue, projection.document, projection.field).catch(async (error: unknown) => {
      await makeDueAgain(deps, issue, projection);
      throw error;
    });
  }
  const indexWritten = projection.indexInAppend
    ? projection.indexWritten
    : await syncDueIndex(deps.dueIndex, issue, projection.document, issue.due);
  return { ...upToDate, projectionWritten: projection.differs, indexWritten };
}

/** After a failed projection write: an index entry moved on with the records is set due now, so the next sweep writes it. */
export async function makeDueAgain(deps: SweepDeps, issue: SweepIssue, projection: PendingProjection): Promise<void> {
  if (projection.indexInAppend) {
    await syncDueIndex(deps.dueIndex, issue, { status: 'open', nextCheckAt: indexedInstant(deps.now().toISOString()) });
  }
}

/**
 * Steps 1 and 2 of {@link processEscalationDeadlines} (effects, notifications, the analytics summary) and
 * what step 3 must write; the sweep's batches write many issues' projections together.
 */
export async function bringEscalationUpToDate(deps: SweepDeps, issue: SweepIssue, known: KnownForRun = {}): Promise<UpToDate> {
  const recorded: string[] = [];
  let loaded = await loadLog(deps, issue.id);
  const startSeq = loaded.log.length;
  if (!loaded.state) {
    // Indexed without an escalation (e.g. the backfill found a hand-made property): nothing is due.
    if (issue.due) await deps.dueIndex.remove(issue.id);
    return { issueKey: issue.key, recorded, notifications: {}, complete: true };
  }
  const configuration =
    known.configuration ?? known.configurations?.get(issue.projectKey) ?? (await deps.configurations.get(issue.projectKey));
  known.configurations?.set(issue.projectKey, configuration);
  const templateKey = `${loaded.state.template.id}@${loaded.state.template.version}`;
  const template = known.templates?.get(templateKey) ?? (await deps.templates.get(loaded.state.template));
  known.templates?.set(templateKey, template);
  const now = deps.now();
  const policy = configuration.policy;

  // 1. Effects, one at a time in memory (each may change what is due next: an escalation ends the level's
  // deadlines), recorded in one append with the claims on the notifications they owe.
  const derive = (after: LoadedLog, complete: boolean, nextAttemptAt: string | undefined) =>
    projectionOf(after.state!, template, policy, now, complete, nextAttemptAt);
  let indexWritten = false;
  /** The due index entry that follows the projection (an unchanged entry is not written again). */
  const recordsOf = (document: EscalationIndexDocument): AppendedAlongside => {
    const entry = dueIndexEntry(issue, document);
    indexWritten = !entry || issue.due?.nextCheckMinute !== entry.nextCheckMinute;
    return {
      ...(indexWritten ? { dueIndex: { issueId: issue.id, entry: entry ?? null } } : {}),
    };
  };
  let ready: ReadyNotifications = { ready: [], profiles: {} };
  const taken = new Map<string, NotificationClaim>();
  const effects = await appendAll(deps, issue.id, loaded, async (current) => {
    const drafts: NewEscalationEvent[] = [];
    let log = current.log;
    let state = current.state;
    const refs = new Set(log.map((e) => e.origin?.ref));
    for (let i = 0; i < MAX_EFFECTS && state; i++) {
      const next = dueEffects({ state, template, policy, now }).find((e) => !refs.has(e.ref));
      if (!next) break;
      refs.add(next.ref);
      drafts.push(next.event);
      const event = sequence(log, next.event);
      log = [...log, event];
      state = applyEvent(state, event);
    }
    // 2. Notifications owed, for the effects recorded now or by an earlier run that did not finish.
    ready = await readyNotifications(deps, issue, { loaded: { log, state }, template, configuration });
    // A notification about an effect this append records cannot be claimed by anyone yet (the effect is not
    // in the log before it): its claim is taken here, in the same transaction, which the log head guards.
    const fresh = new Set(drafts.map((d) => notificationRef(d.origin!.ref!)));
    taken.clear();
    for (const plan of ready.ready) if (fresh.has(plan.ref)) taken.set(plan.ref, firstClaim(deps));
    if (drafts.length === 0) return undefined;
    return {
      drafts,
      // Nothing to send now: the due index goes with the effects.
      alongside: (after) => ({
        claims: [...taken].map(([ref, claim]) => ({ ref, claim })),
        ...(ready.ready.length === 0 ? recordsOf(derive(after, true, ready.comeBack)) : {}),
      }),
    };
  });
  loaded = effects.loaded;
  recorded.push(...effects.appended.map((e) => e.origin!.ref!));
  if (effects.appended.length === 0) taken.clear();

  const { outcomes, completions } = await deliverHeld(deps, issue, ready.ready, ready.profiles, taken);
  const notifications: Partial<Record<DeliveryOutcome, number>> = {};
  let complete = true;
  const delivered = ready.ready.filter((plan) => {
    const outcome = outcomes.get(plan.ref) ?? 'failed';
    notifications[outcome] = (notifications[outcome] ?? 0) + 1;
    if (outcome === 'sent' || outcome === 'already-sent') return true;
    complete = false;
    return false;
  });
  // The `notification-sent` records, the claims' completion and the due index: one append.
  let indexInAppend = effects.appended.length > 0 && ready.ready.length === 0;
  if (ready.ready.length > 0) {
    try {
      const records = await appendAll(deps, issue.id, loaded, () => ({
        drafts: delivered.map((plan) => notificationSentDraft(plan, 'sweep', now)),
        alongside: (after) => ({
          claims: completions,
          ...(after.log.length > startSeq ? recordsOf(derive(after, complete, ready.comeBack)) : {}),
        }),
      }));
      loaded = records.loaded;
      indexInAppend = loaded.log.length > startSeq;
    } catch (error) {
      // Sent, not recorded: the claims say so (released, or certainly not sent again), and the issue stays due.
      for (const { ref, claim } of completions) await deps.claims.update(issue.id, ref, claim).catch(() => undefined);
      throw error;
    }
  }
  // The analytics summary follows the log whenever this run recorded something; it is folded into the running
  // totals by its store, which reads the summary it replaces (so it is not part of the append's transaction).
  if (loaded.state && loaded.log.length > startSeq) {
    await recordEscalationSummary(deps, { state: loaded.state, log: loaded.log, template, issue, configuration });
  }
  // 3. What the projection must show.
  const state = loaded.state!;
  // A notification still owed keeps the issue due, so the next sweep comes back for it (in the format Jira indexes).
  // What waits for working time, or the next reminder, brings the sweep back then.
  const document = projectionOf(state, template, policy, now, complete, ready.comeBack);
  // Only the log decides: a projection that differs from the derived one (a hand-edited property or field
  // value included) is written again.
  const levelName = template.levels.find((l) => l.level === state.level)!.name;
  const fieldValue = escalationFieldValue(state, levelName, await deps.jira.siteLocale());
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
    projection: {
      document,
      ...(fieldDiffers ? { field: fieldValue } : {}),
      differs,
      indexInAppend,
      indexWritten: indexInAppend && indexWritten,
    },
  };
}

/** The projection the sweep writes: a notification still owed keeps the issue due, what waits brings it back then. */
function projectionOf(
  state: EscalationState,
  template: ProcessTemplate,
  policy: ProjectConfiguration['policy'],
  now: Date,
  complete: boolean,
  nextAttemptAt: string | undefined,
): EscalationIndexDocument {
  const derived = projectEscalation({ state, template, policy, now });
  const comeBack = [derived.nextCheckAt, nextAttemptAt && indexedInstant(nextAttemptAt)].filter((at): at is string => !!at);
  const soonest = comeBack.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  if (state.status !== 'open') return derived;
  if (!complete) return { ...derived, nextCheckAt: indexedInstant(now.toISOString()) };
  return soonest ? { ...derived, nextCheckAt: soonest } : derived;
}
