import type { EscalationEvent, NewEscalationEvent } from '../domain/escalation/escalation-event';
import { sequence } from '../domain/escalation/escalation-log';
import type { EscalationState } from '../domain/escalation/escalation-state';
import { applyEvent, replayEscalation } from '../domain/escalation/replay-escalation';
import type { AppendedAlongside, EscalationEventStore } from './ports/escalation-event-store';
import { ConcurrentAppendError } from './ports/port-errors';

/** An escalation's log as loaded, with the state it replays to. */
export interface LoadedLog {
  readonly log: EscalationEvent[];
  readonly state: EscalationState | undefined;
}

const MAX_CONFLICTS = 5;

export async function loadLog(deps: { readonly events: EscalationEventStore }, issueId: string): Promise<LoadedLog> {
  const log = await deps.events.load(issueId);
  return { log, state: replayEscalation(log) };
}

/**
 * Appends an event with an `origin.ref` unless the log already holds that ref. On a concurrent append the
 * log is reloaded and the question asked again: of two runs recording the same ref, one records it.
 * @returns the log after the append (or as found, when the ref was there).
 */
export async function appendOnce(
  deps: { readonly events: EscalationEventStore },
  issueId: string,
  loaded: LoadedLog,
  make: (state: EscalationState | undefined, log: readonly EscalationEvent[]) => NewEscalationEvent | undefined,
): Promise<{ loaded: LoadedLog; appended: boolean }> {
  let current = loaded;
  for (let attempt = 1; ; attempt++) {
    const draft = make(current.state, current.log);
    const ref = draft?.origin?.ref;
    if (!draft || (ref && current.log.some((e) => e.origin?.ref === ref))) return { loaded: current, appended: false };
    const event = sequence(current.log, draft);
    try {
      await deps.events.append(issueId, [event]);
      return { loaded: { log: [...current.log, event], state: applyEvent(current.state, event) }, appended: true };
    } catch (error) {
      if (!(error instanceof ConcurrentAppendError) || attempt >= MAX_CONFLICTS) throw error;
      current = await loadLog(deps, issueId);
    }
  }
}

/** What one step records: its events (drafts), and what is written alongside them, given the log after. */
export interface AppendPlan {
  readonly drafts: readonly NewEscalationEvent[];
  readonly alongside?: (after: LoadedLog) => AppendedAlongside;
}

/**
 * Records one step in one append: the events `make` decides on the log as loaded (a draft whose `origin.ref`
 * the log holds already is left out) and what goes alongside them. On a concurrent append the log is
 * reloaded and `make` asked again on it, so a step's records always follow the log they were decided on.
 * @returns the log after the append, and the events this call appended.
 */
export async function appendAll(
  deps: { readonly events: EscalationEventStore },
  issueId: string,
  loaded: LoadedLog,
  make: (current: LoadedLog) => AppendPlan | undefined | Promise<AppendPlan | undefined>,
): Promise<{ loaded: LoadedLog; appended: EscalationEvent[] }> {
  let current = loaded;
  for (let attempt = 1; ; attempt++) {
    const plan = await make(current);
    if (!plan) return { loaded: current, appended: [] };
    const refs = new Set(current.log.map((e) => e.origin?.ref).filter((ref) => ref !== undefined));
    let log = current.log;
    let state = current.state;
    const appended: EscalationEvent[] = [];
    for (const draft of plan.drafts) {
      const ref = draft.origin?.ref;
      if (ref && refs.has(ref)) continue;
      if (ref) refs.add(ref);
      const event = sequence(log, draft);
      appended.push(event);
      log = [...log, event];
      state = applyEvent(state, event);
    }
    const after: LoadedLog = { log, state };
    const alongside = plan.alongside?.(after);
    const hasAlongside = !!alongside && (!!alongside.claims?.length || !!alongside.dueIndex);
    if (appended.length === 0 && !hasAlongside) return { loaded: current, appended };
    try {
      await deps.events.append(issueId, appended, alongside);
      return { loaded: after, appended };
    } catch (error) {
      if (!(error instanceof ConcurrentAppendError) || attempt >= MAX_CONFLICTS) throw error;
      current = await loadLog(deps, issueId);
    }
  }
}
