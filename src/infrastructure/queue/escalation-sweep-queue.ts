import { Queue } from '@forge/events';
import type { SweepIssue, SweepQueue } from '../../usecases/escalation-sweep-deps';

/** The queue key the manifest's consumer listens to. */
export const ESCALATION_SWEEP_QUEUE = 'escalation-sweep';

/** Forge takes at most 50 events and 200 KB per push. */
const MAX_EVENTS_PER_PUSH = 50;
const MAX_BYTES_PER_PUSH = 180_000;

export interface SweepBatchBody extends Record<string, unknown> {
  issues: SweepIssue[];
}

export const forgeSweepQueue: SweepQueue = {
  async push(batches) {
    const queue = new Queue({ key: ESCALATION_SWEEP_QUEUE });
    let chunk: { body: SweepBatchBody }[] = [];
    let bytes = 0;
    for (const batch of batches) {
      const event = { body: { issues: [...batch] } };
      const size = JSON.stringify(event).length;
      if (chunk.length > 0 && (chunk.length >= MAX_EVENTS_PER_PUSH || bytes + size > MAX_BYTES_PER_PUSH)) {
        await queue.push(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(event);
      bytes += size;
    }
    if (chunk.length > 0) await queue.push(chunk);
  },
};
