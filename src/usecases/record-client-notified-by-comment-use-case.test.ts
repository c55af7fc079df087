import type { EscalationEvent } from '../domain/escalation/escalation-event';
import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import { CONFIG, SweepStory, T0 } from '../domain/sweep/sweep-test-story';
import { silentLogger } from './ports/logger';
import { ConcurrentAppendError } from './ports/port-errors';
import type { ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { SweepIssue } from './escalation-sweep-deps';
import {
  recordClientNotifiedByComment,
  type CommentNotificationDeps,
  type IssueComment,
} from './record-client-notified-by-comment-use-case';
import { inMemoryDueIndex } from './testing/in-memory-due-index';

const issue: SweepIssue = { id: '10001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'Outage' };
const GROUPS: Record<string, string[]> = { 'acc-sam': ['contractor-team'], 'acc-klaus': ['client-team'], 'acc-carla': ['contractor-team'] };
const mention = (id: string) => ({ type: 'mention', attrs: { id, text: `@${id}` } });
const adf = (...content: unknown[]) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content }] });

function world(options: { log?: EscalationEvent[]; configuration?: ProjectConfiguration; comment?: Partial<IssueComment> } = {}) {
  const log = [...(options.log ?? new SweepStory().start({ detectedAt: T0.toISOString() }).log)];
  const calls: string[] = [];
  const comment: IssueComment = {
    id: '501',
    authorAccountId: 'acc-sam',
    body: adf({ type: 'text', text: 'Told ' }, mention('acc-klaus')),
    created: new Date(T0.getTime() + 20 * 60_000).toISOString(),
    appNotification: false,
    ...options.comment,
  };
  const saveProjection = jest.fn(() => Promise.resolve());
  const deps = {
    events: {
      load: () => Promise.resolve([...log]),
      append: (_id: string, events: readonly EscalationEvent[]) => {
        if (events[0]!.seq !== log.length + 1) return Promise.reject(new ConcurrentAppendError(issue.id, events[0]!.seq));
        log.push(...events);
        return Promise.resolve();
      },
    },
    configurations: { get: () => Promise.resolve(options.configuration ?? CONFIG), save: () => Promise.resolve() },
    templates: { active: () => Promise.resolve(DEFAULT_PROCESS_TEMPLATE), get: () => Promise.resolve(DEFAULT_PROCESS_TEMPLATE) },
    comments: {
      getComment: (_issue: string, id: string) => {
        calls.push(`comment:${id}`);
        return Promise.resolve(id === comment.id ? comment : undefined);
      },
      userGroups: (accountId: string) => {
        calls.push(`groups:${accountId}`);
        return Promise.resolve(GROUPS[accountId] ?? []);
      },
    },
    jira: { saveProjection, siteLocale: () => Promise.resolve('en' as const) },
    dueIndex: inMemoryDueIndex(),
    claims: { latest: () => Promise.resolve(undefined), create: () => Promise.resolve(true), update: () => Promise.resolve() },
    now: () => new Date(T0.getTime() + 25 * 60_000),
    remainingMs: () => 50_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as CommentNotificationDeps;
  return { deps, log, calls, saveProjection };
}

describe('recordClientNotifiedByComment', () => {
  it('with no client contact configured, a member of the client party counts (by group)', async () => {
    const { deps, log, calls, saveProjection } = world();
    expect(await recordClientNotifiedByComment(deps, issue, '501')).toEqual({ recorded: true });
    expect(log.filter((e) => e.type === 'client-notified')).toHaveLength(1);
    expect(calls).toEqual(['comment:501', 'groups:acc-sam', 'groups:acc-klaus']);
    expect(saveProjection).toHaveBeenCalled(); // the property's deadlines move on
    // Again (a duplicate or an edit): nothing asked of Jira, nothing recorded.
    calls.length = 0;
    expect(await recordClientNotifiedByComment(deps, issue, '501')).toEqual({ recorded: false, reason: 'already-recorded' });
    expect(calls).toEqual([]);
  });

  it('with contacts configured for the level, only they count', async () => {
    const configuration = { ...CONFIG, contacts: { 1: { client: { accountIds: ['acc-erika'], groups: [] } } } };
    expect(await recordClientNotifiedByComment(world({ configuration }).deps, issue, '501')).toEqual({
      recorded: false,
      reason: 'no-client-contact',
    });
    const toErika = world({ configuration, comment: { body: adf(mention('acc-erika')) } });
    expect(await recordClientNotifiedByComment(toErika.deps, issue, '501')).toEqual({ recorded: true });
    expect(toErika.calls).toEqual(['comment:501', 'groups:acc-sam']); // matched by account id: no group lookup
  });

  it("ignores the client's comment, the app's own comment, a comment without mention, and a deleted one", async () => {
    expect(await recordClientNotifiedByComment(world({ comment: { authorAccountId: 'acc-klaus' } }).deps, issue, '501')).toEqual({
      recorded: false,
      reason: 'not-contractor',
    });
    expect(await recordClientNotifiedByComment(world({ comment: { appNotification: true } }).deps, issue, '501')).toEqual({
      recorded: false,
      reason: 'app-comment',
    });
    expect(
      await recordClientNotifiedByComment(world({ comment: { body: adf({ type: 'text', text: '@klaus' }) } }).deps, issue, '501'),
    ).toEqual({ recorded: false, reason: 'no-mention' });
    expect(await recordClientNotifiedByComment(world().deps, issue, '999')).toEqual({ recorded: false, reason: 'comment-gone' });
  });

  it('asks Jira nothing for an issue without an open escalation or once the client was notified', async () => {
    const none = world({ log: [] });
    expect(await recordClientNotifiedByComment(none.deps, issue, '501')).toEqual({ recorded: false, reason: 'no-escalation' });
    const notified = world({ log: new SweepStory().start().notifyClient().log });
    expect(await recordClientNotifiedByComment(notified.deps, issue, '501')).toEqual({ recorded: false, reason: 'already-notified' });
    expect([...none.calls, ...notified.calls]).toEqual([]);
  });
});
