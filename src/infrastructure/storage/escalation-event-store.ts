import { kvs, WhereConditions } from '@forge/kvs';
import { escalationEventSchema, type EscalationEvent } from '../../domain/escalation/escalation-event';
import type { EscalationEventStore } from '../../usecases/ports/escalation-event-store';
import { ConcurrentAppendError } from '../../usecases/ports/port-errors';

export class CorruptRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRecordError';
  }
}

/** Keys sort by sequence: zero-padded so that prefix queries return the log in order. */
const prefix = (issueId: string) => `escalation:${issueId}:event:`;
const eventKey = (issueId: string, seq: number) => `${prefix(issueId)}${String(seq).padStart(8, '0')}`;

function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; responseDetails?: { status?: number } };
  return e?.code === 'KEY_CONFLICT' || e?.responseDetails?.status === 409;
}

/**
 * The escalation record lives in Forge storage, one key per event, written with FAIL_IF_EXISTS.
 * Storage is the app's alone: unlike an issue property, no user can edit it through the REST API, and an
 * event once written is never overwritten. Two writers racing for the same sequence number cannot both
 * win: the loser gets {@link ConcurrentAppendError} and retries on the new log.
 */
export const kvsEscalationEventStore: EscalationEventStore = {
  async load(issueId) {
    const events: EscalationEvent[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs
        .query()
        .where('key', WhereConditions.beginsWith(prefix(issueId)))
        .limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      for (const { key, value } of page.results) {
        const parsed = escalationEventSchema.safeParse(value);
        if (!parsed.success) throw new CorruptRecordError(`Stored event ${key} is not valid: ${parsed.error.message}`);
        events.push(parsed.data);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return events;
  },

  async append(issueId, event) {
    escalationEventSchema.parse(event);
    try {
      await kvs.set(eventKey(issueId, event.seq), event, { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (error) {
      if (isKeyConflict(error)) throw new ConcurrentAppendError(issueId, event.seq, { cause: error });
      throw error;
    }
  },
};
