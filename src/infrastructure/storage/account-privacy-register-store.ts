import { kvs } from './rate-limited-kvs';
import { z } from 'zod';
import type { AccountPrivacyRegister } from '../../usecases/ports/personal-data-ports';

const accountKey = (accountId: string) => `privacy:account:${accountId}`;
const LAST_REPORT = 'privacy:last-report';
const entrySchema = z.object({ closedAt: z.string().optional(), refreshedAt: z.string().optional() });
type Entry = z.infer<typeof entrySchema>;

/** Unreadable entries count as absent: the next report answers for the account again. */
const read = async (accountId: string): Promise<Entry> => entrySchema.safeParse(await kvs.get(accountKey(accountId))).data ?? {};

/** What personal data reporting said per account, in Forge KVS (`privacy:account:<id>`). */
export const kvsAccountPrivacyRegister: AccountPrivacyRegister = {
  async closedAmong(accountIds) {
    const entries = await Promise.all([...new Set(accountIds)].map(async (id) => [id, await read(id)] as const));
    return new Set(entries.filter(([, e]) => e.closedAt).map(([id]) => id));
  },
  async markClosed(accountId, at) {
    const entry = await read(accountId);
    if (!entry.closedAt) await kvs.set(accountKey(accountId), { ...entry, closedAt: at });
  },
  async markRefreshed(accountId, at) {
    await kvs.set(accountKey(accountId), { ...(await read(accountId)), refreshedAt: at });
  },
  async refreshedAt(accountIds) {
    const out: Record<string, string> = {};
    for (const id of new Set(accountIds)) {
      const r = (await read(id)).refreshedAt;
      if (r) out[id] = r;
    }
    return out;
  },
  async lastReportAt() {
    return z.string().safeParse(await kvs.get(LAST_REPORT)).data;
  },
  async setLastReportAt(at) {
    await kvs.set(LAST_REPORT, at);
  },
};
