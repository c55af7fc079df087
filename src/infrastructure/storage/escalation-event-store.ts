import { escalationEventSchema, type EscalationEvent } from '../../domain/escalation/escalation-event';
import type { EscalationEventStore } from '../../usecases/ports/escalation-event-store';
import { ConcurrentAppendError } from '../../usecases/ports/port-errors';
import { queryPrefix, setIfAbsent } from './kvs-prefix-query';

export class CorruptRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRecordError';
  }
}

/** Keys sort by sequence: zero-padded so that prefix queries return the log in order. */
const prefix = (issueId: string) => `escalation:${issueId}:event:`;
const eventKey = (issueId: string, seq: number) => `${prefix(issueId)}${String(seq).padStart(8, '0')}`;

/**
 * The escalation record lives in Forge storage, one key per event, written with FAIL_IF_EXISTS.
 * Storage is the app's alone: unlike an issue property, no user can edit it through the REST API, and an
 * event once written is never overwritten. Two writers racing for the same sequence number cannot both
 * win: the loser gets {@link ConcurrentAppendError} and retries on the new log.
 */
export const kvsEscalationEventStore: EscalationEventStore = {
  load(issueId) {
    return queryPrefix<EscalationEvent>(prefix(issueId), (value, key) => {
      const parsed = escalationEventSchema.safeParse(value);
      if (!parsed.success) throw new CorruptRecordError(`Stored event ${key} is not valid: ${parsed.error.message}`);
      return parsed.data;
    });
  },

  async append(issueId, event) {
    escalationEventSchema.parse(event);
    if ((await setIfAbsent(eventKey(issueId, event.seq), event)) === 'conflict') throw new ConcurrentAppendError(issueId, event.seq);
  },
};
