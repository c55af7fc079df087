import { isDeepStrictEqual } from 'node:util';
import { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { escalationEventSchema, type EscalationEvent } from '../../domain/escalation/escalation-event';
import type { AppendedAlongside, EscalationEventStore } from '../../usecases/ports/escalation-event-store';
import { ConcurrentAppendError } from '../../usecases/ports/port-errors';
import { DUE_ENTITY, storedDueEntry } from './escalation-due-index-store';
import { queryPrefix } from './kvs-prefix-query';
import { claimKey } from './notification-claim-store';
import { isStorageRateLimited, kvs } from './rate-limited-kvs';

export class CorruptRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRecordError';
  }
}

/** Keys sort by sequence: zero-padded so that prefix queries return the log in order. */
const prefix = (issueId: string) => `escalation:${issueId}:event:`;
const eventKey = (issueId: string, seq: number) => `${prefix(issueId)}${String(seq).padStart(8, '0')}`;

/** The manifest's `app.storage.entities` item holding each log's head: the last sequence number written. */
export const LOG_HEAD_ENTITY = 'escalation-log-head';
interface LogHead {
  readonly issueId: string;
  readonly seq: number;
}

/** `kvs.transact()`: at most 25 operations (storage-reference/transactions). */
export const TRANSACT_OPS = 25;
/** A transaction's payload, like a batch's, may be 4 MB (storage-reference/batchops); kept below it. */
export const TRANSACT_BYTES = 3_500_000;

type Op = { readonly key: string; readonly value?: unknown; readonly entityName?: string; readonly remove?: true };
interface Part {
  readonly ops: Op[];
  /** The head this part moves to (parts that carry events), and the head it expects to find. */
  head?: { readonly from: number; to: number };
  bytes: number;
}

const sizeOf = (op: Op) => op.key.length + (op.value === undefined ? 0 : JSON.stringify(op.value).length) + 64;

function alongsideOps(issueId: string, alongside: AppendedAlongside): Op[] {
  const ops: Op[] = [];
  for (const { ref, claim } of alongside.claims ?? []) ops.push({ key: claimKey(issueId, ref, claim.attempt), value: claim });
  if (alongside.dueIndex) {
    const { issueId: id, entry } = alongside.dueIndex;
    ops.push(entry ? { key: id, value: storedDueEntry(entry), entityName: DUE_ENTITY } : { key: id, entityName: DUE_ENTITY, remove: true });
  }
  return ops;
}

/**
 * Splits an append into transactions of at most {@link TRANSACT_OPS} operations and {@link TRANSACT_BYTES}:
 * events in order, each part with the head move that guards it, the records alongside with the last part
 * where they fit (else in parts of their own after it). An event is one key, so no event is ever split.
 */
export function planAppend(issueId: string, events: readonly EscalationEvent[], alongside: AppendedAlongside = {}): Part[] {
  const parts: Part[] = [];
  let current: Part | undefined;
  let from = events.length > 0 ? events[0]!.seq - 1 : 0;
  for (const event of events) {
    const op: Op = { key: eventKey(issueId, event.seq), value: event };
    const size = sizeOf(op);
    if (!current || current.ops.length + 2 > TRANSACT_OPS || current.bytes + size > TRANSACT_BYTES) {
      current = { ops: [], head: { from, to: from }, bytes: 128 };
      parts.push(current);
    }
    current.ops.push(op);
    current.bytes += size;
    current.head!.to = event.seq;
    from = event.seq;
  }
  const ops = alongsideOps(issueId, alongside);
  let last = parts.at(-1);
  for (const op of ops) {
    const size = sizeOf(op);
    const used = last ? last.ops.length + (last.head ? 1 : 0) : TRANSACT_OPS;
    if (!last || used + 1 > TRANSACT_OPS || last.bytes + size > TRANSACT_BYTES) {
      last = { ops: [], bytes: 128 };
      parts.push(last);
    }
    last.ops.push(op);
    last.bytes += size;
  }
  return parts;
}

/** The head may be absent (a log written before heads existed, or a new one) or behind what the caller read. */
const headAllows = (expected: number) =>
  new Filter<LogHead>().or('seq', FilterConditions.notExists()).or('seq', FilterConditions.lessThanEqualTo(expected));

async function execute(issueId: string, part: Part): Promise<void> {
  let tx = kvs.transact();
  for (const op of part.ops) {
    if (op.remove) tx = tx.delete(op.key, { entityName: op.entityName! });
    else tx = op.entityName ? tx.set(op.key, op.value, { entityName: op.entityName }) : tx.set(op.key, op.value);
  }
  if (part.head) {
    const head: LogHead = { issueId, seq: part.head.to };
    tx = tx.set(issueId, head, { entityName: LOG_HEAD_ENTITY, conditions: headAllows(part.head.from) });
  }
  await tx.execute();
}

/**
 * The escalation record lives in Forge storage, one key per event. A transaction cannot make a plain key
 * create-only, so every append moves the log's head (a custom entity, `escalation-log-head`) in the same
 * transaction, on the condition that it is not past the log the writer read. Of two writers that read the
 * same log, one wins; the other gets {@link ConcurrentAppendError} and retries on the new log, so no event is
 * ever overwritten. A log stored before heads existed has none: its first append creates it. Storage is the
 * app's alone: unlike an issue property, no user can edit it through the REST API.
 */
export const kvsEscalationEventStore: EscalationEventStore = {
  load(issueId) {
    return queryPrefix<EscalationEvent>(prefix(issueId), (value, key) => {
      const parsed = escalationEventSchema.safeParse(value);
      if (!parsed.success) throw new CorruptRecordError(`Stored event ${key} is not valid: ${parsed.error.message}`);
      return parsed.data;
    });
  },

  async head(issueId) {
    const head = await kvs.entity<LogHead>(LOG_HEAD_ENTITY).get(issueId);
    if (head) return head.seq;
    // No head: no log, or one stored before heads existed (its first key tells).
    const first = await kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefix(issueId)))
      .limit(1)
      .getMany();
    return first.results.length === 0 ? 0 : undefined;
  },

  async append(issueId, events, alongside = {}) {
    events.forEach((event, i) => {
      escalationEventSchema.parse(event);
      if (i > 0 && event.seq !== events[i - 1]!.seq + 1) throw new Error(`Events to append must be consecutive, got ${event.seq}`);
    });
    for (const part of planAppend(issueId, events, alongside)) {
      try {
        await execute(issueId, part);
      } catch (error) {
        if (!part.head || isStorageRateLimited(error)) throw error;
        await classifyFailure(issueId, part, events, error);
      }
    }
  },
};

/**
 * Forge documents no error code for a transaction whose condition failed, so a failure is never classified by
 * its code: the head is read instead. Moved past what this writer read: someone else appended first → conflict.
 * At this part's end with exactly its last event: the transaction landed and only its answer was lost.
 * Otherwise the write really failed (outage) and the original error goes on.
 */
async function classifyFailure(issueId: string, part: Part, events: readonly EscalationEvent[], error: unknown): Promise<void> {
  const head = await kvs.entity<LogHead>(LOG_HEAD_ENTITY).get(issueId);
  if (head === undefined || head.seq <= part.head!.from) throw error;
  if (head.seq === part.head!.to) {
    const mine = events.find((e) => e.seq === part.head!.to);
    const stored = await kvs.get<unknown>(eventKey(issueId, part.head!.to));
    if (isDeepStrictEqual(stored, JSON.parse(JSON.stringify(mine)))) return;
  }
  throw new ConcurrentAppendError(issueId, part.head!.from + 1, { cause: error });
}
