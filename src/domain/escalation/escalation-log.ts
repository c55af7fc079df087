import type { EscalationEvent, NewEscalationEvent } from './escalation-event';
import type { EscalationState } from './escalation-state';
import type { Decision } from './escalation-rejection';
import { applyEvent, replayEscalation } from './replay-escalation';

/** Gives a new event the next sequence number of the log. */
export function sequence(log: readonly EscalationEvent[], event: NewEscalationEvent): EscalationEvent {
  return { ...event, seq: log.length + 1 };
}

export interface Recorded {
  readonly event: EscalationEvent;
  readonly log: readonly EscalationEvent[];
  readonly state: EscalationState;
}

/**
 * Runs a command against a log and, when accepted, appends its event.
 *
 * @example
 * const result = record(log, (state) => escalate(state, {}, ctx));
 * if (result.ok) await repository.append(issueId, result.value.event, log.length);
 */
export function record(
  log: readonly EscalationEvent[],
  command: (state: EscalationState | undefined) => Decision<NewEscalationEvent>,
  current: EscalationState | undefined = replayEscalation(log),
): Decision<Recorded> {
  const decision = command(current);
  if (!decision.ok) return decision;
  const event = sequence(log, decision.value);
  return { ok: true, value: { event, log: [...log, event], state: applyEvent(current, event) } };
}
