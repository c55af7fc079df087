import { getAppContext } from '@forge/api';
import { isDeepStrictEqual } from 'node:util';
import { Filter, FilterConditions, WhereConditions } from '@forge/kvs';
import { escalationEventSchema, type EscalationEvent } from '../../domain/escalation/escalation-event';
import type { AppendedAlongside, EscalationEventStore } from '../../usecases/ports/escalation-event-store';
import { ConcurrentAppendError } from '../../usecases/ports/port-errors';
import { DUE_ENTITY, storedDueEntry } from './escalation-due-index-store';
import { eventKey, logPrefix, planSeal, type ChunkWrite, type Coverage } from './escalation-log-layout';
import { CorruptRecordError, readLog } from './escalation-log-reader';
import { claimKey } from './notification-claim-store';
import { isStorageRateLimited, kvs } from './rate-limited-kvs';

export { CorruptRecordError };

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

type Op = {
  readonly key: string;
  readonly value?: unknown;
  readonly entityName?: string;
  readonly remove?: true;
  /** A chunk: a copy of events, which the part may leave out when it is refused. */
  readonly chunk?: true;
};
interface Part {
  readonly ops: Op[];
  /** The head this part moves to (parts that carry events), and the head it expects to find. */
  head?: { readonly from: number; to: number };
  bytes: number;
  /** Holds only chunks (copies of events already written): its failure loses nothing and is not reported. */
  sealOnly?: true;
}

const sizeOf = (op: Op) => Buffer.byteLength(op.key) + (op.value === undefined ? 0 : Buffer.byteLength(JSON.stringify(op.value))) + 64;

function alongsideOps(issueId: string, alongside: AppendedAlongside): Op[] {
  const ops: Op[] = [];
  for (const { ref, claim } of alongside.claims ?? []) ops.push({ key: claimKey(issueId, ref, claim.attempt), value: claim });
  if (alongside.dueIndex) {
    const { issueId: id, entry } = alongside.dueIndex;
    ops.push(entry ? { key: id, value: storedDueEntry(entry), entityName: DUE_ENTITY } : { key: id, entityName: DUE_ENTITY, remove: true });
  }
  return ops;
}

const fits = (part: Part, op: Op) => part.ops.length + (part.head ? 1 : 0) + 1 <= TRANSACT_OPS && part.bytes + sizeOf(op) <= TRANSACT_BYTES;

/**
 * Splits an append into transactions of at most {@link TRANSACT_OPS} operations and {@link TRANSACT_BYTES}:
 * events in order, each part with the head move that guards it, the records alongside with the last part
 * where they fit (else in parts of their own after it). An event is one key, so no event is ever split.
 * Chunks (`seal`, copies of events up to the last one appended) go with the last part that carries events
 * where they fit, under its head condition, else in parts of their own at the very end, each guarded by the
 * head as the append left it: a chunk is never written before every event it copies is.
 */
