import { Queue } from '@forge/events';
import type { SweepIssue, SweepQueue } from '../../usecases/escalation-sweep-deps';

/** The queue key the manifest's consumer listens to. */
export const ESCALATION_SWEEP_QUEUE = 'escalation-sweep';

/**
 * Forge takes at most 50 events and 200 KB per push, measured in UTF-8 bytes of the JSON array
 * (`@forge/events` checks `Buffer.byteLength(JSON.stringify(events)) / 1024 <= 200`). A margin is kept.
 */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_BYTES_PER_PUSH = 180 * 1024;

/**
 * Splits events into pushes Forge accepts: at most 50 each and at most {@link MAX_BYTES_PER_PUSH} UTF-8
 * bytes of the JSON array (multi-byte text such as umlauts or CJK counts two to four bytes a character).
 */
export function chunkForPush<T>(events: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let chunk: T[] = [];
  let bytes = 2; // the array's brackets
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event), 'utf8') + 1; // and its comma
    if (size + 2 > MAX_BYTES_PER_PUSH) throw new RangeError(`A queue event of ${size} bytes exceeds the push limit`);
    if (chunk.length > 0 && (chunk.length >= MAX_EVENTS_PER_PUSH || bytes + size > MAX_BYTES_PER_PUSH)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 2;
    }
    chunk.push(event);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export interface SweepBatchBody extends Record<string, unknown> {
  issues: SweepIssue[];
}

export const forgeSweepQueue: SweepQueue = {
  async push(batches) {
    const queue = new Queue({ key: ESCALATION_SWEEP_QUEUE });
    for (const chunk of chunkForPush(batches.map((batch) => ({ body: { issues: [...batch] } })))) await queue.push(chunk);
  },
};
