import type { Db } from '../db/open-database';
import type { AppManifest } from '../manifest/app-manifest';
import { clauseHolds, readProperty, type Clause } from './kvs-conditions';

/** A Forge storage error answer: `{code, message}` with an HTTP status (the codes are Forge's documented ones). */
/**
 * A refused request. `code` is set only where Forge documents one ("Error handling for the Key-Value
 * Store": KEY_TOO_SHORT, KEY_TOO_LONG, INVALID_KEY, MAX_SIZE, MAX_DEPTH, RATE_LIMIT_EXCEEDED; and the
 * KEY_NOT_FOUND that `@forge/kvs` itself turns into `undefined`). Where Forge documents no code — a refused
 * `FAIL_IF_EXISTS` write, a failed transaction condition, the sandbox's own checks — the answer is plain
 * text, which `@forge/kvs` reports as `UNKNOWN_ERROR`: app code cannot come to rely on an invented code.
 */
export class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface EntityRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
}

type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

interface EntityIndex {
  name: string;
  partition: string[];
  range: string | undefined;
}

interface EntityDefinition {
  name: string;
  attributes: Map<string, AttributeType>;
  indexes: Map<string, EntityIndex>;
}

/**
 * Limits of the Custom Entity Store, as documented by Atlassian:
 * - storage-reference/handling-errors-customentities: "The page limit must be set between 1 and 100"
 *   (COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE), object depth 32 (MAX_DEPTH), keys ≤ 500 characters matching
 *   `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` (EMPTY_KEY, INVALID_KEY, KEY_TOO_LONG), entity names 3..60 characters
 *   (ENTITY_TYPE_TOO_SHORT / _TOO_LARGE / INVALID_ENTITY_TYPE), values of the declared types (INVALID_ENTITY_VALUE);
 * - storage-api-custom-entities "Type requirements": integer is a 32-bit signed integer; float is 0 or
 *   within ±[1e-130, 9.99…e125].
 * The value size limit is taken to be the KVS one (240 KiB).
 */
export const ENTITY_QUERY_MAX_LIMIT = 100;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_KEY = 500;
const MAX_DEPTH = 32;
const MAX_VALUE_BYTES = 240 * 1024;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const FLOAT_MIN_MAGNITUDE = 1e-130;
const FLOAT_MAX_MAGNITUDE = 9.99999999999999e125;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const ENTITY_NAME_PATTERN = /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/;
const ATTRIBUTE_PATTERN = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const RANGE_CONDITIONS = new Set([
  'BEGINS_WITH',
  'BETWEEN',
  'EQUAL_TO',
  'GREATER_THAN',
  'GREATER_THAN_EQUAL_TO',
  'LESS_THAN',
  'LESS_THAN_EQUAL_TO',
]);
const FILTER_CONDITIONS = new Set([...RANGE_CONDITIONS, 'CONTAINS', 'NOT_CONTAINS', 'NOT_EQUAL_TO', 'EXISTS', 'NOT_EXISTS']);

type Body = Record<string, unknown>;

/** Reads `app.storage.entities` of the manifest (an index given as a bare name ranges over that attribute). */
function readDefinitions(manifest: AppManifest): Map<string, EntityDefinition> {
  const app = (manifest.raw.app ?? {}) as { storage?: { entities?: unknown[] } };
  const definitions = new Map<string, EntityDefinition>();
  for (const raw of app.storage?.entities ?? []) {
    const e = raw as { name: string; attributes?: Record<string, { type?: string }>; indexes?: unknown[] };
    const attributes = new Map<string, AttributeType>();
    for (const [name, spec] of Object.entries(e.attributes ?? {})) {
      if (!ATTRIBUTE_PATTERN.test(name)) throw new Error(`manifest: attribute name ${name} of entity ${e.name} is invalid`);
      attributes.set(name, (spec?.type ?? 'any') as AttributeType);
    }
    const indexes = new Map<string, EntityIndex>();
    for (const i of e.indexes ?? []) {
      const index: EntityIndex =
        typeof i === 'string'
          ? { name: i, partition: [], range: i }
          : {
              name: (i as { name: string }).name,
              partition: (i as { partition?: string[] }).partition ?? [],
              range: (i as { range?: string[] }).range?.[0],
            };
      for (const attr of [...index.partition, ...(index.range ? [index.range] : [])]) {
        if (!attributes.has(attr)) throw new Error(`manifest: index ${index.name} of entity ${e.name} uses undeclared attribute ${attr}`);
      }
      indexes.set(index.name, index);
    }
    definitions.set(e.name, { name: e.name, attributes, indexes });
  }
  return definitions;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

function typeHolds(type: AttributeType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX;
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      const m = Math.abs(v);
      return m === 0 || (m >= FLOAT_MIN_MAGNITUDE && m <= FLOAT_MAX_MAGNITUDE);
    }
    case 'boolean':
      return typeof v === 'boolean';
    case 'any':
      return v !== undefined;
  }
}

