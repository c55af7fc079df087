import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { projectTemplateId } from '../../domain/process/project-template-id';
import { CONFIG, T0 } from '../../domain/sweep/sweep-test-story';
import { createCriticalPriorityTrigger } from './critical-priority-trigger';
import { triggerWorld } from './testing/trigger-world';

/** `avi:jira:created:issue` with exactly the documented fields: no priority, `timestamp` as epoch ms in a string. */
const created = (timestamp: string) => ({
  eventType: 'avi:jira:created:issue',
  timestamp,
  atlassianId: 'acc-sam',
  issue: {
    id: '10001',
    key: 'DEMO-1',
    fields: {
      summary: 'Payments API down',
      issuetype: { id: '10004', name: 'Bug' },
      creator: { accountId: 'acc-sam' },
      created: '2026-11-23T09:00:00.000+0000',
      project: { id: '10000', key: 'DEMO', name: 'Managed Service' },
      reporter: { accountId: 'acc-sam' },
      assignee: null,
      updated: '2026-11-23T09:00:00.000+0000',
      status: { id: '1', name: 'Open' },
    },
  },
});

describe('critical priority trigger reads issue events as Jira documents them', () => {
  it('records the critical problem at the event time (epoch ms in a string) and starts no escalation', async () => {
    // The event arrives three minutes late.
    const { deps, log, priorityReads, recordedProblems } = triggerWorld({ now: new Date(T0.getTime() + 3 * 60_000), priority: 'Highest' });
    expect(await createCriticalPriorityTrigger(() => deps)(created(String(T0.getTime())))).toBeUndefined();
    expect(priorityReads).toEqual(['10001']);
    expect(log).toEqual([]);
    expect(recordedProblems).toEqual([{ detectedAt: T0.toISOString(), priorityName: 'Highest' }]);
  });

  it('where the project opts in, starts a critical escalation with the two-hour clock at the event time', async () => {
    const { deps, log, recordedProblems } = triggerWorld({
      now: new Date(T0.getTime() + 3 * 60_000),
      priority: 'Highest',
      configuration: { ...CONFIG, autoStartOnCriticalPriority: true },
    });
    expect(await createCriticalPriorityTrigger(() => deps)(created(String(T0.getTime())))).toBeUndefined();
    expect(log[0]).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', detectedAt: T0.toISOString() });
    expect(recordedProblems).toEqual([]);
  });

  it('keeps the first detection of a critical spell; a change from a priority that is not critical begins a new one', async () => {
    const earlier = { detectedAt: '2026-11-20T08:00:00.000Z', priorityName: 'Highest' };
    const priorityChange = (from: string | null) => ({
      ...created(String(T0.getTime())),
      eventType: 'avi:jira:updated:issue',
      changelog: { id: '8', items: [{ field: 'priority', fieldtype: 'jira', fieldId: 'priority', fromString: from, toString: 'Highest' }] },
    });
    // From one critical priority to another (and a repeated delivery): the spell goes on.
    const same = triggerWorld({
      now: T0,
      priority: 'Highest',
      criticalProblem: earlier,
      configuration: { ...CONFIG, criticalPriorities: ['Highest', 'Blocker'] },
    });
    await createCriticalPriorityTrigger(() => same.deps)(priorityChange('Blocker'));
    expect(same.recordedProblems).toEqual([]);
    // Lowered in between, raised again now: detected now.
    const again = triggerWorld({ now: T0, priority: 'Highest', criticalProblem: earlier });
    await createCriticalPriorityTrigger(() => again.deps)(priorityChange('Low'));
    expect(again.recordedProblems).toEqual([{ detectedAt: T0.toISOString(), priorityName: 'Highest' }]);
  });

  it('does nothing for an issue that is not critical, nor for an update that did not touch the priority', async () => {
    const world = triggerWorld({ now: T0, priority: 'Low' });
    await createCriticalPriorityTrigger(() => world.deps)(created(String(T0.getTime())));
    expect(world.log).toEqual([]);
    const other = triggerWorld({ now: T0, priority: 'Highest' });
    await createCriticalPriorityTrigger(() => other.deps)({
      ...created(String(T0.getTime())),
      eventType: 'avi:jira:updated:issue',
      changelog: { id: '7', items: [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary' }] },
    });
    expect(other.priorityReads).toEqual([]);
    expect(other.log).toEqual([]);
    expect(world.recordedProblems).toEqual([]);
  });

  it('asks Forge to deliver the event again when Jira cannot answer now', async () => {
    const { deps } = triggerWorld({ now: T0 });
    deps.priorities.criticalityOf = () => Promise.reject(new Error('socket hang up'));
    expect(await createCriticalPriorityTrigger(() => deps)(created(String(T0.getTime())))).toMatchObject({ _retry: true });
  });
});

describe('critical priority trigger and the contract of the issue’s project', () => {
  it('starts on the template version in force for the issue’s project, not another project’s', async () => {
    const demo = { ...DEFAULT_PROCESS_TEMPLATE, id: projectTemplateId('DEMO'), version: 3 };
    const ops = { ...DEFAULT_PROCESS_TEMPLATE, id: projectTemplateId('OPS'), version: 2 };
    const configuration = { ...CONFIG, autoStartOnCriticalPriority: true };
    const { deps, log } = triggerWorld({ now: T0, priority: 'Highest', templates: { OPS: ops, DEMO: demo }, configuration });
    await createCriticalPriorityTrigger(() => deps)(created(String(T0.getTime())));
    expect(log[0]).toMatchObject({ type: 'escalation-started', template: { id: 'escalation-process:DEMO', version: 3 } });
  });
});
