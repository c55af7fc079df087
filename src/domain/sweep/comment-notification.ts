import type { ProjectConfiguration } from '../configuration/project-configuration';
import { partyOfGroups } from '../configuration/project-configuration';
import type { Actor, EscalationEvent, NewEscalationEvent } from '../escalation/escalation-event';
import type { EscalationState } from '../escalation/escalation-state';
import { recordClientNotified } from '../escalation/escalation-commands';
import type { ProcessTemplate } from '../process/process-template';
import { contactsFor, type Recipients } from './escalation-contacts';

/**
 * "Recording the notification (in the panel, or by a comment to the client contacts) stops it": a comment
 * by a contractor-party member that mentions (ADF `mention` nodes) a client contact of the escalation's
 * current level records `client-notified` (channel `jira`), which stops the two-hour clock.
 *
 * Who counts as a client contact: the contacts the project configured for the current level and the
 * client party (account ids, or members of the named groups); where none are configured at that level,
 * any member of the client party's groups — the same people the sweep would notify ({@link contactsFor}).
 */

/** The ref of the `client-notified` event a comment records: a duplicated or edited comment records once. */
export const commentRef = (commentId: string): string => `comment:${commentId}`;

/** Longest note taken from a comment. */
export const COMMENT_EXCERPT_LENGTH = 200;

/** Account ids of the users mentioned (ADF `mention` nodes) anywhere in a comment body, in order, once each. */
export function mentionedAccountIds(adf: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    const { type, attrs, content } = node as { type?: unknown; attrs?: { id?: unknown }; content?: unknown };
    if (type === 'mention' && typeof attrs?.id === 'string' && attrs.id.trim() && !ids.includes(attrs.id)) ids.push(attrs.id);
    if (Array.isArray(content)) content.forEach((c) => walk(c, depth + 1));
  };
  walk(adf, 0);
  return ids;
}

/** A short plain-text excerpt of a comment (text and mention names), for the event's note. */
export function commentExcerpt(adf: unknown, max = COMMENT_EXCERPT_LENGTH): string {
  const parts: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 50) return;
    const { type, text, attrs, content } = node as { type?: unknown; text?: unknown; attrs?: { text?: unknown }; content?: unknown };
    if (type === 'text' && typeof text === 'string') parts.push(text);
    else if (type === 'mention' && typeof attrs?.text === 'string') parts.push(attrs.text);
    else if (type === 'hardBreak') parts.push(' ');
    if (Array.isArray(content)) content.forEach((c) => walk(c, depth + 1));
    if (type === 'paragraph' || type === 'heading' || type === 'listItem') parts.push(' ');
  };
  walk(adf, 0);
  const flat = parts.join('').replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** The client contacts of the escalation's current level (configured, or the client party's groups). */
export function clientContactsAt(configuration: ProjectConfiguration, level: EscalationState['level']): Recipients {
  return contactsFor(configuration, level, ['client']);
}

/** Mentioned users that are a client contact by account id alone (no group lookup needed). */
export function mentionedByAccount(contacts: Recipients, mentioned: readonly string[]): string[] {
  return mentioned.filter((id) => contacts.accountIds.includes(id));
}

/** Whether a mentioned user's groups make them a client contact (a member of a contact group). */
export function isContactByGroups(contacts: Recipients, groups: readonly string[]): boolean {
  return contacts.groups.some((g) => groups.includes(g));
}

export type CommentIgnoredReason =
  | 'no-escalation'
  | 'not-open'
  | 'already-notified'
  | 'already-recorded'
  | 'app-comment'
  | 'no-mention'
  | 'not-contractor'
  | 'no-client-contact'
  | 'rejected';

/**
 * Whether a comment still could stop the clock, before anything about the comment is read: only an open
 * escalation whose client notification is outstanding, and only once per comment.
 */
export function commentMayCount(
  state: EscalationState | undefined,
  log: readonly EscalationEvent[],
  commentId: string,
): CommentIgnoredReason | undefined {
  if (!state) return 'no-escalation';
  if (state.status !== 'open') return 'not-open';
  if (log.some((e) => e.origin?.ref === commentRef(commentId))) return 'already-recorded';
  // The first notification stops the clock; later comments add nothing to the record.
  if (state.clientNotifiedAt) return 'already-notified';
  return undefined;
}

/** The party the comment's author speaks for, by their Jira groups (the app decides, not the event). */
export function isContractorMember(configuration: ProjectConfiguration, authorGroups: readonly string[]): boolean {
  const membership = partyOfGroups(configuration, authorGroups);
  return membership.kind === 'party' && membership.party === 'contractor';
}

/**
 * When the notification happened: the comment's creation time, but never before the log's last event (the
 * log stays in time order) and never after now (a clock skew must not date it in the future).
 */
export function notifiedAt(log: readonly EscalationEvent[], commentCreated: string | undefined, now: Date): Date {
  const created = commentCreated ? Date.parse(commentCreated) : NaN;
  const last = log.length > 0 ? Date.parse(log[log.length - 1]!.at) : -Infinity;
  const at = Number.isNaN(created) ? now.getTime() : Math.min(created, now.getTime());
  return new Date(Math.max(at, last));
}

/**
 * The `client-notified` event a contractor's comment to the client contacts records, or why not.
 * `mentionsClientContact` is what the caller established (by account id or group membership).
 */
export function clientNotifiedByComment(input: {
  state: EscalationState | undefined;
  log: readonly EscalationEvent[];
  template: ProcessTemplate;
  comment: { id: string; authorAccountId: string; created?: string; body: unknown };
  authorIsContractor: boolean;
  mentionsClientContact: boolean;
  now: Date;
}): { event: NewEscalationEvent } | { ignored: CommentIgnoredReason } {
  const early = commentMayCount(input.state, input.log, input.comment.id);
  if (early) return { ignored: early };
  if (!input.authorIsContractor) return { ignored: 'not-contractor' };
  if (!input.mentionsClientContact) return { ignored: 'no-client-contact' };
  const actor: Actor = { accountId: input.comment.authorAccountId, party: 'contractor' };
  const note = commentExcerpt(input.comment.body) || `Jira comment ${input.comment.id}`;
  const decision = recordClientNotified(
    input.state,
    { channel: 'jira', note },
    { now: notifiedAt(input.log, input.comment.created, input.now), actor, template: input.template },
  );
  if (!decision.ok) return { ignored: 'rejected' };
  return { event: { ...decision.value, origin: { source: 'comment', ref: commentRef(input.comment.id) } } };
}
