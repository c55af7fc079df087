import { accountInventory } from '../../domain/privacy/stored-accounts';
import type { StoredAccountInventory } from '../../usecases/ports/personal-data-ports';
import { queryPrefix } from './kvs-prefix-query';

/**
 * Where the app stores account ids: escalation logs (actors), the settings audit trail (who changed what,
 * with the contacts before and after), project configurations (contacts), and the yearly reviews
 * (approvals). Frozen report versions name people only by account id tokens of actors already in the log.
 */
const SOURCES = ['escalation:', 'audit:', 'configuration:project:', 'project-review:', 'review:'] as const;

/** The record's own time when it has one; else the epoch, which adds the account without raising its time. */
const storedAt = (value: unknown): string => {
  const at = (value as { at?: unknown } | null)?.at;
  return typeof at === 'string' ? at : new Date(0).toISOString();
};

/** Reads every source page by page; values are only walked for account ids, so no schema applies here. */
export const kvsStoredAccountInventory: StoredAccountInventory = {
  async accounts() {
    const inventory = accountInventory();
    for (const prefix of SOURCES) await queryPrefix(prefix, (value) => void inventory.add(value, storedAt(value)));
    return inventory.accounts();
  },
};
