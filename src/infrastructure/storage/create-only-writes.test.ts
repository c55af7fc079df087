import type * as forgeKvs from '@forge/kvs';
import { ForgeKvsAPIError } from '@forge/kvs';
import type { NotificationClaim } from '../../usecases/escalation-sweep-deps';
import { kvsAuditLogStore } from './audit-log-store';
import { KVS_QUERY_PAGE } from './kvs-prefix-query';
import { kvsNotificationClaims } from './notification-claim-store';

/**
 * An in-memory KVS behind the module's `kvs` object. Failures are raised the way `@forge/kvs` raises them
 * for an answer it cannot classify (`UNKNOWN_ERROR`): Forge documents no error code for a refused
 * create-only write, so the stores must not depend on one.
 */
const store = new Map<string, unknown>();
const queryLimits: number[] = [];
let setFault: ((key: string, options: { keyPolicy?: string } | undefined) => 'lose-after-apply' | 'refuse' | undefined) | undefined;

function opaqueError(status: number): ForgeKvsAPIError {
  return new ForgeKvsAPIError(
    { status, statusText: 'error', httpMethod: 'POST', httpPath: '/api/v1/set' },
    { code: 'UNKNOWN_ERROR', message: 'Unexpected error in Forge KVS API', context: {} },
  );
}

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual<typeof forgeKvs>('@forge/kvs');
  const query = () => {
    let prefix = '';
    let limit = 10;
    let after: string | undefined;
    const builder = {
      where: (_field: string, clause: { values: [string] }) => ((prefix = clause.values[0]), builder),
      limit: (n: number) => ((limit = n), builder),
      cursor: (c: string) => ((after = c), builder),
      getMany: () => {
        queryLimits.push(limit);
        if (limit > 20) return Promise.reject(opaqueError(400));
        const keys = [...store.keys()].filter((k) => k.startsWith(prefix) && (!after || k > after)).sort();
        const page = keys.slice(0, limit);
        return Promise.resolve({
          results: page.map((key) => ({ key, value: store.get(key) })),
          ...(keys.length > limit ? { nextCursor: page[page.length - 1] } : {}),
        });
      },
    };
    return builder;
  };
  return {
    ...actual,
    kvs: {
      get: (key: string) => Promise.resolve(store.get(key)),
      set: (key: string, value: unknown, options?: { keyPolicy?: string }) => {
        const fault = setFault?.(key, options);
        if (options?.keyPolicy === 'FAIL_IF_EXISTS' && store.has(key)) return Promise.reject(opaqueError(400));
        if (fault === 'refuse') return Promise.reject(opaqueError(503));
        store.set(key, JSON.parse(JSON.stringify(value)));
        if (fault === 'lose-after-apply') return Promise.reject(opaqueError(504));
        return Promise.resolve();
      },
      query,
    },
  };
});

const claim = (attempt: number, holder: string): NotificationClaim => ({
  attempt,
  holder,
  leaseUntil: 1_000,
  notified: false,
  commented: false,
  done: false,
});

beforeEach(() => {
  store.clear();
  queryLimits.length = 0;
  setFault = undefined;
});

describe('create-only storage writes', () => {
  it('recognises a conflict without relying on an error code: the key is read again', async () => {
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-a'))).toBe(true);
    // The refusal comes back as UNKNOWN_ERROR with status 400, not 409 KEY_CONFLICT.
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-b'))).toBe(false);
    expect((await kvsNotificationClaims.latest('10001', 'ref'))?.holder).toBe('run-a');
  });

  it('counts a create-only write whose answer was lost after it applied as written', async () => {
    setFault = () => 'lose-after-apply';
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-a'))).toBe(true);
  });

  it('passes on a failure when the key was not written', async () => {
    setFault = () => 'refuse';
    await expect(kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-a'))).rejects.toThrow(ForgeKvsAPIError);
  });

  it('takes the next audit sequence number when another admin took this one, whatever the error says', async () => {
    const entry = {
      at: '2026-03-02T10:00:00.000Z',
      accountId: 'admin-1',
      target: 'project:DEMO' as const,
      action: 'configuration-changed' as const,
      changes: [],
      before: {},
      after: {},
    };
    let raced = false;
    setFault = (key) => {
      if (!raced && key.endsWith('00000001')) {
        raced = true;
        store.set(key, { ...entry, seq: 1, accountId: 'admin-2' });
      }
      return undefined;
    };
    const written = await kvsAuditLogStore.append(entry);
    expect(written.seq).toBe(2);
  });

  it('reads every query page within the documented page size of 20', async () => {
    for (let i = 1; i <= 45; i++) store.set(`notification-claim:x:${String(i).padStart(4, '0')}`, claim(i, 'r'));
    await kvsAuditLogStore.list('project:DEMO');
    for (let i = 1; i <= 45; i++) await kvsNotificationClaims.create('20002', 'ref', claim(i, 'r'));
    expect((await kvsNotificationClaims.latest('20002', 'ref'))?.attempt).toBe(45);
    expect(queryLimits.length).toBeGreaterThan(2);
    expect(Math.max(...queryLimits)).toBeLessThanOrEqual(KVS_QUERY_PAGE);
    expect(KVS_QUERY_PAGE).toBe(20);
  });
});
