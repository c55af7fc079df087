import type { StoredAccount } from '../../domain/privacy/stored-accounts';

/** What Forge's personal data reporting answers for one reported account; accounts needing nothing are left out. */
export interface AccountUpdate {
  readonly accountId: string;
  readonly status: 'closed' | 'updated';
}

/** `privacy.reportPersonalData` of @forge/api, one request per call. */
export interface PersonalDataReporter {
  /** Documented limit of accounts per request (@forge/api's `LIMIT`, 90). */
  readonly batchLimit: number;
  /** @throws ServiceRequestError (port-errors) when Forge refuses or fails the request. */
  report(accounts: readonly StoredAccount[]): Promise<AccountUpdate[]>;
}

/** Every account the app stores personal data about, with when it last stored some. */
export interface StoredAccountInventory {
  accounts(): Promise<StoredAccount[]>;
}

/**
 * The app's own record of what reporting told it: closed accounts (kept as pseudonymous ids, shown as a
 * former user) and when an account's profile data was last refreshed.
 */
export interface AccountPrivacyRegister {
  closedAmong(accountIds: readonly string[]): Promise<Set<string>>;
  markClosed(accountId: string, at: string): Promise<void>;
  markRefreshed(accountId: string, at: string): Promise<void>;
  /** Refresh times of the given accounts (absent: never refreshed). */
  refreshedAt(accountIds: readonly string[]): Promise<Record<string, string>>;
  lastReportAt(): Promise<string | undefined>;
  setLastReportAt(at: string): Promise<void>;
}
