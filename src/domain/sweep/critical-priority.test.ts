import { DEFAULT_PROJECT_CONFIGURATION } from '../configuration/project-configuration';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { CONFIG, SweepStory } from './sweep-test-story';
import { criticalPriorityAction, criticalProblemProposal, criticalSince, notifyClientBy } from './critical-priority';

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

describe('criticalPriorityAction: a critical priority proposes, it starts only where the project opts in', () => {
  const base = { state: undefined, configuration: config, priority: 'Highest', summary: 'Storage down' };
  const detection = { detectedAt: '2026-03-02T08:00:00.000Z' };

  it('records the detection by default, and starts nothing', () => {
    expect(criticalPriorityAction({ ...base, detection })).toEqual({
      kind: 'record',
      problem: { detectedAt: '2026-03-02T08:00:00.000Z', priorityName: 'Highest' },
    });
  });

  it('starts a critical escalation detected at that instant where the project opts in', () => {
    const action = criticalPriorityAction({ ...base, configuration: { ...config, autoStartOnCriticalPriority: true }, detection });
    expect(action).toEqual({
      kind: 'start',
      input: expect.objectContaining({ trigger: 'sla-breach', critical: true, detectedAt: '2026-03-02T08:00:00.000Z' }) as unknown,
    });
  });

  it('keeps a detection of the same critical spell, replaces one of an earlier spell', () => {
    const recorded = { detectedAt: '2026-03-01T08:00:00.000Z', priorityName: 'Highest' };
    expect(criticalPriorityAction({ ...base, detection, recorded })).toBeUndefined();
    expect(
      criticalPriorityAction({ ...base, detection: { ...detection, since: '2026-03-01T08:00:00.000+00:00' }, recorded }),
    ).toBeUndefined();
    expect(criticalPriorityAction({ ...base, detection: { ...detection, since: detection.detectedAt }, recorded })).toMatchObject({
      kind: 'record',
      problem: { detectedAt: detection.detectedAt },
    });
  });

  it('does nothing while an escalation runs or for a priority that is not critical', () => {
    expect(criticalPriorityAction({ ...base, state: new SweepStory().start().state, detection })).toBeUndefined();
    expect(criticalPriorityAction({ ...base, priority: 'Low', detection })).toBeUndefined();
  });
});

describe('the panel proposal of a recorded critical problem', () => {
  const recorded = { detectedAt: '2026-03-02T16:30:00.000Z', priorityName: 'Highest' };

  it('says by when the client must be told: two hours from the detection, round the clock as the annex says', () => {
    // 16:30 UTC on a Monday is after business hours in Berlin: the two hours still run at once.
    expect(
      notifyClientBy({ detectedAt: recorded.detectedAt, template: DEFAULT_PROCESS_TEMPLATE, policy: DEFAULT_PROJECT_CONFIGURATION.policy }),
    ).toBe('2026-03-02T18:30:00.000Z');
    const agreed = { ...DEFAULT_PROJECT_CONFIGURATION.policy, timeFrames: { criticalNotification: { amount: 4, unit: 'hours' as const } } };
    expect(notifyClientBy({ detectedAt: recorded.detectedAt, template: DEFAULT_PROCESS_TEMPLATE, policy: agreed })).toBe(
      '2026-03-02T20:30:00.000Z',
    );
  });

  it('is shown only while no escalation runs and the issue is still critical', () => {
    const input = {
      state: undefined,
      configuration: DEFAULT_PROJECT_CONFIGURATION,
      priority: 'Highest',
      recorded,
      template: DEFAULT_PROCESS_TEMPLATE,
    };
    expect(criticalProblemProposal(input)).toEqual({
      detectedAt: recorded.detectedAt,
      priorityName: 'Highest',
      notifyClientBy: '2026-03-02T18:30:00.000Z',
    });
    expect(criticalProblemProposal({ ...input, priority: 'Medium' })).toBeUndefined();
    expect(criticalProblemProposal({ ...input, recorded: undefined })).toBeUndefined();
    expect(criticalProblemProposal({ ...input, state: new SweepStory().start().state })).toBeUndefined();
  });
});
