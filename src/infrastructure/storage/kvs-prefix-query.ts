import { WhereConditions } from '@forge/kvs';
import { kvs } from './rate-limited-kvs';
import { isDeepStrictEqual } from 'node:util';

/** The storage reference allows query pages of "up to a maximum of 20" entries. */
export const KVS_QUERY_PAGE = 20;

/**
 * Every value under a key prefix, in key order, {@link KVS_QUERY_PAGE} per page, following the cursor.
 * `parse` sees each stored value with its key and may drop it by returning undefined.
 */
export async function queryPrefix<T>(prefix: string, parse: (value: unknown, key: string) => T | undefined): Promise<T[]> {
  const values: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(KVS_QUERY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    for (const { key, value } of page.results) {
      const parsed = parse(value, key);
      if (parsed !== undefined) values.push(parsed);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return values;
}

/**
 * Writes `value` under `key` only if the key does not exist yet (`keyPolicy: 'FAIL_IF_EXISTS'`).
 *
 * Forge documents the key policy but not the error a refused create-only write raises (the error codes it
 * documents are for malformed keys, oversized values and rate limits). So a failure is never classified by
 * its code: the key is read again instead.
 * - absent: the write really failed (quota, outage) → the original error is thrown;
 * - present with exactly our value: our write landed (its answer was lost, or an identical writer won,
 *   which is the same outcome) → `'created'`;
 * - present with another value: someone else created it first → `'conflict'`.
 */
export async function setIfAbsent(key: string, value: unknown): Promise<'created' | 'conflict'> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return 'created';
  } catch (error) {
    const stored = await kvs.get<unknown>(key).catch(() => undefined);
    if (stored === undefined) throw error;
    return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(value))) ? 'created' : 'conflict';
  }
}
