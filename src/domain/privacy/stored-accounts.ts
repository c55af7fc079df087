/**
 * The account ids the app stores, for Forge's personal data reporting. Every stored record names people
 * the same way (`accountId` on actors, audit entries and approvals; `accountIds` on contacts), so one walk
 * over the stored JSON finds them all, including ids inside an audit entry's before/after copies.
 */

/** Account ids that are not people: the app itself (the sweep's actor). */
const NOT_PEOPLE = new Set(['app', 'system']);

/** One account as the reporting API takes it: `updatedAt` is when the app last stored data about it. */
export interface StoredAccount {
  readonly accountId: string;
  readonly updatedAt: string;
}

/** Calls `found` for every account id in `value` (any stored JSON). */
export function walkAccountIds(value: unknown, found: (accountId: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkAccountIds(item, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'accountId' && typeof child === 'string') {
      found(child);
    } else if (key === 'accountIds' && Array.isArray(child)) {
      for (const id of child) if (typeof id === 'string') found(id);
    } else {
      walkAccountIds(child, found);
    }
  }
}

/**
 * Collects accounts with the latest time a record naming them was stored.
 *
 * @example
 * const inventory = accountInventory();
 * inventory.add({ at: '2026-01-02T00:00:00Z', actor: { accountId: 'a' } }, '2026-01-02T00:00:00Z');
 * inventory.accounts(); // [{ accountId: 'a', updatedAt: '2026-01-02T00:00:00.000Z' }]
 */
export function accountInventory() {
  const latest = new Map<string, number>();
  return {
    /** Adds every account named in `record`, stored at `storedAt` (ISO). */
    add(record: unknown, storedAt: string): void {
      const at = Date.parse(storedAt);
      walkAccountIds(record, (id) => {
        if (NOT_PEOPLE.has(id)) return;
        const before = latest.get(id);
        if (before === undefined || (Number.isFinite(at) && at > before)) latest.set(id, Number.isFinite(at) ? at : (before ?? 0));
      });
    },
    accounts(): StoredAccount[] {
      return [...latest.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([accountId, at]) => ({ accountId, updatedAt: new Date(at).toISOString() }));
    },
  };
}

/** Splits `items` into consecutive batches of at most `size`. */
export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
