import { accountInventory, batchesOf, walkAccountIds } from './stored-accounts';
import { personToken, resolvePersonTokens, tokenAccountIds } from './person-token';

describe('stored accounts', () => {
  it('finds actors, audit authors and contacts, keeping the latest time per account and leaving out the app', () => {
    const inventory = accountInventory();
    inventory.add({ at: '2026-01-02T00:00:00Z', actor: { accountId: 'a', party: 'client' } }, '2026-01-02T00:00:00Z');
    inventory.add({ actor: { accountId: 'app' } }, '2026-01-05T00:00:00Z');
    inventory.add({ after: { contacts: { 1: { client: { accountIds: ['b', 'a'] } } } } }, '2026-01-03T00:00:00Z');
    expect(inventory.accounts()).toEqual([
      { accountId: 'a', updatedAt: '2026-01-03T00:00:00.000Z' },
      { accountId: 'b', updatedAt: '2026-01-03T00:00:00.000Z' },
    ]);
  });

  it('walks arrays and ignores non-string ids', () => {
    const found: string[] = [];
    walkAccountIds([{ accountId: 1 }, { accountIds: ['x', 2] }, { nested: [{ accountId: 'y' }] }], (id) => found.push(id));
    expect(found).toEqual(['x', 'y']);
  });

  it('batches within the limit', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batchesOf([], 90)).toEqual([]);
    expect(() => batchesOf([1], 0)).toThrow(RangeError);
  });
});

describe('person tokens', () => {
  it('name people at view time and never reach the text as ids', () => {
    const report = { rows: [[`${personToken('712020:x')} (Client)`, 'plain']] };
    expect(tokenAccountIds(report)).toEqual(['712020:x']);
    expect(resolvePersonTokens(report, (id) => (id === '712020:x' ? 'former user' : id))).toEqual({
      rows: [['former user (Client)', 'plain']],
    });
  });

  it('do not match markup characters inside the id, so a forged token cannot carry markup', () => {
    expect(tokenAccountIds(`\uE000a"b\uE001`)).toEqual([]);
  });
});
