import type { Db } from '../db/open-database';
import type { AppManifest } from '../manifest/app-manifest';
import { json, noContent } from '../http/responses';
import type { ProductResponse } from '../sandbox-api';
import { groupHolds, type Clause, type ConditionGroup } from './kvs-conditions';
import { EntityStore, KvsFailure } from './kvs-entities';

const MAX_KEY = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_TX_OPS = 25;
/** "A single kvs.batchSet operation can be a payload of 4MB, similar to transactions" (storage-reference/batchops). */
const MAX_TX_BYTES = 4 * 1024 * 1024;
/**
 * "Each batch operation can contain a maximum of 25 keys"; it "will return an error and fail entirely" without
 * keys or with the same key (or key plus entity) twice (storage-reference/entities-batch). The 45 batch
 * operations a minute are the realistic mode's (platform-meter), counted on the simulated clock.
 */
const MAX_BATCH_KEYS = 25;
/** The storage reference: query results "up to a maximum of 20" per page. */
const MAX_QUERY_LIMIT = 20;
const MAX_DEPTH = 32;
const DEFAULT_QUERY_LIMIT = 10;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

interface Row {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
  expire_at: number | null;
}

type Body = Record<string, unknown>;

const TTL_MS: Record<string, number> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

/**
 * Forge KVS on SQLite, answering the JSON API that `@forge/kvs` POSTs to (`/api/v1/get`, `/set`, `/delete`,
 * `/query`, `/batch/*`, `/transaction`, `/secret/*`, `/entity/*`). Errors use the Forge body `{code, message}`.
 */
