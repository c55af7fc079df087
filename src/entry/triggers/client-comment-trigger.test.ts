import { NotFoundError, UnavailableError } from '../../infrastructure/http/product-request';
import type { CommentNotificationDeps } from '../../usecases/record-client-notified-by-comment-use-case';
import { createClientCommentTrigger } from './client-comment-trigger';

const event = {
  eventType: 'avi:jira:commented:issue',
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
