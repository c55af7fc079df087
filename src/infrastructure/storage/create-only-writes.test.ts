import { ForgeKvsAPIError } from '@forge/kvs';
import type { NotificationClaim } from '../../usecases/escalation-sweep-deps';
import { kvsAuditLogStore } from './audit-log-store';
import { KVS_QUERY_PAGE } from './kvs-prefix-query';
import { kvsNotificationClaims } from './notification-claim-store';

/**
 * An in-memory KVS behind `global.__forge_fetch__`, the seam the real `@forge/kvs` client calls, so the
 * errors the stores see are the client's own. A refused create-only write answers 400 with a plain body:
 * Forge documents no error code for it, and the client reports such answers as `UNKNOWN_ERROR`.
 */
const store = new Map<string, unknown>();
const queryLimits: number[] = [];
let setFault: ((key: string) => 'lose-after-apply' | 'refuse' | undefined) | undefined;

const text = (status: number, body: string) => new Response(body || null, { status });
const jsonAnswer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

async function fakeKvs(_proxy: unknown, path: string, init?: RequestInit): Promise<Response> {
  await Promise.resolve();
  const body = JSON.parse(init?.body as string) as {
    key: string;
    value?: unknown;
    options?: { keyPolicy?: string };
    limit?: number;
    after?: string;
    where?: { values: [string] }[];
  };
  switch (path) {
    case '/api/v1/get':
      return store.has(body.key)
        ? jsonAnswer({ key: body.key, value: store.get(body.key) })
        : new Response(JSON.stringify({ code: 'KEY_NOT_FOUND', message: 'not found' }), { status: 404 });
    case '/api/v1/set': {
      const fault = setFault?.(body.key);
      if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && store.has(body.key)) return text(400, 'refused');
      if (fault === 'refuse') return text(503, 'unavailable');
      store.set(body.key, body.value);
      return fault === 'lose-after-apply' ? text(504, 'gateway timeout') : text(204, '');
    }
    case '/api/v1/query': {
      const limit = body.limit ?? 10;
      queryLimits.push(limit);
      if (limit > 20) return text(400, 'limit');
      const prefix = body.where?.[0]?.values[0] ?? '';
      const keys = [...store.keys()].filter((k) => k.startsWith(prefix) && (!body.after || k > body.after)).sort();
      const page = keys.slice(0, limit);
      return jsonAnswer({
        data: page.map((key) => ({ key, value: store.get(key) })),
        ...(keys.length > limit ? { cursor: page[page.length - 1] } : {}),
      });
    }
    default:
      return text(501, path);
  }
}

const g = globalThis as unknown as { __forge_fetch__?: unknown };
let previousFetch: unknown;
beforeAll(() => {
  previousFetch = g.__forge_fetch__;
  g.__forge_fetch__ = fakeKvs;
});
afterAll(() => {
  g.__forge_fetch__ = previousFetch;
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