export class KvsStore {
  private readonly entities: EntityStore;
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly db: Db,
    manifest: AppManifest,
    private readonly now: () => number,
  ) {
    this.entities = new EntityStore(db, manifest, now);
  }

  /** Requests answered per path since the last {@link resetCounts} (benchmarks count storage reads). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.counters);
  }

  resetCounts(): void {
    this.counters.clear();
  }

  handle(path: string, body: Body): ProductResponse {
    this.counters.set(path, (this.counters.get(path) ?? 0) + 1);
    try {
      return this.dispatch(path, body);
    } catch (e) {
      if (e instanceof KvsFailure)
        return e.code
          ? json(e.status, { code: e.code, message: e.message })
          : { status: e.status, headers: { 'content-type': 'text/plain' }, body: e.message };
      throw e;
    }
  }

  private dispatch(path: string, b: Body): ProductResponse {
    switch (path) {
      case '/api/v1/get':
        return this.get('kvs', String(b.key));
      case '/api/v1/set':
        return this.set('kvs', String(b.key), b.value, b.options as Body | undefined);
      case '/api/v1/delete':
        return this.remove('kvs', String(b.key));
      case '/api/v1/secret/get':
        return this.get('kvs_secret', String(b.key));
      case '/api/v1/secret/set':
        return this.set('kvs_secret', String(b.key), b.value, b.options as Body | undefined);
      case '/api/v1/secret/delete':
        return this.remove('kvs_secret', String(b.key));
      case '/api/v1/query':
        return this.query(b);
      case '/api/v1/batch/set':
        return this.batchSet(checkBatch(b) as { key: string; value: unknown; entityName?: string }[]);
      case '/api/v1/batch/get':
        return this.batchGet(checkBatch(b));
      case '/api/v1/batch/delete':
        return this.batchDelete(checkBatch(b));
      case '/api/v1/transaction':
        return this.transact(b);
      case '/api/v1/entity/get':
        return json(200, toResult({ ...this.entities.get(b.entityName, b.key), expire_at: null }));
      case '/api/v1/entity/set':
        this.entities.set(b.entityName, b.key, b.value);
        return noContent();
      case '/api/v1/entity/delete':
        this.entities.delete(b.entityName, b.key);
        return noContent();
      case '/api/v1/entity/query': {
        const page = this.entities.query(b);
        return json(200, {
          data: page.data.map((row) => toResult({ ...row, expire_at: null })),
          ...(page.cursor ? { cursor: page.cursor } : {}),
        });
      }
      default:
        return json(501, { code: 'NOT_IMPLEMENTED', message: `The sandbox KVS does not implement POST ${path}` });
    }
  }

  private checkKey(key: string): void {
    if (!key) throw new KvsFailure(400, 'KEY_TOO_SHORT', 'The provided key needs to be more than one character.');
    if (key.length > MAX_KEY) throw new KvsFailure(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY} characters.`);
    if (!KEY_PATTERN.test(key)) throw new KvsFailure(400, 'INVALID_KEY', `The provided key does not match the regex: ${KEY_PATTERN}`);
  }

  private checkValue(value: unknown): string {
    if (value === undefined) throw new KvsFailure(400, undefined, 'A value is required');
    if (depthOf(value) > MAX_DEPTH)
      throw new KvsFailure(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`);
    const text = JSON.stringify(value);
    if (Buffer.byteLength(text) > MAX_VALUE_BYTES) {
      throw new KvsFailure(400, 'MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
    }
    return text;
  }

  private live(table: string, key: string): Row | undefined {
    const row = this.db.prepare(`SELECT * FROM ${table} WHERE key = ?`).get(key) as Row | undefined;
    if (row && row.expire_at !== null && row.expire_at !== undefined && row.expire_at <= this.now()) return undefined;
    return row;
  }

  private get(table: string, key: string): ProductResponse {
    this.checkKey(key);
    const row = this.live(table, key);
    if (!row) throw new KvsFailure(404, 'KEY_NOT_FOUND', `Key ${key} not found`);
    return json(200, toResult(row));
  }

  private set(table: string, key: string, value: unknown, options: Body | undefined): ProductResponse {
    this.checkKey(key);
    const text = this.checkValue(value);
    const existing = this.live(table, key);
    if (options?.keyPolicy === 'FAIL_IF_EXISTS' && existing) {
      throw new KvsFailure(409, undefined, `Key ${key} already exists`);
    }
    const now = this.now();
    const ttl = options?.ttl as { value: number; unit: string } | undefined;
    const expireAt = ttl ? now + ttl.value * (TTL_MS[ttl.unit] ?? 1000) : null;
    const created = existing?.created_at ?? now;
    if (table === 'kvs') {
      this.db
        .prepare('INSERT OR REPLACE INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, ?)')
        .run(key, text, created, now, expireAt);
    } else {
      this.db
        .prepare(`INSERT OR REPLACE INTO ${table} (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)`)
        .run(key, text, created, now);
    }
    if (options?.returnValue === 'PREVIOUS') return existing ? json(200, toResult(existing)) : noContent();
    if (options?.returnValue === 'LATEST') {
      return json(200, toResult({ key, value: text, created_at: created, updated_at: now, expire_at: expireAt }));
    }
    return noContent();
  }

  private remove(table: string, key: string): ProductResponse {
    this.checkKey(key);
    this.db.prepare(`DELETE FROM ${table} WHERE key = ?`).run(key);
    return noContent();
  }

  private query(b: Body): ProductResponse {
    const limit = (b.limit as number | undefined) ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw new KvsFailure(400, undefined, `limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    }
    const where = (b.where as Clause[] | undefined) ?? [];
    const sql: string[] = ['(expire_at IS NULL OR expire_at > ?)'];
    const args: unknown[] = [this.now()];
    // storage-api-query: "There may only be a single where condition for a query" and "The only condition
    // supported by the Key-value store is beginsWith" (range conditions belong to custom entity indexes).
    if (where.length > 1) throw new KvsFailure(400, undefined, 'A query takes a single where condition');
    for (const clause of where) {
      if (clause.property !== 'key') throw new KvsFailure(400, undefined, `Queries filter on "key" only, not ${clause.property}`);
      if (clause.condition !== 'BEGINS_WITH')
        throw new KvsFailure(400, undefined, `Key-value store queries support beginsWith only, not ${clause.condition}`);
      const [v0] = clause.values as string[];
      sql.push('key >= ? AND key < ?');
      args.push(String(v0), String(v0) + '\uffff');
    }
    if (b.after) {
      sql.push('key > ?');
      args.push(decodeCursor(typeof b.after === 'string' ? b.after : ''));
    }
    const rows = this.db.prepare(`SELECT * FROM kvs WHERE ${sql.join(' AND ')} ORDER BY key LIMIT ?`).all(...args, limit + 1) as Row[];
    const page = rows.slice(0, limit);
    const more = rows.length > limit;
    return json(200, {
      data: page.map(toResult),
      ...(more ? { cursor: encodeCursor(page[page.length - 1]!.key) } : {}),
    });
  }

  private batchSet(items: { key: string; value: unknown; entityName?: string }[]): ProductResponse {
    const ok: unknown[] = [];
    const failed: unknown[] = [];
    for (const item of items) {
      try {
        if (item.entityName) this.entities.set(item.entityName, item.key, item.value);
        else this.set('kvs', item.key, item.value, undefined);
        ok.push({ key: item.key, ...(item.entityName ? { entityName: item.entityName } : {}) });
      } catch (e) {
        if (!(e instanceof KvsFailure)) throw e;
        failed.push({ key: item.key, error: { code: e.code ?? 'UNKNOWN_ERROR', message: e.message } });
      }
    }
    return json(200, { successfulKeys: ok, failedKeys: failed });
  }

  private batchGet(items: { key: string; entityName?: string }[]): ProductResponse {
    const ok: unknown[] = [];
    const failed: unknown[] = [];
    for (const item of items) {
      const row = item.entityName ? this.entityRow(item.entityName, item.key) : this.live('kvs', item.key);
      if (row) ok.push({ ...toResult(row), ...(item.entityName ? { entityName: item.entityName } : {}) });
      else failed.push({ key: item.key, error: { code: 'KEY_NOT_FOUND', message: `Key ${item.key} not found` } });
    }
    return json(200, { successfulKeys: ok, failedKeys: failed });
  }

  private batchDelete(items: { key: string; entityName?: string }[]): ProductResponse {
    for (const item of items) {
      if (item.entityName) this.entities.delete(item.entityName, item.key);
      else this.db.prepare('DELETE FROM kvs WHERE key = ?').run(item.key);
    }
    return json(200, { successfulKeys: items.map((i) => ({ key: i.key })), failedKeys: [] });
  }

  /** All-or-nothing: conditions are checked first, then every write happens in one SQLite transaction. */
  private transact(b: Body): ProductResponse {
    type Op = { key: string; value?: unknown; entityName?: string; conditions?: ConditionGroup; options?: Body };
    const sets = (b.set as Op[] | undefined) ?? [];
    const deletes = (b.delete as Op[] | undefined) ?? [];
    const checks = (b.check as Op[] | undefined) ?? [];
    const total = sets.length + deletes.length + checks.length;
    if (total === 0) throw new KvsFailure(400, undefined, 'A transaction needs at least one operation');
    if (total > MAX_TX_OPS) throw new KvsFailure(400, undefined, `A transaction allows at most ${MAX_TX_OPS} operations, got ${total}`);
    if (Buffer.byteLength(JSON.stringify(b)) > MAX_TX_BYTES)
      throw new KvsFailure(400, undefined, `A transaction's payload may be at most ${MAX_TX_BYTES} bytes`);
    const seen = new Set<string>();
    for (const op of [...sets, ...deletes, ...checks]) {
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id)) throw new KvsFailure(400, undefined, `Key ${op.key} appears twice in one transaction`);
      seen.add(id);
      this.checkKey(op.key);
      // `@forge/kvs` sends conditions only with an entity (KVS transactions have none), and a set's options are a TTL only.
      if (op.conditions && !op.entityName)
        throw new KvsFailure(400, undefined, `Conditions apply to custom entities only, not to key ${op.key}`);
      if (op.options && Object.keys(op.options).some((k) => k !== 'ttl'))
        throw new KvsFailure(400, undefined, `A transaction's set takes a TTL only (no key policy), key ${op.key}`);
    }
    if (checks.some((op) => !op.entityName || !op.conditions))
      throw new KvsFailure(400, undefined, 'A check needs a custom entity and conditions');
    const run = this.db.transaction(() => {
      for (const op of [...sets, ...deletes, ...checks]) {
        if (!op.conditions) continue;
        const row = op.entityName ? this.entityRow(op.entityName, op.key) : this.live('kvs', op.key);
        const current: unknown = row ? JSON.parse(row.value) : undefined;
        if (!groupHolds(current, op.conditions)) {
          throw new KvsFailure(409, undefined, `Transaction cancelled: the condition on ${op.key} does not hold`);
        }
      }
      for (const op of sets) {
        if (op.entityName) this.entities.set(op.entityName, op.key, op.value);
        else this.set('kvs', op.key, op.value, op.options);
      }
      for (const op of deletes) {
        if (op.entityName) this.entities.delete(op.entityName, op.key);
        else this.db.prepare('DELETE FROM kvs WHERE key = ?').run(op.key);
      }
    });
    run();
    return noContent();
  }

  private entityRow(entity: string, key: string): Row | undefined {
    const row = this.entities.row(entity, key);
    return row ? { ...row, expire_at: null } : undefined;
  }
}

