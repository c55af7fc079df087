import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import { EscalationSweepJira } from './escalation-sweep-jira';
import { EscalationFieldIdLookup, writeEscalationProjections } from './escalation-projection-writer';
import type { JiraClient } from './jira-client';
import { JiraIssueService } from './jira-issue-service';

/** A site's Jira: its own id for the app's field (Jira numbers custom fields per site). */
function site(fieldId: string) {
  const writes: string[] = [];
  const client = {
    getFields: () =>
      Promise.resolve([
        { id: 'summary', name: 'Summary' },
        {
          id: fieldId,
          name: 'Escalation level',
          schema: { custom: 'ari:cloud:ecosystem::extension/app-id/env-id/static/escalation-level' },
        },
      ]),
    setAppFieldValue: (id: string) => {
      writes.push(id);
      return Promise.resolve();
    },
    setIssueProperty: () => Promise.resolve(),
  } as unknown as JiraClient;
  return { client, writes };
}

const issue = { id: '10001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'Outage' };
const document = { schemaVersion: 1, level: 2, status: 'open' } as unknown as EscalationIndexDocument;
const field: EscalationFieldValue = { level: 2, name: 'Mittleres Management / Middle management', status: 'open' };

describe('the level field id belongs to one site, never to the process', () => {
  it('two sites served one after the other by the same warm process each get their own field id', async () => {
    const a = site('customfield_10050');
    const b = site('customfield_20077');
    await new EscalationSweepJira(a.client).saveProjection(issue, document, field);
    await new EscalationSweepJira(b.client).saveProjection(issue, document, field);
    await new JiraIssueService(a.client, a.client).saveProjection(issue, document, field);
    await new JiraIssueService(b.client, b.client).saveProjection(issue, document, field);
    expect(a.writes).toEqual(['customfield_10050', 'customfield_10050']);
    expect(b.writes).toEqual(['customfield_20077', 'customfield_20077']);
  });
});

describe('writeEscalationProjections: the sweep batch in bulk', () => {
  type Task = { status: string };
  function bulkSite(tasks: Task[][], options: { fieldFails?: boolean } = {}) {
    const calls: string[] = [];
    const fieldUpdates: { customField: string; issueIds: readonly number[]; value: unknown }[][] = [];
    const propertyIssues: number[][] = [];
    let submitted = 0;
    const client = {
      getFields: () => site('customfield_10050').client.getFields(),
      setAppFieldValues: (updates: { customField: string; issueIds: readonly number[]; value: unknown }[]) => {
        calls.push('field');
        fieldUpdates.push(updates);
        return options.fieldFails ? Promise.reject(new Error('POST app field values failed with 503')) : Promise.resolve();
      },
      setIssuePropertiesMulti: (issues: { issueId: number }[]) => {
        calls.push('multi');
        propertyIssues.push(issues.map((i) => i.issueId));
        return Promise.resolve(String(submitted++));
      },
      getTask: (id: string) => {
        calls.push(`task ${id}`);
        return Promise.resolve({ id, status: tasks[Number(id)]!.shift()!.status });
      },
    } as unknown as JiraClient;
    return { client, calls, fieldUpdates, propertyIssues };
  }
  const ref = (n: number) => ({ id: String(10_000 + n), key: `DEMO-${n}` });
  const noWait = () => Promise.resolve();

  it('one field request for the changed levels (same value together), properties 100 issues a request, each task read back', async () => {
    const s = bulkSite([[{ status: 'COMPLETE' }], [{ status: 'ENQUEUED' }, { status: 'RUNNING' }, { status: 'COMPLETE' }]]);
    const writes = Array.from({ length: 150 }, (_, n) => ({
      issue: ref(n),
      document,
      ...(n < 3 ? { field: { ...field, level: n % 2 === 0 ? 2 : 3 } } : {}),
    }));
    const result = await writeEscalationProjections(s.client, new EscalationFieldIdLookup(s.client), writes, noWait);
    expect(s.fieldUpdates).toEqual([
      [
        { customField: 'customfield_10050', issueIds: [10_000, 10_002], value: { ...field, level: 2 } },
        { customField: 'customfield_10050', issueIds: [10_001], value: { ...field, level: 3 } },
      ],
    ]);
    expect(s.propertyIssues.map((ids) => ids.length)).toEqual([100, 50]);
    expect(s.calls).toEqual(['field', 'multi', 'multi', 'task 0', 'task 1', 'task 1', 'task 1']);
    expect(result.written).toHaveLength(150);
    expect(result.failed).toEqual([]);
  });

  it('a failed or unfinished task leaves its issues unconfirmed; a failed field write keeps their property as it was', async () => {
    const failedTask = bulkSite([[{ status: 'FAILED' }]]);
    const a = await writeEscalationProjections(
      failedTask.client,
      new EscalationFieldIdLookup(failedTask.client),
      [{ issue: ref(1), document }],
      noWait,
    );
    expect(a.written).toEqual([]);
    expect(a.failed[0]).toMatchObject({ issueIds: ['10001'] });

    const slow = bulkSite([Array.from({ length: 10 }, () => ({ status: 'RUNNING' }))]);
    const b = await writeEscalationProjections(
      slow.client,
      new EscalationFieldIdLookup(slow.client),
      [{ issue: ref(1), document }],
      noWait,
    );
    expect(b.written).toEqual([]);
    expect(b.failed[0]!.reason).toMatch(/not finished/);

    const fieldDown = bulkSite([[{ status: 'COMPLETE' }]], { fieldFails: true });
    const c = await writeEscalationProjections(
      fieldDown.client,
      new EscalationFieldIdLookup(fieldDown.client),
      [
        { issue: ref(1), document, field },
        { issue: ref(2), document },
      ],
      noWait,
    );
    expect(fieldDown.propertyIssues).toEqual([[10_002]]);
    expect(c.written).toEqual(['10002']);
    expect(c.failed[0]).toMatchObject({ issueIds: ['10001'] });
  });
});
