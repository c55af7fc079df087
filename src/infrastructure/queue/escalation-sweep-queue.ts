import { Queue, RateLimitError } from '@forge/events';
import { z } from 'zod';
import type { SweepIssue, SweepQueue } from '../../usecases/escalation-sweep-deps';

/**
 * What every consumer would otherwise read from Jira once per invocation: the level field's id and the site's
 * address and default language. The pushing invocation has read them already and hands them on in its events.
 */
export const siteFactsSchema = z.object({
  levelFieldId: z.string().regex(/^customfield_\d{1,12}$/),
  baseUrl: z.string().url().max(500),
  defaultLocale: z.string().max(40).optional(),
});
export type SiteFacts = z.infer<typeof siteFactsSchema>;

/** The queue key the manifest's consumer listens to. */
export const ESCALATION_SWEEP_QUEUE = 'escalation-sweep';

/**
 * Forge takes at most 50 events and 200 KB per push, measured in UTF-8 bytes of the JSON array
 * (`@forge/events` checks `Buffer.byteLength(JSON.stringify(events)) / 1024 <= 200`). A margin is kept.
 */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_BYTES_PER_PUSH = 180 * 1024;
/**
 * limits-async-events: "Payload size for long running functions 100 KB: Maximum size of an individual event"
 * (the consumer's function declares `timeoutSeconds` above 55). A margin is kept.
 */
export const MAX_BYTES_PER_EVENT = 90 * 1024;

/**
 * How many of the sweep's events Forge runs at once (`concurrency` of @forge/events: events with the same key
 * run at most `limit` at a time; without it Forge starts every event at once). Chosen so that the consumers
 * together stay within the installation's storage quota (4,000 writes a minute) and Jira's hourly points while
 * 10,000 due escalations drain within 15 minutes; see the README, "How the benchmarks bound the work".
 */
export const SWEEP_CONCURRENCY = { key: 'escalation-sweep', limit: 20 } as const;

/** limits-async-events: "Event per minute 500"; @forge/events: "RateLimitError … retry adding events after a minute". */
const RATE_LIMIT_WAIT_MS = 60_000;

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
  site?: SiteFacts;
}

/** A batch as events of at most {@link MAX_BYTES_PER_EVENT} each (halved until they fit). */
export function eventsFor(
  batch: readonly SweepIssue[],
  delaySeconds?: number,
  site?: SiteFacts,
): { body: SweepBatchBody; concurrency: typeof SWEEP_CONCURRENCY; delayInSeconds?: number }[] {
  const event = {
    body: { issues: [...batch], ...(site ? { site } : {}) },
    concurrency: SWEEP_CONCURRENCY,
    ...(delaySeconds ? { delayInSeconds: delaySeconds } : {}),
  };
  if (batch.length <= 1 || Buffer.byteLength(JSON.stringify(event), 'utf8') <= MAX_BYTES_PER_EVENT) return [event];
  const half = Math.ceil(batch.length / 2);
  return [...eventsFor(batch.slice(0, half), delaySeconds, site), ...eventsFor(batch.slice(half), delaySeconds, site)];
}

/**
 * The sweep's queue on Forge; each event carries the pushing invocation's {@link SiteFacts} when it has them
 * (they only spare reads: a push never fails for want of them).
 */
export function forgeSweepQueue(siteFacts: () => Promise<SiteFacts | undefined> = () => Promise.resolve(undefined)): SweepQueue {
  return {
    async push(batches, options) {
      const site = await siteFacts().catch(() => undefined);
      await pushEvents(batches.flatMap((batch) => eventsFor(batch, options?.delaySeconds, site)));
    },
  };
}

async function pushEvents(events: ReturnType<typeof eventsFor>): Promise<void> {
  const queue = new Queue({ key: ESCALATION_SWEEP_QUEUE });
  for (const chunk of chunkForPush(events)) {
    try {
      await queue.push(chunk);
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      // Once more after a minute; if refused again the issues stay due and the next sweep pushes them.
      await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_WAIT_MS));
      await queue.push(chunk);
    }
  }
}
