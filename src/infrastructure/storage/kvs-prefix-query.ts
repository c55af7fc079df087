import { kvs, WhereConditions } from '@forge/kvs';

/**
 * Every value under a key prefix, in key order, 100 per page (Forge's page limit), following the cursor.
 * `parse` sees each stored value with its key and may drop it by returning undefined.
 */
export async function queryPrefix<T>(prefix: string, parse: (value: unknown, key: string) => T | undefined): Promise<T[]> {
  const values: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
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

/** Whether a KVS error is the create-only conflict (`FAIL_IF_EXISTS` on an existing key). */
export function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; responseDetails?: { status?: number } };
  return e?.code === 'KEY_CONFLICT' || e?.responseDetails?.status === 409;
}
