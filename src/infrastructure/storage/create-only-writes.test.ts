import { ForgeKvsAPIError } from '@forge/kvs';
import type { NotificationClaim } from '../../usecases/escalation-sweep-deps';
import { kvsAuditLogStore } from './audit-log-store';
import { KVS_QUERY_PAGE } from './kvs-prefix-query';
import { kvsNotificationClaims } from './notification-claim-store';
import { installFakeKvs } from './testing/fake-kvs';

const kvs = installFakeKvs();
const { store, queryLimits } = kvs;

const claim = (attempt: number, holder: string): NotificationClaim => ({
  attempt,
  holder,
  leaseUntil: 1_000,
  notified: false,
  commented: false,
  done: false,
});

beforeEach(() => kvs.reset());

describe('create-only storage writes', () => {
  it('recognises a conflict without relying on an error code: the key is read again', async () => {
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-a'))).toBe(true);
    // The refusal comes back as UNKNOWN_ERROR with status 400, not 409 KEY_CONFLICT.
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-b'))).toBe(false);
    expect((await kvsNotificationClaims.latest('10001', 'ref'))?.holder).toBe('run-a');
  });

  it('counts a create-only write whose answer was lost after it applied as written', async () => {
    kvs.setFault = () => 'lose-after-apply';
    expect(await kvsNotificationClaims.create('10001', 'ref', claim(1, 'run-a'))).toBe(true);
  });

  it('passes on a failure when the key was not written', async () => {
    kvs.setFault = () => 'refuse';
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
    kvs.setFault = (key) => {
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
