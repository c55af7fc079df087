import type { Actor } from '../domain/escalation/escalation-event';
import { escapeMarkup } from '../domain/markup/escape-markup';
import type { NotificationPlan } from '../domain/sweep/notification-plan';
import type { Logger } from './ports/logger';
import { ServiceRequestError } from './ports/port-errors';
import type { NotificationClaim, NotificationClaims, SweepIssue, SweepJira } from './escalation-sweep-deps';

/** Longer than any Forge function may run (900 s): a holder whose lease ran out is certainly gone. */
export const CLAIM_LEASE_MS = 16 * 60_000;

export type DeliveryOutcome = 'sent' | 'already-sent' | 'held-elsewhere' | 'failed';

/** What sending a notification needs of Jira: the notification, the marked comment, and finding it again. */
export type NotificationJira = Pick<SweepJira, 'notify' | 'addNotificationComment' | 'hasNotificationComment'>;

/** What sending needs, as the app: the sweep's deps, or a request's (a person's escalation tells the next level). */
export interface NotificationDeps {
  readonly jira: NotificationJira;
  readonly claims: NotificationClaims;
  readonly now: () => Date;
  /** Identifies the running invocation in claims (diagnostics). */
  readonly invocationId: string;
  readonly logger: Logger;
}

/** The issue a notification is about: its id (claims), key (Jira) and summary (the text). */
export type NotifiedIssue = Pick<SweepIssue, 'id' | 'key' | 'summary'>;

/**
 * Sends one owed notification — a Jira notification and a comment with mentions — at most once per step,
 * and tells the caller when it is done so that `notification-sent` gets recorded.
 *
 * Exactly once, even when sweeps overlap or repeat:
 * 1. The effect the notification is about is recorded first (the intent, in the escalation log with its
 *    ref). Any run may then find the notification owed; only one may send it.
 * 2. A run sends only while it holds a claim: attempt n of `claim(issue, ref)`, created with
 *    FAIL_IF_EXISTS. Two runs racing for the same attempt cannot both win.
 * 3. The claim records progress before and after each step (`inFlight`, then `notified`/`commented`),
 *    so a later attempt never repeats a finished step.
 * 4. A holder that got an error answer marks the attempt `failed`: the step did not happen and the next
 *    attempt (next sweep) does it. A request without an answer, or a holder that vanished mid-step (its
 *    lease ran out with a step in flight), leaves an unknown outcome: the comment is checked by its marker
 *    property (also before the client repeats a POST whose answer was lost); the Jira notification cannot
 *    be checked, so it is NOT sent again — at most one e-mail, and the comment's mentions reach everyone.
 * 5. When both steps are done the claim says `done`, and the caller records `notification-sent` with the
 *    ref `notified:<effect ref>`; a crash before that record is healed by the next run seeing `done`.
 */
export async function deliverNotification(deps: NotificationDeps, issue: NotifiedIssue, plan: NotificationPlan): Promise<DeliveryOutcome> {
  const latest = await deps.claims.latest(issue.id, plan.ref);
  if (latest?.done) return 'already-sent';
  const nowMs = deps.now().getTime();
  if (latest && !latest.failed && latest.leaseUntil > nowMs) return 'held-elsewhere';
  let notified = latest?.notified ?? false;
  let commented = latest?.commented ?? false;
  if (latest && !latest.failed && latest.inFlight === 'comment') commented = await deps.jira.hasNotificationComment(issue.key, plan.ref);
  // A lost run's notification may or may not have gone out, and Jira keeps nothing to check. It is not sent
  // again: a second e-mail is the failure people notice; the comment's mentions still reach the contacts.
  if (latest && !latest.failed && latest.inFlight === 'notify') {
    deps.logger.warn('notification outcome unknown after a lost run; not sent again, the comment follows', {
      issueKey: issue.key,
      ref: plan.ref,
    });
    notified = true;
  }

  let claim: NotificationClaim = {
    attempt: (latest?.attempt ?? 0) + 1,
    holder: deps.invocationId,
    leaseUntil: nowMs + CLAIM_LEASE_MS,
    notified,
    commented,
    done: false,
    ...(!notified ? { inFlight: 'notify' as const } : !commented ? { inFlight: 'comment' as const } : {}),
  };
  if (!(await deps.claims.create(issue.id, plan.ref, claim))) return 'held-elsewhere';
  const update = async (change: Partial<NotificationClaim>) => {
    const { inFlight: _dropped, ...rest } = claim;
    claim = { ...rest, ...change };
    await deps.claims.update(issue.id, plan.ref, claim);
  };
  try {
    if (!claim.notified) {
      const subject = `[${issue.key}] ${plan.subject.de} / ${plan.subject.en}`;
      const textBody = `${plan.body.de}\n\n${plan.body.en}\n\n${issue.key}: ${issue.summary}`;
      const htmlBody = `<p>${escapeHtml(plan.body.de)}</p><p>${escapeHtml(plan.body.en)}</p><p>${escapeHtml(`${issue.key}: ${issue.summary}`)}</p>`;
      try {
        await notifyRecipients(deps, issue, plan, { subject, textBody, htmlBody });
      } catch (error) {
        if (error instanceof ServiceRequestError) throw error;
        // No answer: the notification may have gone out. Not sent again (see above); on to the comment.
        deps.logger.warn('notification outcome unknown; not sent again, the comment follows', {
          issueKey: issue.key,
          ref: plan.ref,
          error: String(error),
        });
      }
      await update({ notified: true, ...(!claim.commented ? { inFlight: 'comment' as const } : {}) });
    }
    if (!claim.commented) {
      await deps.jira.addNotificationComment(issue.key, plan);
      await update({ commented: true });
    }
    await update({ done: true });
    return 'sent';
  } catch (error) {
    // An error answer means the step in flight did not happen; the next attempt takes over at once.
    const answered = error instanceof ServiceRequestError;
    if (answered) await update({ failed: true }).catch(() => undefined);
    deps.logger.warn('notification not sent this time', { issueKey: issue.key, ref: plan.ref, error: String(error) });
    return 'failed';
  }
}

/**
 * Jira refuses a whole notification when one recipient is invalid (a deleted account, a renamed group:
 * `POST /rest/api/3/issue/{key}/notify` answers 400 "the recipient is invalid"). Then each recipient is
 * notified on their own, so one stale contact does not silence the others; the refused ones are logged.
 */
async function notifyRecipients(
  deps: NotificationDeps,
  issue: NotifiedIssue,
  plan: NotificationPlan,
  message: { subject: string; textBody: string; htmlBody: string },
): Promise<void> {
  const { accountIds, groups } = plan.recipients;
  const result = await deps.jira.notify(issue.key, { ...message, accountIds, groups });
  if (result === 'sent') return;
  if (accountIds.length + groups.length <= 1) {
    deps.logger.warn('notification has no valid recipients; comment only', { issueKey: issue.key, ref: plan.ref });
    return;
  }
  const refused: string[] = [];
  for (const accountId of accountIds)
    if ((await deps.jira.notify(issue.key, { ...message, accountIds: [accountId], groups: [] })) !== 'sent') refused.push(accountId);
  for (const group of groups)
    if ((await deps.jira.notify(issue.key, { ...message, accountIds: [], groups: [group] })) !== 'sent') refused.push(`group:${group}`);
  deps.logger.warn('notification refused for some recipients; sent to the others', { issueKey: issue.key, ref: plan.ref, refused });
}

/** The actor of recorded notifications. */
export const NOTIFYING_ACTOR: Actor = { accountId: 'app', party: 'system' };

function escapeHtml(text: string): string {
  return escapeMarkup(text);
}
