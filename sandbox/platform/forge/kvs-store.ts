import type { Db } from '../db/open-database';
import type { AppManifest } from '../manifest/app-manifest';
import { json, noContent } from '../http/responses';
import type { ProductResponse } from '../sandbox-api';
import { compareValues, groupHolds, readProperty, clauseHolds, type Clause, type ConditionGroup } from './kvs-conditions';

const MAX_KEY = 500;
const MAX_VALUE_BYTES = 240 * 1024;
const MAX_TX_OPS = 25;
/** The storage reference: query results "up to a maximum of 20" per page. */
const MAX_QUERY_LIMIT = 20;
const MAX_DEPTH = 32;
const DEFAULT_QUERY_LIMIT = 10;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

/**
 * A refused request. `code` is set only where Forge documents one ("Error handling for the Key-Value
 * Store": KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, MAX_SIZE, MAX_DEPTH, RATE_LIMIT_EXCEEDED; and the
 * KEY_NOT_FOUND that `@forge/kvs` itself turns into `undefined`). Where Forge documents no code — a refused
 * `FAIL_IF_EXISTS` write, a failed transaction condition, the sandbox's own checks — the answer is plain
 * text, which `@forge/kvs` reports as `UNKNOWN_ERROR`: app code cannot come to rely on an invented code.
 */
