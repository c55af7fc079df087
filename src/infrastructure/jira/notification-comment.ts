import { doc, hardBreak, mention, p, strong, text } from '@atlaskit/adf-utils/builders';
import type { NotificationPlan } from '../../domain/sweep/notification-plan';

/** The comment property that marks a notification comment with its ref (to find it again after a crash). */
export const NOTIFICATION_COMMENT_PROPERTY = 'escalation-notification';

/**
 * The notification as an ADF comment: German, then English, then the contacts — people as `mention`
 * nodes (Jira notifies a mentioned user), groups by name (the Jira notification reached their members).
 */
export function notificationCommentAdf(plan: NotificationPlan): unknown {
  const people = plan.recipients.accountIds.flatMap((id, i) => [...(i > 0 ? [text(' ')] : []), mention({ id, text: `@${id}` })]);
  const groups =
    plan.recipients.groups.length > 0
      ? [text(`${people.length > 0 ? ' · ' : ''}Gruppen / groups: ${plan.recipients.groups.join(', ')}`)]
      : [];
  return doc(
    p(strong(`${plan.subject.de} / ${plan.subject.en}`)),
    p(text(plan.body.de), hardBreak(), text(plan.body.en)),
    ...(people.length + groups.length > 0 ? [p(text('An / To: '), ...people, ...groups)] : []),
  );
}