/** A batch's items, or the error Forge gives the whole batch (no error code is documented for these). */
function checkBatch(body: unknown): { key: string; entityName?: string }[] {
  const items = Array.isArray(body) ? (body as { key: string; entityName?: string }[]) : [];
  if (items.length === 0) throw new KvsFailure(400, undefined, 'A batch operation needs at least one key');
  if (items.length > MAX_BATCH_KEYS)
    throw new KvsFailure(400, undefined, `A batch operation may contain at most ${MAX_BATCH_KEYS} keys, got ${items.length}`);
  const seen = new Set<string>();
  for (const item of items) {
    const id = `${item.entityName ?? ''}\u0000${item.key}`;
    if (seen.has(id)) throw new KvsFailure(400, undefined, `Key ${item.key} appears twice in one batch operation`);
    seen.add(id);
  }
  return items;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(value as Record<string, unknown>)) deepest = Math.max(deepest, depthOf(child));
  return 1 + deepest;
}

function toResult(row: Row): Record<string, unknown> {
  return {
    key: row.key,
    value: JSON.parse(row.value),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.expire_at ? { expireTime: new Date(row.expire_at).toISOString() } : {}),
  };
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown): string {
  if (typeof cursor !== 'string') throw new KvsFailure(400, 'VALIDATION_ERROR', 'cursor must be a string');
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