export function planAppend(
  issueId: string,
  events: readonly EscalationEvent[],
  alongside: AppendedAlongside = {},
  seal: readonly ChunkWrite[] = [],
): Part[] {
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
  const lastWithEvents = current;
  let last = parts.at(-1);
  for (const op of alongsideOps(issueId, alongside)) {
    if (!last || !fits(last, op)) {
      last = { ops: [], bytes: 128 };
      parts.push(last);
    }
    last.ops.push(op);
    last.bytes += sizeOf(op);
  }
  let sealing: Part | undefined = lastWithEvents;
  for (const chunk of seal) {
    const op: Op = { key: chunk.key, value: chunk.value, chunk: true };
    if (!sealing || !fits(sealing, op)) {
      sealing = { ops: [], head: { from, to: from }, bytes: 128, sealOnly: true };
      parts.push(sealing);
    }
    sealing.ops.push(op);
    sealing.bytes += sizeOf(op);
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
 * What this invocation last read or wrote of a log: every stored value in order and how far chunks cover it.
 * An append that continues exactly that log seals its complete blocks without reading anything. Kept per
 * installation and invocation only (a warm process may serve another site next), and a few logs at most.
 */
interface KnownLog {
  readonly log: readonly unknown[];
  readonly covered: Coverage;
}
const known = new Map<string, KnownLog>();
const KNOWN_LOGS = 200;

function knownKey(issueId: string): string | undefined {
  try {
    const { installationAri, invocationId } = getAppContext();
    return invocationId ? `${installationAri.toString()} ${invocationId} ${issueId}` : undefined;
  } catch {
    return undefined;
  }
}

function remember(issueId: string, log: KnownLog): void {
  const key = knownKey(issueId);
  if (!key) return;
  known.delete(key);
  known.set(key, log);
  if (known.size > KNOWN_LOGS) known.delete(known.keys().next().value!);
}

function recall(issueId: string): KnownLog | undefined {
  const key = knownKey(issueId);
  const log = key ? known.get(key) : undefined;
  if (key) known.delete(key);
  return log;
}

const parseEvent = (value: unknown, seq: number): EscalationEvent => {
  const parsed = escalationEventSchema.safeParse(value);
  if (!parsed.success) throw new CorruptRecordError(`Stored event ${seq} is not valid: ${parsed.error.message}`);
  return parsed.data;
};

/**
 * The escalation record lives in Forge storage, one key per event (layout: escalation-log-layout.ts). A
 * transaction cannot make a plain key create-only, so every append moves the log's head (a custom entity,
 * `escalation-log-head`) in the same transaction, on the condition that it is not past the log the writer
 * read. Of two writers that read the same log, one wins; the other gets {@link ConcurrentAppendError} and
 * retries on the new log, so no event is ever overwritten. A log stored before heads existed has none: its
 * first append creates it. An append that continues the log this invocation loaded also writes chunks of
 * the blocks it completes (a log stored before chunks existed gets all of its own on that append), so loading
 * a long log takes a few queries. Storage is the app's alone: unlike an issue property, no user can edit it
 * through the REST API.
 */
export const kvsEscalationEventStore: EscalationEventStore = {
  async load(issueId) {
    const { log, covered } = await readLog(issueId);
    const events = log.map((value, i) => parseEvent(value, i + 1));
    remember(issueId, { log, covered });
    return events;
  },

  async head(issueId) {
    const head = await kvs.entity<LogHead>(LOG_HEAD_ENTITY).get(issueId);
    if (head) return head.seq;
    // No head: no log, or one stored before heads existed (its first key tells).
    const first = await kvs
      .query()
      .where('key', WhereConditions.beginsWith(logPrefix(issueId)))
      .limit(1)
      .getMany();
    return first.results.length === 0 ? 0 : undefined;
  },

  async append(issueId, events, alongside = {}) {
    events.forEach((event, i) => {
      escalationEventSchema.parse(event);
      if (i > 0 && event.seq !== events[i - 1]!.seq + 1) throw new Error(`Events to append must be consecutive, got ${event.seq}`);
    });
    const before = events.length > 0 ? recall(issueId) : undefined;
    const continues = before !== undefined && before.log.length === events[0]!.seq - 1;
    const after = continues ? [...before.log, ...(JSON.parse(JSON.stringify(events)) as unknown[])] : undefined;
    const seal = after ? planSeal(issueId, after, before!.covered) : undefined;
    let sealed = true;
    // The append's notification claims: how a lost answer is told from another writer's identical events.
    const claims = alongsideOps(issueId, { claims: alongside.claims ?? [] });
    for (const part of planAppend(issueId, events, alongside, seal?.chunks)) {
      if (part.sealOnly) {
        // Last, after every event and record alongside: a failure here loses nothing.
        if (sealed)
          sealed = await execute(issueId, part).then(
            () => true,
            () => false,
          );
        if (!sealed) break;
      } else if (!(await write(issueId, part, events, claims))) sealed = false;
    }
    if (after && seal && sealed) remember(issueId, { log: after, covered: seal.covered });
  },
};

/**
 * Writes a part that carries events. Should it fail other than by a conflict or the storage quota while it
 * carries chunks, it is written once more without them: a copy never holds up the evidence.
 * @returns whether its chunks (if any) were written.
 */
async function write(issueId: string, part: Part, events: readonly EscalationEvent[], claims: readonly Op[]): Promise<boolean> {
  try {
    await execute(issueId, part);
    return true;
  } catch (error) {
    if (!part.head || isStorageRateLimited(error)) throw error;
    try {
      await classifyFailure(issueId, part, events, claims, error);
      return true;
    } catch (failure) {
      const plain = part.ops.filter((op) => !op.chunk);
      if (failure instanceof ConcurrentAppendError || plain.length === part.ops.length) throw failure;
      await write(issueId, { ...part, ops: plain }, events, claims);
      return false;
    }
  }
}

/** Whether every one of these plain keys holds exactly the value given (claims of a later part are not written yet: no). */
async function allStoredAsWritten(ops: readonly Op[]): Promise<boolean> {
  for (const op of ops) {
    const stored = await kvs.get<unknown>(op.key);
    if (!isDeepStrictEqual(stored, JSON.parse(JSON.stringify(op.value)))) return false;
  }
  return true;
}

/**
 * Forge documents no error code for a transaction whose condition failed, so a failure is never classified by
 * its code: the head is read instead. Moved past what this writer read: someone else appended first → conflict.
 * At this part's end with exactly its last event, and with every notification claim the append carries stored
 * as this writer wrote it: the transaction landed and only its answer was lost. The claims decide because two
 * runs that read the same log derive identical events (an effect's time is its deadline's, not the run's), but
 * each takes the claims in its own name: without them the loser would count as the winner, hold a claim it
 * never got and send the notification a second time. Otherwise the write really failed (outage) and the
 * original error goes on.
 */
async function classifyFailure(
  issueId: string,
  part: Part,
  events: readonly EscalationEvent[],
  claims: readonly Op[],
  error: unknown,
): Promise<void> {
  const head = await kvs.entity<LogHead>(LOG_HEAD_ENTITY).get(issueId);
  if (head === undefined || head.seq <= part.head!.from) throw error;
  if (head.seq === part.head!.to) {
    const mine = events.find((e) => e.seq === part.head!.to);
    const stored = await kvs.get<unknown>(eventKey(issueId, part.head!.to));
    if (isDeepStrictEqual(stored, JSON.parse(JSON.stringify(mine))) && (await allStoredAsWritten(claims))) return;
  }
  throw new ConcurrentAppendError(issueId, part.head!.from + 1, { cause: error });
}
