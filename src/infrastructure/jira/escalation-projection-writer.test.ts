import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import { EscalationSweepJira } from './escalation-sweep-jira';
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
