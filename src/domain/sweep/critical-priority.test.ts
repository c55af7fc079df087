import { CONFIG } from './sweep-test-story';
import { criticalSince } from './critical-priority';

const config = { ...CONFIG, criticalPriorities: ['Highest', 'Blocker'] };
const created = '2026-03-01T08:00:00.000Z';

describe('criticalSince: when a priority became critical, from the changelog', () => {
  it('is the creation time for an issue created critical and never changed', () => {
    expect(criticalSince({ configuration: config, created, currentPriority: 'Highest', changes: [] })).toBe(created);
  });

  it('is the last change into a critical priority', () => {
    const changes = [
      { at: '2026-03-01T09:00:00.000Z', from: 'Medium', to: 'Highest' },
      { at: '2026-03-01T10:00:00.000Z', from: 'Highest', to: 'Low' },
      { at: '2026-03-01T11:30:00.000Z', from: 'Low', to: 'highest' }, // names compare case-insensitively
    ];
    expect(criticalSince({ configuration: config, created, currentPriority: 'Highest', changes })).toBe('2026-03-01T11:30:00.000Z');
  });

  it('keeps the first time when it moves between critical priorities, and reads unordered history', () => {
    const changes = [
      { at: '2026-03-01T12:00:00.000Z', from: 'Highest', to: 'Blocker' },
      { at: '2026-03-01T09:00:00.000Z', from: 'Medium', to: 'Highest' },
    ];
    expect(criticalSince({ configuration: config, created, currentPriority: 'Blocker', changes })).toBe('2026-03-01T09:00:00.000Z');
  });

  it('is the creation time when created critical and changed only among critical priorities', () => {
    expect(
      criticalSince({
        configuration: config,
        created,
        currentPriority: 'Blocker',
        changes: [{ at: '2026-03-01T12:00:00.000Z', from: 'Highest', to: 'Blocker' }],
      }),
    ).toBe(created);
  });

  it('says nothing when the history ends on a priority that is not critical, or the creation time is unknown', () => {
    expect(
      criticalSince({
        configuration: config,
        created,
        currentPriority: 'Highest',
        changes: [{ at: '2026-03-01T09:00:00.000Z', from: 'Highest', to: 'Low' }],
      }),
    ).toBeUndefined();
    expect(criticalSince({ configuration: config, currentPriority: 'Highest', changes: [] })).toBeUndefined();
    expect(criticalSince({ configuration: config, created, currentPriority: 'Low', changes: [] })).toBeUndefined();
  });
});
