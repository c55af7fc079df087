/**
 * How an escalation log lies in Forge KVS. Every event stays one key of its own, written once and never
 * overwritten or deleted: that key is the evidence. Beside it, once a decimal block of sequence numbers is
 * complete, a chunk key holds a verbatim copy of the block's events, so a reader needs a few calls instead of
 * one query page per 20 events (Forge's cap, storage-api-query).
 *
 * Keys, under one prefix per log (`escalation:{issueId}:event:`):
 * - `00000042`: the event with sequence number 42;
 * - `#A00001000`, `#B00001100`, `#C00001110`: chunks of thousand-, hundred- and ten-blocks (block `k` of span
 *   `s` holds the sequence numbers `k·s … k·s + s − 1`; the first block starts at 1), named by their first
 *   sequence number; a block too large for one value is stored in several pieces.
 *
 * KVS queries filter keys by `beginsWith` only (storage-api-query), so the layout makes every part a reader
 * needs a narrow prefix: all thousand-chunks; the hundred-chunks of the thousand-block after them; the
 * ten-chunks of the hundred-block after those; the single events of the ten-block after those. `#` sorts
 * before the digits, so a small log still comes back whole in its first query page.
 */

/** One value may be 240 KiB (limits-kvs-ce, "Value size"); a chunk piece stays 1 KiB below it. */
export const CHUNK_BYTES = 239 * 1024;

export interface Tier {
  readonly tag: 'A' | 'B' | 'C';
  readonly span: number;
}

/** Largest first: a reader takes the large chunks, then the smaller ones after them, then single events. */
export const TIERS: readonly Tier[] = [
  { tag: 'A', span: 1_000 },
  { tag: 'B', span: 100 },
  { tag: 'C', span: 10 },
];

/** Single events are read one ten-block (one prefix, at most 10 keys: one query page) at a time. */
export const SINGLES_SPAN = 10;

const DIGITS = 8;
const digits = (seq: number) => String(seq).padStart(DIGITS, '0');

export const logPrefix = (issueId: string) => `escalation:${issueId}:event:`;
export const eventKey = (issueId: string, seq: number) => `${logPrefix(issueId)}${digits(seq)}`;
export const chunkKey = (issueId: string, tag: Tier['tag'], from: number) => `${logPrefix(issueId)}#${tag}${digits(from)}`;

/** The digits every sequence number of `seq`'s block of `span` (a power of ten) starts with. */
export const blockDigits = (seq: number, span: number) => digits(seq).slice(0, DIGITS - Math.round(Math.log10(span)));

/** Last sequence number of the block of `span` that holds `seq`. */
export const blockEnd = (seq: number, span: number) => (Math.floor(seq / span) + 1) * span - 1;

/** The prefix of `tier`'s chunks a reader needs once the log is covered up to `covered` (the tier above's block). */
export function tierPrefix(issueId: string, tierIndex: number, covered: number): string {
  const tier = TIERS[tierIndex]!;
  const above = TIERS[tierIndex - 1];
  return `${logPrefix(issueId)}#${tier.tag}${above ? blockDigits(covered + 1, above.span) : ''}`;
}

export const singlesPrefix = (issueId: string, covered: number) => `${logPrefix(issueId)}${blockDigits(covered + 1, SINGLES_SPAN)}`;

/** What a key under {@link logPrefix} is: an event, a chunk of a tier, or neither. */
export function keyKind(
  issueId: string,
  key: string,
): { kind: 'event'; seq: number } | { kind: 'chunk'; tier: number; from: number } | undefined {
  const rest = key.slice(logPrefix(issueId).length);
  if (/^\d{8}$/.test(rest)) return { kind: 'event', seq: Number(rest) };
  const m = /^#([ABC])(\d{8})$/.exec(rest);
  if (!m) return undefined;
  return { kind: 'chunk', tier: TIERS.findIndex((t) => t.tag === m[1]), from: Number(m[2]) };
}

/** A chunk's value: the events `from … to`, each exactly as its own key holds it. */
export interface StoredChunk {
  readonly from: number;
  readonly to: number;
  readonly events: readonly unknown[];
}

/** The chunk stored under a key naming `from`, if well formed: consecutive events from `from` to `to`. */
export function parseChunk(value: unknown, from: number): StoredChunk | undefined {
  const c = value as Partial<StoredChunk> | null;
  if (!c || c.from !== from || !Array.isArray(c.events) || c.events.length === 0 || c.to !== from + c.events.length - 1) return undefined;
  const consecutive = c.events.every((e, i) => (e as { seq?: unknown } | null)?.seq === from + i);
  return consecutive ? (c as StoredChunk) : undefined;
}

/**
 * Where the log is covered, contiguously from its first event: `covered[i]` is the last sequence number the
 * chunks of tiers `0 … i` cover (0: none). Non-decreasing.
 */
export type Coverage = readonly number[];
export const NO_COVERAGE: Coverage = TIERS.map(() => 0);

export interface ChunkWrite {
  readonly key: string;
  readonly value: StoredChunk;
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** `events` (sequence numbers `from …`) as chunk pieces of at most {@link CHUNK_BYTES} each. */
function pieces(issueId: string, tag: Tier['tag'], from: number, events: readonly unknown[]): ChunkWrite[] {
  const out: ChunkWrite[] = [];
  let start = 0;
  let size = 64;
  const flush = (end: number) => {
    const value: StoredChunk = { from: from + start, to: from + end - 1, events: events.slice(start, end) };
    out.push({ key: chunkKey(issueId, tag, value.from), value });
  };
  events.forEach((event, i) => {
    const add = bytes(event) + 1;
    if (i > start && size + add > CHUNK_BYTES) {
      flush(i);
      start = i;
      size = 64;
    }
    size += add;
  });
  if (events.length > start) flush(events.length);
  return out;
}

/**
 * The chunks that seal every complete block of every tier not yet sealed, given the whole log as stored
 * (`log[i]` is sequence number `i + 1`, each value exactly as its key holds it) and its coverage. Blocks under a
 * larger chunk are not sealed again in smaller ones.
 */
export function planSeal(issueId: string, log: readonly unknown[], covered: Coverage): { chunks: ChunkWrite[]; covered: Coverage } {
  const chunks: ChunkWrite[] = [];
  const next: number[] = [];
  TIERS.forEach((tier, i) => {
    let at = Math.max(covered[i] ?? 0, next[i - 1] ?? 0);
    const end = Math.floor((log.length + 1) / tier.span) * tier.span - 1;
    while (at < end) {
      const to = Math.min(end, blockEnd(at + 1, tier.span));
      chunks.push(...pieces(issueId, tier.tag, at + 1, log.slice(at, to)));
      at = to;
    }
    next.push(at);
  });
  return { chunks, covered: next };
}