class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

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
  constructor(
    private readonly db: Db,
    private readonly manifest: AppManifest,
    private readonly now: () => number,
  ) {}

  handle(path: string, body: Body): ProductResponse {
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
        return this.batchSet(b as unknown as { key: string; value: unknown; entityName?: string }[]);
      case '/api/v1/batch/get':
        return this.batchGet(b as unknown as { key: string; entityName?: string }[]);
      case '/api/v1/batch/delete':
        return this.batchDelete(b as unknown as { key: string; entityName?: string }[]);
      case '/api/v1/transaction':
        return this.transact(b);
      case '/api/v1/entity/get':
        return this.entityGet(String(b.entityName), String(b.key));
      case '/api/v1/entity/set':
        return this.entitySet(String(b.entityName), String(b.key), b.value);
      case '/api/v1/entity/delete':
        this.db.prepare('DELETE FROM kvs_entity WHERE entity = ? AND key = ?').run(String(b.entityName), String(b.key));
        return noContent();
      case '/api/v1/entity/query':
        return this.entityQuery(b);
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
    for (const clause of where) {
      if (clause.property !== 'key') throw new KvsFailure(400, undefined, `Queries filter on "key" only, not ${clause.property}`);
      const [v0, v1] = clause.values as string[];
      switch (clause.condition) {
        case 'BEGINS_WITH':
          sql.push('key >= ? AND key < ?');
          args.push(String(v0), String(v0) + '\uffff');
          break;
        case 'BETWEEN':
          sql.push('key >= ? AND key <= ?');
          args.push(v0, v1);
          break;
        case 'EQUAL_TO':
          sql.push('key = ?');
          args.push(v0);
          break;
        case 'GREATER_THAN':
          sql.push('key > ?');
          args.push(v0);
          break;
        case 'GREATER_THAN_EQUAL_TO':
          sql.push('key >= ?');
          args.push(v0);
          break;
        case 'LESS_THAN':
          sql.push('key < ?');
          args.push(v0);
          break;
        case 'LESS_THAN_EQUAL_TO':
          sql.push('key <= ?');
          args.push(v0);
          break;
        default:
          throw new KvsFailure(400, undefined, `Unsupported query condition ${clause.condition}`);
      }
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
        if (item.entityName) this.entitySet(item.entityName, item.key, item.value);
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
      if (item.entityName) this.db.prepare('DELETE FROM kvs_entity WHERE entity = ? AND key = ?').run(item.entityName, item.key);
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
    const seen = new Set<string>();
    for (const op of [...sets, ...deletes, ...checks]) {
      const id = `${op.entityName ?? ''}\u0000${op.key}`;
      if (seen.has(id)) throw new KvsFailure(400, undefined, `Key ${op.key} appears twice in one transaction`);
      seen.add(id);
      this.checkKey(op.key);
    }
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
        if (op.entityName) this.entitySet(op.entityName, op.key, op.value);
        else this.set('kvs', op.key, op.value, op.options);
      }
      for (const op of deletes) {
        if (op.entityName) this.db.prepare('DELETE FROM kvs_entity WHERE entity = ? AND key = ?').run(op.entityName, op.key);
        else this.db.prepare('DELETE FROM kvs WHERE key = ?').run(op.key);
      }
    });
    run();
    return noContent();
  }

  private entityRow(entity: string, key: string): Row | undefined {
    const row = this.db
      .prepare('SELECT key, value, created_at, updated_at FROM kvs_entity WHERE entity = ? AND key = ?')
      .get(entity, key) as Row | undefined;
    return row ? { ...row, expire_at: null } : undefined;
  }

  private entityGet(entity: string, key: string): ProductResponse {
    this.requireEntity(entity);
    const row = this.entityRow(entity, key);
    if (!row) throw new KvsFailure(404, 'KEY_NOT_FOUND', `Key ${key} not found in entity ${entity}`);
    return json(200, toResult(row));
  }

  private entitySet(entity: string, key: string, value: unknown): ProductResponse {
    this.requireEntity(entity);
    this.checkKey(key);
    const text = this.checkValue(value);
    const now = this.now();
    const existing = this.entityRow(entity, key);
    this.db
      .prepare('INSERT OR REPLACE INTO kvs_entity (entity, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(entity, key, text, existing?.created_at ?? now, now);
    return noContent();
  }

  private entityDefinition(
    entity: string,
  ): { name: string; indexes?: (string | { name: string; range?: string[]; partition?: string[] })[] } | undefined {
    const app = (this.manifest.raw.app ?? {}) as { storage?: { entities?: { name: string; indexes?: [] }[] } };
    return app.storage?.entities?.find((e) => e.name === entity);
  }

  private requireEntity(entity: string): void {
    if (!this.entityDefinition(entity)) {
      throw new KvsFailure(400, undefined, `Entity ${entity} is not declared in manifest app.storage.entities`);
    }
  }

  /** Custom entity index queries, evaluated in memory (fine at sandbox scale). */
  private entityQuery(b: Body): ProductResponse {
    const entity = String(b.entityName);
    const def = this.entityDefinition(entity);
    if (!def) throw new KvsFailure(400, undefined, `Entity ${entity} is not declared in manifest app.storage.entities`);
    const indexName = String(b.indexName);
    const index = (def.indexes ?? [])
      .map((i) => (typeof i === 'string' ? { name: i, range: [i], partition: [] as string[] } : i))
      .find((i) => i.name === indexName);
    if (!index) throw new KvsFailure(400, undefined, `Index ${indexName} is not declared on entity ${entity}`);
    const rangeAttr = index.range?.[0];
    const partition = (b.partition as unknown[] | undefined) ?? [];
    const rows = (this.db.prepare('SELECT key, value, created_at, updated_at FROM kvs_entity WHERE entity = ?').all(entity) as Row[]).map(
      (r) => ({ row: r, value: JSON.parse(r.value) as unknown }),
    );
    let hits = rows.filter(({ value }) => (index.partition ?? []).every((attr, i) => readProperty(value, attr) === partition[i]));
    const range = b.range as Clause | undefined;
    if (range && rangeAttr) hits = hits.filter(({ value }) => clauseHolds(readProperty(value, rangeAttr), range));
    const filters = b.filters as ConditionGroup | undefined;
    if (filters) hits = hits.filter(({ value }) => groupHolds(value, filters));
    const dir = b.sort === 'DESC' ? -1 : 1;
    hits.sort(
      (x, y) =>
        dir * (rangeAttr ? compareValues(readProperty(x.value, rangeAttr), readProperty(y.value, rangeAttr)) : 0) ||
        (x.row.key < y.row.key ? -1 : 1),
    );
    const offset = b.cursor ? Number(decodeCursor(typeof b.cursor === 'string' ? b.cursor : '')) : 0;
    const limit = (b.limit as number | undefined) ?? DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT) throw new KvsFailure(400, undefined, `limit must be between 1 and ${MAX_QUERY_LIMIT}`);
    const page = hits.slice(offset, offset + limit);
    const more = offset + limit < hits.length;
    return json(200, {
      data: page.map((h) => toResult({ ...h.row, expire_at: null })),
      ...(more ? { cursor: encodeCursor(String(offset + limit)) } : {}),
    });
  }
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

function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}
