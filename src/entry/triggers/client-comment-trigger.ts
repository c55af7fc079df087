import type { InvocationError } from '@forge/events';
import { logger } from '../../infrastructure/logger';
import { createCommentNotificationDeps } from '../../infrastructure/sweep-deps';
import { recordClientNotifiedByComment, type CommentNotificationDeps } from '../../usecases/record-client-notified-by-comment-use-case';
import { PRODUCT_EVENT_TRIGGER_BUDGET_MS } from '../invocation-budgets';
import { isPermanentFailure, retryLater, RETRY_AFTER_SECONDS } from '../retry-later';
import { commentEventSchema, eventTime, projectKeyOf } from './product-event-schemas';

/** Seconds Forge waits before delivering the event again (it retries an InvocationError up to 4 times). */
export const COMMENT_RETRY_AFTER_SECONDS = RETRY_AFTER_SECONDS;

/**
 * Product-event `trigger` on comments (`avi:jira:commented:issue`, sent when a comment is created or
 * edited): a contractor's comment that mentions a client contact of the current level records that the
 * client was notified, which stops the two-hour clock. Only the ids and the event's time are taken from the
 * event: the comment's author, body, properties and times are read from Jira by the app. Transient failures
 * (rate limits, 5xx, storage conflicts) ask Forge to deliver the event again; the record is made once.
 */
export function createClientCommentTrigger(
  makeDeps: () => CommentNotificationDeps = () => createCommentNotificationDeps(PRODUCT_EVENT_TRIGGER_BUDGET_MS),
) {
  return async (event: unknown): Promise<InvocationError | void> => {
    const parsed = commentEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('comment event not understood', { error: parsed.error.message });
      return;
    }
    const { issue, comment, timestamp } = parsed.data;
    const at = eventTime(timestamp);
    try {
      const outcome = await recordClientNotifiedByComment(
        makeDeps(),
        { id: issue.id, key: issue.key, projectKey: projectKeyOf(issue), summary: issue.fields?.summary ?? '' },
        comment.id,
        ...(at ? [at] : []),
      );
      if (outcome.recorded) logger.info('client notification recorded from a comment', { issueKey: issue.key, commentId: comment.id });
    } catch (error) {
      if (isPermanentFailure(error)) {
        logger.warn('comment not taken as a client notification', { issueKey: issue.key, error: String(error) });
        return;
      }
      logger.warn('comment not handled yet; Forge delivers it again', { issueKey: issue.key, error: String(error) });
      return retryLater();
    }
  };
}
