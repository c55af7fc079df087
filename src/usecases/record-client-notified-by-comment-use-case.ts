import { replayEscalation } from '../domain/escalation/replay-escalation';
import {
  clientContactsAt,
  clientNotifiedByComment,
  commentMayCount,
  isContactByGroups,
  isContractorMember,
  mentionedAccountIds,
  mentionedByAccount,
  type CommentIgnoredReason,
} from '../domain/sweep/comment-notification';
import { recordEscalationSummary } from './record-escalation-summary';
import type { SweepDeps, SweepIssue } from './escalation-sweep-deps';
import { appendOnce } from './append-once';
import { processEscalationDeadlines } from './process-escalation-deadlines-use-case';

/** A comment as Jira has it now (read by the app, not taken from the event). */
export interface IssueComment {
  readonly id: string;
  readonly authorAccountId?: string;
  readonly body: unknown;
  readonly created?: string;
  /** Last edit (ISO): the current body, and so its mentions, became visible then. */
  readonly updated?: string;
  /** Carries the app's notification-comment marker: the app's own comment never counts. */
  readonly appNotification: boolean;
}

/** What recording a notification by comment needs of Jira, as the app. */
export interface CommentNotificationJira {
  /** @returns undefined when the comment is gone (deleted before the event was handled). */
  getComment(issueIdOrKey: string, commentId: string): Promise<IssueComment | undefined>;
  /** The user's Jira groups (decides their party and whether they are a client contact by group). */
  userGroups(accountId: string): Promise<string[]>;
}

export interface CommentNotificationDeps extends SweepDeps {
  readonly comments: CommentNotificationJira;
}

export type CommentOutcome =
  { readonly recorded: true } | { readonly recorded: false; readonly reason: CommentIgnoredReason | 'comment-gone' };

/** Mentioned users whose groups are looked up at most (a comment mentioning a crowd is not a notice). */
const MAX_GROUP_LOOKUPS = 10;

/**
 * A comment on an escalated issue (`avi:jira:commented:issue`): if a contractor-party member wrote it and it
 * mentions a client contact of the current level, it records that the client was notified (channel `jira`),
 * which stops the two-hour clock; then the projection and the analytics summary follow.
 *
 * Cheap when it cannot count: the log is read first (storage only) and Jira is asked nothing for an issue
 * without an open escalation, one whose client was already notified, or a comment already recorded.
 * Idempotent: the event's ref is `comment:<id>`, so a duplicated or edited comment records once.
 *
 * The notification time is when the mention became visible: the comment's last edit (`updated`), which for
 * a comment never edited is its creation; without it, the event's time (`eventAt`) for an edit. A mention
 * added by editing an old comment therefore counts from the edit, never from the old creation time.
 */
export async function recordClientNotifiedByComment(
  deps: CommentNotificationDeps,
  issue: SweepIssue,
  commentId: string,
  eventAt?: string,
): Promise<CommentOutcome> {
  const log = await deps.events.load(issue.id);
  const state = replayEscalation(log);
  const early = commentMayCount(state, log, commentId);
  if (early) return { recorded: false, reason: early };

  const comment = await deps.comments.getComment(issue.id, commentId);
  if (!comment) return { recorded: false, reason: 'comment-gone' };
  if (comment.appNotification) return { recorded: false, reason: 'app-comment' };
  const mentioned = mentionedAccountIds(comment.body);
  if (mentioned.length === 0) return { recorded: false, reason: 'no-mention' };
  if (!comment.authorAccountId) return { recorded: false, reason: 'not-contractor' };

  const configuration = await deps.configurations.get(issue.projectKey);
  const authorIsContractor = isContractorMember(configuration, await deps.comments.userGroups(comment.authorAccountId));
  if (!authorIsContractor) return { recorded: false, reason: 'not-contractor' };

  const contacts = clientContactsAt(configuration, state!.level);
  let mentionsClientContact = mentionedByAccount(contacts, mentioned).length > 0;
  if (!mentionsClientContact && contacts.groups.length > 0) {
    for (const accountId of mentioned.filter((id) => id !== comment.authorAccountId).slice(0, MAX_GROUP_LOOKUPS)) {
      if (isContactByGroups(contacts, await deps.comments.userGroups(accountId))) {
        mentionsClientContact = true;
        break;
      }
    }
  }

  const visibleSince = latest(comment.created, comment.updated, eventAt);
  const template = await deps.templates.get(state!.template);
  const now = deps.now();
  const { appended, loaded } = await appendOnce(deps, issue.id, { log, state }, (current, currentLog) => {
    const decision = clientNotifiedByComment({
      state: current,
      log: currentLog,
      template,
      comment: {
        id: comment.id,
        authorAccountId: comment.authorAccountId!,
        body: comment.body,
        ...(visibleSince ? { created: visibleSince } : {}),
      },
      authorIsContractor,
      mentionsClientContact,
      now,
    });
    return 'event' in decision ? decision.event : undefined;
  });
  if (!appended) {
    const again = clientNotifiedByComment({
      state: loaded.state,
      log: loaded.log,
      template,
      comment: { id: comment.id, authorAccountId: comment.authorAccountId, body: comment.body },
      authorIsContractor,
      mentionsClientContact,
      now,
    });
    return { recorded: false, reason: 'ignored' in again ? again.ignored : 'already-recorded' };
  }
  if (loaded.state) await recordEscalationSummary(deps, { state: loaded.state, log: loaded.log, template, issue });
  // The two-hour deadline is met: the property's next check time and overdue flag move on.
  await processEscalationDeadlines(deps, issue, { configuration });
  return { recorded: true };
}

/** The latest of the given ISO times (unparsable ones ignored). */
function latest(...times: (string | undefined)[]): string | undefined {
  const valid = times.filter((t): t is string => t !== undefined && !Number.isNaN(Date.parse(t)));
  if (valid.length === 0) return undefined;
  return new Date(Math.max(...valid.map((t) => Date.parse(t)))).toISOString();
}