/** A position in an index (range value and key of the last item returned): stable when items change meanwhile. */
interface Cursor {
  e: string;
  i: string;
  v: string | number | null;
  k: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    return typeof c?.k === 'string' && typeof c.e === 'string' && typeof c.i === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

/** SQL for a JSON attribute of the stored value (attribute names are checked against the documented pattern). */
const attr = (name: string) => `json_extract(value, '$.${name}')`;

/**
 * The Custom Entity Store on SQLite (table `kvs_entity`, the same file as the KVS), answering
 * `/api/v1/entity/get|set|delete|query` as `@forge/kvs` sends them. Entities and indexes come from the
 * manifest; each declared index gets an SQLite expression index, so range queries stay cheap at 100,000 items.
 * Items without the index's range (or a partition) attribute are not in that index.
 */
export class EntityStore {
  private readonly definitions: Map<string, EntityDefinition>;

  constructor(
    private readonly db: Db,
    manifest: AppManifest,
    private readonly now: () => number,
  ) {
    this.definitions = readDefinitions(manifest);
    for (const def of this.definitions.values()) {
      for (const index of def.indexes.values()) {
        if (!index.range) continue;
        const columns = [...index.partition.map(attr), attr(index.range), 'key'].join(', ');
        const name = `kvs_entity_ix_${Buffer.from(`${def.name}/${index.name}`).toString('hex')}`;
        this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON kvs_entity (entity, ${columns})`);
      }
    }
  }

  private definition(entity: unknown): EntityDefinition {
    const name = typeof entity === 'string' ? entity : '';
    if (name.length < 3) throw new KvsFailure(400, 'ENTITY_TYPE_TOO_SHORT', `Entity name "${name}" needs at least 3 characters`);
    if (name.length > 60) throw new KvsFailure(400, 'ENTITY_TYPE_TOO_LARGE', `Entity name exceeds 60 characters`);
    if (!ENTITY_NAME_PATTERN.test(name)) throw new KvsFailure(400, 'INVALID_ENTITY_TYPE', `Entity name "${name}" is invalid`);
    const def = this.definitions.get(name);
    if (!def) throw new KvsFailure(400, 'INVALID_ENTITY_TYPE', `Entity ${name} is not declared in manifest app.storage.entities`);
    return def;
  }

  private checkKey(key: unknown): string {
    if (typeof key !== 'string' || key === '') throw new KvsFailure(400, 'EMPTY_KEY', 'Key cannot be empty');
    if (key.length > MAX_KEY) throw new KvsFailure(400, 'KEY_TOO_LONG', `Key exceeds ${MAX_KEY} characters`);
    if (!KEY_PATTERN.test(key)) throw new KvsFailure(400, 'INVALID_KEY', `Key "${key.slice(0, 60)}" does not match ${KEY_PATTERN}`);
    return key;
  }

  row(entity: string, key: string): EntityRow | undefined {
    return this.db.prepare('SELECT key, value, created_at, updated_at FROM kvs_entity WHERE entity = ? AND key = ?').get(entity, key) as
      EntityRow | undefined;
  }

  get(entity: unknown, key: unknown): EntityRow {
    const def = this.definition(entity);
    const row = this.row(def.name, this.checkKey(key));
    if (!row) throw new KvsFailure(404, 'KEY_NOT_FOUND', `Key ${String(key)} not found in entity ${def.name}`);
    return row;
  }

  set(entity: unknown, key: unknown, value: unknown): void {
    const def = this.definition(entity);
    const k = this.checkKey(key);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new KvsFailure(400, 'INVALID_ENTITY_VALUE', `A value of entity ${def.name} is an object of its attributes`);
    }
    if (depthOf(value) > MAX_DEPTH) throw new KvsFailure(400, 'MAX_DEPTH', `The value exceeds the maximum object depth (${MAX_DEPTH})`);
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const type = def.attributes.get(name);
      if (!type) throw new KvsFailure(400, 'INVALID_ENTITY_VALUE', `Attribute ${name} is not declared on entity ${def.name}`);
      if (!typeHolds(type, v)) {
        throw new KvsFailure(
          400,
          'INVALID_ENTITY_VALUE',
          `Attribute ${name} of entity ${def.name} must be of type ${type}, got ${JSON.stringify(v)}`,
        );
      }
    }
    const text = JSON.stringify(value);
    if (Buffer.byteLength(text) > MAX_VALUE_BYTES) throw new KvsFailure(400, 'MAX_SIZE', `Value exceeds ${MAX_VALUE_BYTES} bytes`);
    const now = this.now();
    const existing = this.row(def.name, k);
    this.db
      .prepare('INSERT OR REPLACE INTO kvs_entity (entity, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(def.name, k, text, existing?.created_at ?? now, now);
  }

  delete(entity: unknown, key: unknown): void {
    const def = this.definition(entity);
    this.db.prepare('DELETE FROM kvs_entity WHERE entity = ? AND key = ?').run(def.name, this.checkKey(key));
  }

  /** One page of an index query: partition match, range condition, filters, sort, limit and cursor. */
  query(b: Body): { data: EntityRow[]; cursor?: string } {
    const def = this.definition(b.entityName);
    const index = def.indexes.get(String(b.indexName));
    if (!index) throw new KvsFailure(400, 'INVALID_ENTITY_INDEX', `Index ${String(b.indexName)} is not declared on entity ${def.name}`);
    const limit = b.limit === undefined ? DEFAULT_QUERY_LIMIT : b.limit;
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > ENTITY_QUERY_MAX_LIMIT) {
      throw new KvsFailure(
        400,
        'COMPLEX_QUERY_PAGE_LIMIT_NOT_IN_RANGE',
        `The page limit must be set between 1 and ${ENTITY_QUERY_MAX_LIMIT}`,
      );
    }
    const sort = b.sort === undefined ? 'ASC' : b.sort;
    if (sort !== 'ASC' && sort !== 'DESC')
      throw new KvsFailure(400, 'VALIDATION_ERROR', `sort must be ASC or DESC, got ${JSON.stringify(sort)}`);
    const partition = (b.partition as unknown[] | undefined) ?? [];
    if (!Array.isArray(partition) || partition.length !== index.partition.length) {
      throw new KvsFailure(
        400,
        'INVALID_ENTITY_INDEX',
        `Index ${index.name} needs ${index.partition.length} partition value(s), got ${Array.isArray(partition) ? partition.length : 'none'}`,
      );
    }
    const range = b.range as Clause | undefined;
    if (range) this.checkClause(range, RANGE_CONDITIONS, 'range');
    if (range && !index.range) throw new KvsFailure(400, 'INVALID_ENTITY_INDEX', `Index ${index.name} has no range attribute`);
    const filters = this.checkFilters(b.filters);

    const sql: string[] = ['entity = ?'];
    const args: unknown[] = [def.name];
    index.partition.forEach((p, i) => {
      sql.push(`${attr(p)} = ?`);
      args.push(sqlValue(partition[i]));
    });
    const r = index.range ? attr(index.range) : 'NULL';
    if (index.range) sql.push(`${r} IS NOT NULL`);
    if (range) {
      const [v0, v1] = range.values.map(sqlValue);
      switch (range.condition) {
        case 'BEGINS_WITH':
          sql.push(`typeof(${r}) = 'text' AND substr(${r}, 1, length(?)) = ?`);
          args.push(String(v0), String(v0));
          break;
        case 'BETWEEN':
          sql.push(`${r} >= ? AND ${r} <= ?`);
          args.push(v0, v1);
          break;
        default:
          sql.push(`${r} ${SQL_OP[range.condition]!} ?`);
          args.push(v0);
      }
    }
    const desc = sort === 'DESC';
    if (b.cursor !== undefined) {
      const c = typeof b.cursor === 'string' ? decodeCursor(b.cursor) : undefined;
      if (!c || c.e !== def.name || c.i !== index.name)
        throw new KvsFailure(400, 'INVALID_CURSOR', 'The cursor does not belong to this query');
      const after = desc ? '<' : '>';
      sql.push(index.range ? `(${r} ${after} ? OR (${r} = ? AND key ${after} ?))` : `key ${after} ?`);
      args.push(...(index.range ? [c.v, c.v, c.k] : [c.k]));
    }
    const dir = desc ? 'DESC' : 'ASC';
    const statement = this.db.prepare(
      `SELECT key, value, created_at, updated_at, ${r} AS r FROM kvs_entity WHERE ${sql.join(' AND ')} ORDER BY ${r} ${dir}, key ${dir}`,
    );
    const page: (EntityRow & { r: string | number | null })[] = [];
    let more = false;
    for (const row of statement.iterate(...args) as Iterable<EntityRow & { r: string | number | null }>) {
      if (filters && !filters.holds(JSON.parse(row.value))) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(row);
    }
    const last = page[page.length - 1];
    return {
      data: page.map(({ r: _r, ...row }) => row),
      ...(more && last ? { cursor: encodeCursor({ e: def.name, i: index.name, v: last.r, k: last.key }) } : {}),
    };
  }

  private checkClause(clause: Clause, allowed: Set<string>, where: string): void {
    if (!clause || !allowed.has(clause.condition)) {
      throw new KvsFailure(400, 'VALIDATION_ERROR', `Unsupported ${where} condition ${String(clause?.condition)}`);
    }
    const values = Array.isArray(clause.values) ? clause.values : [];
    if (clause.condition === 'BETWEEN' && values.length < 2) {
      throw new KvsFailure(400, 'INSUFFICIENT_FILTER_VALUES', 'The BETWEEN condition needs two values');
    }
    if (values.length < 1) throw new KvsFailure(400, 'INSUFFICIENT_FILTER_VALUES', `The ${clause.condition} condition needs a value`);
  }

  private checkFilters(raw: unknown): { holds: (value: unknown) => boolean } | undefined {
    if (raw === undefined) return undefined;
    const group = raw as { and?: Clause[]; or?: Clause[] };
    if (group.and && group.or) {
      throw new KvsFailure(
        400,
        'INVALID_FILTER_OPERATORS_COMBINATION',
        'Filter operators "and" and "or" cannot be present at the same level',
      );
    }
    const clauses = group.and ?? group.or;
    if (!clauses || clauses.length === 0)
      throw new KvsFailure(400, 'EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty');
    for (const c of clauses) this.checkClause(c, FILTER_CONDITIONS, 'filter');
    const test = (value: unknown, c: Clause) => clauseHolds(readProperty(value, c.property), c);
    return { holds: (value) => (group.and ? clauses.every((c) => test(value, c)) : clauses.some((c) => test(value, c))) };
  }
}

const SQL_OP: Record<string, string> = {
  EQUAL_TO: '=',
  GREATER_THAN: '>',
  GREATER_THAN_EQUAL_TO: '>=',
  LESS_THAN: '<',
  LESS_THAN_EQUAL_TO: '<=',
};

/** Booleans are stored by JSON as true/false, which json_extract gives back as 1/0. */
function sqlValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}
