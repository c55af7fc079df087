import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { ProductRequestError, UnavailableError } from '../../infrastructure/http/product-request';
import { logger } from '../../infrastructure/logger';
import { createCommentNotificationDeps } from '../../infrastructure/sweep-deps';
import { recordClientNotifiedByComment, type CommentNotificationDeps } from '../../usecases/record-client-notified-by-comment-use-case';
import { TRIGGER_TIMEOUT_SECONDS } from './critical-priority-trigger';

/**
 * `avi:jira:commented:issue` as Forge delivers it (only what is read). Jira sends it when a comment is
 * created or edited. Only the ids are taken from the event: the comment's author, body and properties are
 * read from Jira by the app, so nothing in the payload decides who wrote it or whom it mentions.
 */
const commentEventSchema = z
  .object({
    issue: z
      .object({
        id: z.union([z.string(), z.number()]),
        key: z.string().min(1),
        fields: z
          .object({ summary: z.string().optional(), project: z.object({ key: z.string() }).passthrough().optional() })
          .passthrough()
          .optional(),
      })
      .passthrough(),
    comment: z.object({ id: z.union([z.string(), z.number()]) }).passthrough(),
  })
  .passthrough();

/** Seconds Forge waits before delivering the event again (it retries an InvocationError up to 4 times). */
export const COMMENT_RETRY_AFTER_SECONDS = 60;

/** Errors another delivery cannot fix: the issue or comment is not there, or the app may not read it. */
function isPermanent(error: unknown): boolean {
  return error instanceof ProductRequestError && !(error instanceof UnavailableError);
}

/**
 * Product-event `trigger` on comments: a contractor's comment that mentions a client contact of the
 * current level records that the client was notified, which stops the two-hour clock. Transient failures
 * (rate limits, 5xx, storage conflicts) ask Forge to deliver the event again; the record is made once.
 */
export function createClientCommentTrigger(
  makeDeps: () => CommentNotificationDeps = () => createCommentNotificationDeps(TRIGGER_TIMEOUT_SECONDS),
) {
  return async (event: unknown): Promise<InvocationError | void> => {
    const parsed = commentEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.warn('comment event not understood', { error: parsed.error.message });
      return;
    }
    const { issue, comment } = parsed.data;
    try {
      const outcome = await recordClientNotifiedByComment(
        makeDeps(),
        {
          id: String(issue.id),
          key: issue.key,
          projectKey: issue.fields?.project?.key ?? issue.key.split('-')[0]!,
          summary: issue.fields?.summary ?? '',
        },
        String(comment.id),
      );
      if (outcome.recorded)
        logger.info('client notification recorded from a comment', { issueKey: issue.key, commentId: String(comment.id) });
    } catch (error) {
      if (isPermanent(error)) {
        logger.warn('comment not taken as a client notification', { issueKey: issue.key, error: String(error) });
        return;
      }
      logger.warn('comment not handled yet; Forge delivers it again', { issueKey: issue.key, error: String(error) });
      return new InvocationError({ retryAfter: COMMENT_RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    }
  };
}
