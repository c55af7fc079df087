import { WhereConditions } from '@forge/kvs';
import { keyKind, logPrefix, parseChunk, singlesPrefix, SINGLES_SPAN, tierPrefix, TIERS, type Coverage } from './escalation-log-layout';
import { KVS_QUERY_PAGE } from './kvs-prefix-query';
import { kvs } from './rate-limited-kvs';

export class CorruptRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptRecordError';
  }
}

interface Item {
  readonly key: string;
  readonly value: unknown;
}

async function queryPage(prefix: string, cursor?: string): Promise<{ items: Item[]; cursor?: string }> {
  let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_PAGE);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany<unknown>();
  return { items: page.results.map(({ key, value }) => ({ key, value })), cursor: page.nextCursor };
}

async function queryAll(prefix: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage(prefix, cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

/**
 * The query over the whole log's prefix, continued only where a reader needs it. Keys come in order, so
 * whatever it has seen is complete below its last key; a narrower prefix it has not reached yet is queried
 * on its own instead (that skips the events chunks already hold).
 */
class LogScan {
  private items: Item[] = [];
  private cursor: string | undefined;

  constructor(private readonly prefix: string) {}

  async start(): Promise<void> {
    const page = await queryPage(this.prefix);
    this.items = page.items;
    this.cursor = page.cursor;
  }

  private get last(): string | undefined {
    return this.items.at(-1)?.key;
  }

  /** Every item whose key starts with `prefix` (a narrowing of the scan's own prefix). */
  async within(prefix: string): Promise<Item[]> {
    const seen = () => this.items.filter((i) => i.key.startsWith(prefix));
    const last = this.last;
    if (this.cursor === undefined || last === undefined || (last > prefix && !last.startsWith(prefix))) return seen();
    if (last.startsWith(prefix)) {
      while (this.cursor !== undefined && this.last!.startsWith(prefix)) {
        const page = await queryPage(this.prefix, this.cursor);
        this.items.push(...page.items);
        this.cursor = page.cursor;
      }
      return seen();
    }
    return queryAll(prefix);
  }

  /** Single events the scan has seen after `seq` (none unless the log has a gap). */
  eventsAfter(issueId: string, seq: number): string[] {
    return this.items
      .map((i) => i.key)
      .filter((key) => {
        const kind = keyKind(issueId, key);
        return kind?.kind === 'event' && kind.seq > seq;
      });
  }

  get complete(): boolean {
    return this.cursor === undefined;
  }
}

/**
 * Reads a log: the chunks tier by tier, each from where the larger ones end, then the single events after
 * the last chunk, ten-block by ten-block. A chunk that is not well formed is passed over (its events are read
 * from smaller chunks or their own keys, which always stay).
 * @returns every stored value in sequence order (`log[i]` is sequence number `i + 1`), exactly as stored, and
 * how far chunks cover it.
 */
export async function readLog(issueId: string): Promise<{ log: unknown[]; covered: Coverage }> {
  const scan = new LogScan(logPrefix(issueId));
  await scan.start();
  const log: unknown[] = [];
  const covered: number[] = [];
  for (let t = 0; t < TIERS.length; t++) {
    for (const item of await scan.within(tierPrefix(issueId, t, log.length))) {
      const kind = keyKind(issueId, item.key);
      if (kind?.kind !== 'chunk' || kind.tier !== t || kind.from !== log.length + 1) continue;
      const chunk = parseChunk(item.value, kind.from);
      if (chunk) log.push(...chunk.events);
    }
    covered.push(log.length);
  }
  for (;;) {
    const before = log.length;
    for (const item of await scan.within(singlesPrefix(issueId, log.length))) {
      const kind = keyKind(issueId, item.key);
      if (kind?.kind === 'event' && kind.seq === log.length + 1) log.push(item.value);
    }
    if (log.length === before || log.length % SINGLES_SPAN !== SINGLES_SPAN - 1) break;
  }
  const beyond = scan.complete ? scan.eventsAfter(issueId, log.length) : [];
  if (beyond.length > 0) throw new CorruptRecordError(`Log ${issueId} has a gap after event ${log.length}: ${beyond[0]} is stored`);
  return { log, covered };
}
