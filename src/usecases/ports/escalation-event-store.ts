import type { EscalationEvent } from '../../domain/escalation/escalation-event';

/**
 * The escalation record: an append-only log per issue. An event once written is never overwritten; two
 * writers racing for the same sequence number cannot both win.
 */
export interface EscalationEventStore {
  load(issueId: string): Promise<EscalationEvent[]>;
  /** @throws ConcurrentAppendError (port-errors) when an event with that sequence number exists already. */
  append(issueId: string, event: EscalationEvent): Promise<void>;
}
