import type { EscalationEvent, NewEscalationEvent } from '../domain/escalation/escalation-event';
import { sequence } from '../domain/escalation/escalation-log';
import type { EscalationState } from '../domain/escalation/escalation-state';
import { applyEvent, replayEscalation } from '../domain/escalation/replay-escalation';
import type { EscalationEventStore } from './ports/escalation-event-store';
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
      await deps.events.append(issueId, event);
      return { loaded: { log: [...current.log, event], state: applyEvent(current.state, event) }, appended: true };
    } catch (error) {
      if (!(error instanceof ConcurrentAppendError) || attempt >= MAX_CONFLICTS) throw error;
      current = await loadLog(deps, issueId);
    }
  }
}
