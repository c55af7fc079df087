import type { IssueChange, Principal } from '../sandbox-api';
import { APP_ACCOUNT_ID } from './issue-repo';

/** Jira product events that the issue view turns into frontend `JIRA_ISSUE_CHANGED` events. */
const CHANGE_TYPES: Readonly<Record<string, IssueChange['changeType']>> = {
  'avi:jira:updated:issue': 'updated',
  'avi:jira:commented:issue': 'commented',
};

/** How many changes the feed keeps for pages that poll it (older ones are gone, as a missed event is in Jira). */
const KEPT = 500;

/**
 * The issue changes an open issue view learns about: every update or comment, whoever made it (a person, a
 * workflow transition, the app writing its field as the app). The sandbox's issue page reads them and passes
 * them to the app's frames of that issue, as Jira's issue view does.
 */
export class IssueChangeFeed {
  private changes: IssueChange[] = [];
  private seq = 0;

  record(eventType: string, payload: Record<string, unknown>, principal: Principal): void {
    const changeType = CHANGE_TYPES[eventType];
    const issue = payload.issue as { id?: string | number; key?: unknown; fields?: { project?: { id?: string | number } } } | undefined;
    if (!changeType || !issue || typeof issue.key !== 'string') return;
    this.changes.push({
      seq: ++this.seq,
      issueId: String(issue.id ?? ''),
      issueKey: issue.key,
      projectId: String(issue.fields?.project?.id ?? ''),
      changeType,
      atlassianId: principal.kind === 'user' ? principal.accountId : APP_ACCOUNT_ID,
    });
    if (this.changes.length > KEPT) this.changes.splice(0, this.changes.length - KEPT);
  }

  /** The changes after `seq`, and the newest sequence number to ask from next time. */
  since(seq: number): { readonly seq: number; readonly changes: readonly IssueChange[] } {
    return { seq: this.seq, changes: this.changes.filter((c) => c.seq > seq) };
  }
}
