import { batchesOf, type StoredAccount } from '../domain/privacy/stored-accounts';
import type { Logger } from './ports/logger';
import type { AccountPrivacyRegister, PersonalDataReporter, StoredAccountInventory } from './ports/personal-data-ports';

export interface PersonalDataDeps {
  readonly inventory: StoredAccountInventory;
  readonly reporter: PersonalDataReporter;
  readonly register: AccountPrivacyRegister;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** Atlassian asks apps that store personal data to report it at least once a week. */
export const REPORTING_CYCLE_MS = 7 * 86_400_000;

export interface PersonalDataSummary {
  readonly skipped: boolean;
  readonly reported: number;
  readonly batches: number;
  readonly closed: number;
  readonly updated: number;
}

/**
 * Reports every account the app stores to Forge (one request per batch of at most the reporter's limit)
 * and acts on the answer: a closed account is registered as closed, so every view and report names it as
 * a former user while its id stays in the record; an updated account is marked refreshed now, which is
 * the `updatedAt` reported next time (the app keeps no copy of profile data: names are read from Jira when
 * shown). Runs daily but reports once per cycle, so one failed run is made up the next day. Accounts
 * already closed are not reported again: nothing about them is left to erase.
 */
export async function reportPersonalData(deps: PersonalDataDeps): Promise<PersonalDataSummary> {
  const now = deps.now();
  const last = await deps.register.lastReportAt();
  if (last && now.getTime() - Date.parse(last) < REPORTING_CYCLE_MS)
    return { skipped: true, reported: 0, batches: 0, closed: 0, updated: 0 };

  const stored = await deps.inventory.accounts();
  const ids = stored.map((a) => a.accountId);
  const closedBefore = await deps.register.closedAmong(ids);
  const refreshed = await deps.register.refreshedAt(ids);
  const accounts: StoredAccount[] = stored
    .filter((a) => !closedBefore.has(a.accountId))
    .map((a) => {
      const r = refreshed[a.accountId];
      return r && Date.parse(r) > Date.parse(a.updatedAt) ? { accountId: a.accountId, updatedAt: r } : a;
    });

  let closed = 0;
  let updated = 0;
  const batches = batchesOf(accounts, deps.reporter.batchLimit);
  for (const batch of batches) {
    const answer = await deps.reporter.report(batch);
    const asked = new Set(batch.map((a) => a.accountId));
    for (const u of answer) {
      if (!asked.has(u.accountId)) continue; // an answer for an account not asked about changes nothing
      if (u.status === 'closed') {
        await deps.register.markClosed(u.accountId, now.toISOString());
        closed++;
      } else {
        await deps.register.markRefreshed(u.accountId, now.toISOString());
        updated++;
      }
    }
  }
  await deps.register.setLastReportAt(now.toISOString());
  const summary = { skipped: false, reported: accounts.length, batches: batches.length, closed, updated };
  deps.logger.info('personal data reported', { ...summary });
  return summary;
}
