import { z } from 'zod';
import type { Db } from '../db/open-database';
import type { ProductResponse } from '../sandbox-api';

/** @forge/api's `LIMIT` for `/app/report-accounts`; the platform refuses larger requests. */
export const REPORT_ACCOUNTS_LIMIT = 90;

const bodySchema = z.object({
  accounts: z.array(z.object({ accountId: z.string().min(1), updatedAt: z.iso.datetime({ offset: true }) })).min(1),
});

const answer = (status: number, body?: unknown): ProductResponse =>
  body === undefined
    ? { status, headers: {}, body: '' }
    : { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };

/**
 * Forge's personal data reporting (`POST /app/report-accounts` on the stargate remote, where
 * `privacy.reportPersonalData` sends it): per reported account, `closed` when the account was closed,
 * `updated` when its profile changed after the reported `updatedAt`; 200 with those, 204 when no account
 * needs action, 400 for a malformed body or more than 90 accounts. Unknown accounts need nothing.
 * Every request is recorded (`privacy_report_request`) so tests can check the batches.
 */
export function handlePrivacyReport(db: Db, now: () => number, method: string, body: string | undefined): ProductResponse {
  const record = (accounts: number, status: number) => {
    db.prepare('INSERT INTO privacy_report_request (at, accounts, status) VALUES (?, ?, ?)').run(now(), accounts, status);
    return status;
  };
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  const request = bodySchema.safeParse(parsed);
  const count = Array.isArray((parsed as { accounts?: unknown } | undefined)?.accounts)
    ? (parsed as { accounts: unknown[] }).accounts.length
    : 0;
  if (method !== 'POST' || !request.success)
    return answer(record(count, 400), { message: request.error?.issues[0]?.message ?? `${method} not allowed` });
  if (count > REPORT_ACCOUNTS_LIMIT)
    return answer(record(count, 400), { message: `At most ${REPORT_ACCOUNTS_LIMIT} accounts may be reported per request` });

  const lifecycle = db.prepare('SELECT profile_changed_at, closed_at FROM account_lifecycle WHERE account_id = ?');
  const accounts = request.data.accounts.flatMap(({ accountId, updatedAt }): { accountId: string; status: 'closed' | 'updated' }[] => {
    const row = lifecycle.get(accountId) as { profile_changed_at: number | null; closed_at: number | null } | undefined;
    if (typeof row?.closed_at === 'number') return [{ accountId, status: 'closed' }];
    if (typeof row?.profile_changed_at === 'number' && row.profile_changed_at > Date.parse(updatedAt))
      return [{ accountId, status: 'updated' }];
    return [];
  });
  return accounts.length === 0 ? answer(record(count, 204)) : answer(record(count, 200), { accounts });
}

/** Closes an account as Atlassian does: Jira then shows "Former user", without e-mail, inactive. */
export function closeAccount(db: Db, accountId: string, at: number): void {
  db.prepare("UPDATE jira_user SET display_name = 'Former user', email = NULL, active = 0 WHERE account_id = ?").run(accountId);
  db.prepare(
    'INSERT INTO account_lifecycle (account_id, closed_at) VALUES (?, ?) ON CONFLICT(account_id) DO UPDATE SET closed_at = excluded.closed_at',
  ).run(accountId, at);
}

/** A site admin deactivates the account (revokes its access): Jira keeps the name and shows it inactive; the account is not closed. */
export function deactivateAccount(db: Db, accountId: string): void {
  db.prepare('UPDATE jira_user SET active = 0 WHERE account_id = ?').run(accountId);
}

/** The person changed their profile (e.g. their name). */
export function changeProfile(db: Db, accountId: string, displayName: string, at: number): void {
  db.prepare('UPDATE jira_user SET display_name = ? WHERE account_id = ?').run(displayName, accountId);
  db.prepare(
    'INSERT INTO account_lifecycle (account_id, profile_changed_at) VALUES (?, ?) ON CONFLICT(account_id) DO UPDATE SET profile_changed_at = excluded.profile_changed_at',
  ).run(accountId, at);
}
