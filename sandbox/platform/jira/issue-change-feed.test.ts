import { IssueChangeFeed } from './issue-change-feed';
import { APP_ACCOUNT_ID } from './issue-repo';

const issue = { id: '10003', key: 'DEMO-3', fields: { project: { id: '10000' } } };

describe('the issue change feed (what Jira’s issue view tells its modules)', () => {
  it('keeps updates and comments with who made them, the app’s own changes under its account', () => {
    const feed = new IssueChangeFeed();
    feed.record('avi:jira:updated:issue', { issue }, { kind: 'user', accountId: 'u1' });
    feed.record('avi:jira:commented:issue', { issue, comment: { id: '1' } }, { kind: 'user', accountId: 'u2' });
    feed.record('avi:jira:updated:issue', { issue }, { kind: 'app' });
    expect(feed.since(0).changes).toEqual([
      { seq: 1, issueId: '10003', issueKey: 'DEMO-3', projectId: '10000', changeType: 'updated', atlassianId: 'u1' },
      { seq: 2, issueId: '10003', issueKey: 'DEMO-3', projectId: '10000', changeType: 'commented', atlassianId: 'u2' },
      { seq: 3, issueId: '10003', issueKey: 'DEMO-3', projectId: '10000', changeType: 'updated', atlassianId: APP_ACCOUNT_ID },
    ]);
  });

  it('answers only what came after the sequence number asked from, and ignores events that are no issue change', () => {
    const feed = new IssueChangeFeed();
    feed.record('avi:jira:updated:issue', { issue }, { kind: 'user', accountId: 'u1' });
    feed.record('avi:jira:created:issue', { issue }, { kind: 'user', accountId: 'u1' });
    feed.record('avi:jira:updated:issue', {}, { kind: 'user', accountId: 'u1' });
    const first = feed.since(0);
    expect(first.seq).toBe(1);
    expect(feed.since(first.seq).changes).toEqual([]);
    feed.record('avi:jira:commented:issue', { issue }, { kind: 'user', accountId: 'u3' });
    expect(feed.since(first.seq).changes.map((c) => c.atlassianId)).toEqual(['u3']);
  });
});
