import { checkMinute, currentMinute, dueIndexEntry, MAX_CHECK_MINUTE } from './due-index';

describe('due index entries', () => {
  const issue = { id: '10001', projectKey: 'DEMO' };

  it('round a check time up to the minute and now down, so an entry is never taken early', () => {
    expect(checkMinute('2026-03-02T10:00:00.000Z')).toBe(Date.parse('2026-03-02T10:00:00Z') / 60_000);
    expect(checkMinute('2026-03-02T10:00:00.001Z')).toBe(Date.parse('2026-03-02T10:01:00Z') / 60_000);
    expect(currentMinute(new Date('2026-03-02T10:00:59.999Z'))).toBe(Date.parse('2026-03-02T10:00:00Z') / 60_000);
  });

  it('fit the 32-bit integer attribute far beyond 2038 (epoch minutes), clamped at its maximum', () => {
    expect(checkMinute('2099-01-01T00:00:00.000Z')).toBeLessThan(MAX_CHECK_MINUTE);
    expect(checkMinute('6000-01-01T00:00:00.000Z')).toBeLessThan(MAX_CHECK_MINUTE);
    expect(checkMinute('9999-12-31T23:59:00.000Z')).toBe(MAX_CHECK_MINUTE);
    expect(MAX_CHECK_MINUTE).toBe(2 ** 31 - 1);
  });

  it('exist only for open escalations with a next check', () => {
    expect(dueIndexEntry(issue, { status: 'open', nextCheckAt: '2026-03-02T10:00:30.000Z' })).toEqual({
      issueId: '10001',
      projectKey: 'DEMO',
      nextCheckMinute: 29540761,
    });
    expect(dueIndexEntry(issue, { status: 'open' })).toBeUndefined();
    expect(dueIndexEntry(issue, { status: 'closed', nextCheckAt: '2026-03-02T10:00:30.000Z' })).toBeUndefined();
    expect(dueIndexEntry(issue, { status: 'resolved', nextCheckAt: '2026-03-02T10:00:30.000Z' })).toBeUndefined();
  });
});
