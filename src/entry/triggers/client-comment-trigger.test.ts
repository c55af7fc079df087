import { SweepStory, T0 } from '../../domain/sweep/sweep-test-story';
import { NotFoundError, UnavailableError } from '../../infrastructure/http/product-request';
import type { CommentNotificationDeps } from '../../usecases/record-client-notified-by-comment-use-case';
import { createClientCommentTrigger } from './client-comment-trigger';
import { triggerWorld } from './testing/trigger-world';

const event = {
  eventType: 'avi:jira:commented:issue',
  timestamp: '1795424400000',
  issue: { id: '10001', key: 'DEMO-1', fields: { project: { key: 'DEMO' } } },
  comment: { id: '501' },
  atlassianId: 'acc-sam',
};
const failingWith = (error: Error) => () => ({ events: { load: () => Promise.reject(error) } }) as unknown as CommentNotificationDeps;

describe('client comment trigger', () => {
  beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

  it('asks Forge to deliver the event again on a transient failure', async () => {
    for (const error of [new UnavailableError('429', 429, ''), new Error('storage unavailable')]) {
      expect(await createClientCommentTrigger(failingWith(error))(event)).toMatchObject({
        _retry: true,
        retryOptions: { retryAfter: 60, retryReason: 'FUNCTION_RETRY_REQUEST' },
      });
    }
  });

  it('does not retry what another delivery cannot fix, nor an event it does not understand', async () => {
    expect(await createClientCommentTrigger(failingWith(new NotFoundError('gone', 404, '')))(event)).toBeUndefined();
    expect(await createClientCommentTrigger(failingWith(new Error('never called')))({ issue: { key: 'DEMO-1' } })).toBeUndefined();
  });
});

describe('a mention added by editing an old comment', () => {
  const MIN = 60_000;
  const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN).toISOString();
  const mention = (id: string) => ({ type: 'mention', attrs: { id, text: `@${id}` } });
  const adf = (...content: unknown[]) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content }] });

  it('counts as a notification when it became visible (the edit), not when the comment was created', async () => {
    const log = new SweepStory().start({ detectedAt: T0.toISOString() }).log;
    // Written at 09:05 without a mention; at 10:40 Sam edits it and mentions the client.
    const comment = {
      id: '501',
      authorAccountId: 'acc-sam',
      body: adf({ type: 'text', text: 'Status: ' }, mention('acc-klaus')),
      created: at(5),
      updated: at(100),
      appNotification: false,
    };
    const world = triggerWorld({ log, now: new Date(at(102)), comment });
    const edited = { ...event, timestamp: String(T0.getTime() + 100 * MIN), comment: { id: '501', created: at(5), updated: at(100) } };
    expect(await createClientCommentTrigger(() => world.deps)(edited)).toBeUndefined();
    const notified = world.log.filter((e) => e.type === 'client-notified');
    expect(notified).toHaveLength(1);
    expect(notified[0]!.at).toBe(at(100));
  });
});
