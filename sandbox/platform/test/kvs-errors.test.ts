import { resolve } from 'node:path';
import { openDatabase } from '../db/open-database';
import { KvsStore } from '../forge/kvs-store';
import { loadManifest } from '../manifest/app-manifest';

/** The sandbox KVS answers only with codes Forge documents; everything else is an opaque error. */
describe('sandbox KVS errors', () => {
  const kvs = new KvsStore(openDatabase(':memory:'), loadManifest(resolve(__dirname, '../../..')), () =>
    Date.parse('2026-03-02T10:00:00Z'),
  );
  const body = (r: { body: string }) => {
    try {
      return JSON.parse(r.body) as { code?: string };
    } catch {
      return { text: r.body };
    }
  };

  it('refuses a create-only write on an existing key without inventing an error code', () => {
    expect(kvs.handle('/api/v1/set', { key: 'a', value: 1, options: { keyPolicy: 'FAIL_IF_EXISTS' } }).status).toBe(204);
    const refused = kvs.handle('/api/v1/set', { key: 'a', value: 2, options: { keyPolicy: 'FAIL_IF_EXISTS' } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(body(refused)).not.toHaveProperty('code');
  });

  it('uses the documented codes for keys and values', () => {
    expect(body(kvs.handle('/api/v1/set', { key: 'ä', value: 1 }))).toMatchObject({ code: 'INVALID_KEY' });
    expect(body(kvs.handle('/api/v1/set', { key: 'k'.repeat(501), value: 1 }))).toMatchObject({ code: 'KEY_TOO_LONG' });
    expect(body(kvs.handle('/api/v1/set', { key: 'big', value: 'x'.repeat(250 * 1024) }))).toMatchObject({ code: 'MAX_SIZE' });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(body(kvs.handle('/api/v1/set', { key: 'deep', value: deep }))).toMatchObject({ code: 'MAX_DEPTH' });
  });

  it('caps query pages at 20', () => {
    expect(kvs.handle('/api/v1/query', { where: [], limit: 20 }).status).toBe(200);
    expect(kvs.handle('/api/v1/query', { where: [], limit: 21 }).status).toBe(400);
  });

  it('filters queries by one beginsWith on the key only, as storage-api-query documents', () => {
    const where = (condition: string, values: string[]) => [{ property: 'key', condition, values }];
    expect(kvs.handle('/api/v1/query', { where: where('BEGINS_WITH', ['a']), limit: 20 }).status).toBe(200);
    for (const [condition, values] of [
      ['BETWEEN', ['a', 'b']],
      ['GREATER_THAN', ['a']],
      ['LESS_THAN_EQUAL_TO', ['b']],
    ] as const) {
      expect(kvs.handle('/api/v1/query', { where: where(condition, [...values]), limit: 20 }).status).toBe(400);
    }
    const twice = [...where('BEGINS_WITH', ['a']), ...where('BEGINS_WITH', ['ab'])];
    expect(kvs.handle('/api/v1/query', { where: twice, limit: 20 }).status).toBe(400);
  });

  it('holds a transaction to 25 operations, 4 MB and 240 KiB per value, all or nothing', () => {
    const set = (n: number, bytes = 10) => Array.from({ length: n }, (_, i) => ({ key: `tx-${n}-${i}`, value: 'v'.repeat(bytes) }));
    expect(kvs.handle('/api/v1/transaction', { set: set(25) }).status).toBe(204);
    expect(kvs.handle('/api/v1/transaction', { set: set(26) }).status).toBe(400);
    const oversized = [...set(2), { key: 'tx-big', value: 'x'.repeat(240 * 1024 + 1) }];
    expect(body(kvs.handle('/api/v1/transaction', { set: oversized }))).toMatchObject({ code: 'MAX_SIZE' });
    expect(kvs.handle('/api/v1/get', { key: 'tx-2-0' }).status).toBe(404);
    expect(kvs.handle('/api/v1/transaction', { set: set(18, 230 * 1024) }).status).toBe(400);
    expect(kvs.handle('/api/v1/get', { key: 'tx-18-0' }).status).toBe(404);
  });

  it('holds a batch operation to 25 keys and fails it entirely without keys or with a key twice', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `b-${n}-${i}`, value: i }));
    const batch = (path: string, list: unknown[]) => kvs.handle(path, list as unknown as Record<string, unknown>);
    expect(batch('/api/v1/batch/set', items(25)).status).toBe(200);
    const keys = (n: number) => items(n).map(({ key }) => ({ key }));
    expect(body(batch('/api/v1/batch/get', keys(25)))).toMatchObject({ failedKeys: [] });
    for (const path of ['/api/v1/batch/set', '/api/v1/batch/get', '/api/v1/batch/delete']) {
      const refused = batch(path, path.endsWith('set') ? items(26) : keys(26));
      expect(refused.status).toBe(400);
      expect(body(refused)).not.toHaveProperty('code');
      expect(batch(path, []).status).toBe(400);
    }
    // Nothing of a refused batch is written; a key twice (same entity or none) fails the whole batch.
    expect(kvs.handle('/api/v1/get', { key: 'b-26-0' }).status).toBe(404);
    expect(
      batch('/api/v1/batch/set', [
        { key: 'twice', value: 1 },
        { key: 'once', value: 1 },
        { key: 'twice', value: 2 },
      ]).status,
    ).toBe(400);
    expect(kvs.handle('/api/v1/get', { key: 'once' }).status).toBe(404);
    expect(batch('/api/v1/batch/delete', keys(25)).status).toBe(200);
    expect(kvs.handle('/api/v1/get', { key: 'b-25-0' }).status).toBe(404);
  });
});
