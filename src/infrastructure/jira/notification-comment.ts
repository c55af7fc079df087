/**
 * The comment property that marked the notification comments of earlier versions (notifications are now
 * Jira notifications to the named people only). Such comments are not a party's words: the client-comment
 * trigger ignores them and the report leaves them out.
 */
export const NOTIFICATION_COMMENT_PROPERTY = 'escalation-notification';
