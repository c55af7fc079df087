import type { NotificationJira } from '../deliver-escalation-notification';
import { ServiceRequestError } from '../ports/port-errors';
import type { NotificationClaim, NotificationClaims } from '../escalation-sweep-deps';
import type { PortalDirectory } from '../ports/portal-directory';

/** In-memory claims with the same conditional create as Forge storage's FAIL_IF_EXISTS. */
export function inMemoryClaims(): NotificationClaims & { readonly all: Map<string, NotificationClaim> } {
  const all = new Map<string, NotificationClaim>();
  const key = (issueId: string, ref: string, attempt: number) => `${issueId}|${ref}#${attempt}`;
  return {
    all,
    latest(issueId, ref) {
      const prefix = `${issueId}|${ref}#`;
      const claims = [...all.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
      return Promise.resolve(claims.sort((a, b) => b.attempt - a.attempt)[0]);
    },
    create(issueId, ref, claim) {
      if (all.has(key(issueId, ref, claim.attempt))) return Promise.resolve(false);
      all.set(key(issueId, ref, claim.attempt), claim);
      return Promise.resolve(true);
    },
    update(issueId, ref, claim) {
      all.set(key(issueId, ref, claim.attempt), claim);
      return Promise.resolve();
    },
  };
}

/** One Jira notification as the fake received it. */
export interface SentNotification {
  readonly issueKey: string;
  readonly subject: string;
  readonly textBody: string;
  readonly accountIds: readonly string[];
  readonly groups: readonly string[];
}

/**
 * Jira's notification endpoint and the recipients' languages, recording what was sent. `refuse` makes the
 * next calls answer with an error (Jira's 503: nothing was sent).
 */
export function recordingNotificationJira(
  locales: Record<string, string> = {},
  customers: readonly string[] = [],
): NotificationJira & {
  readonly sent: SentNotification[];
  readonly refuse: { notify: number };
} {
  const sent: SentNotification[] = [];
  const refuse = { notify: 0 };
  const unavailable = (what: string) => Promise.reject(new ServiceRequestError(`POST ${what} failed with 503`, 503));
  return {
    sent,
    refuse,
    notify(issueKey, message) {
      if (refuse.notify > 0) {
        refuse.notify--;
        return unavailable('notify');
      }
      sent.push({ issueKey, subject: message.subject, textBody: message.textBody, accountIds: message.accountIds, groups: message.groups });
      return Promise.resolve('sent');
    },
    userProfile: (accountId) =>
      Promise.resolve({
        ...(locales[accountId] ? { locale: locales[accountId] } : {}),
        active: true,
        accountType: customers.includes(accountId) ? 'customer' : 'atlassian',
      }),
    // Groups stay groups here: the sandbox tests resolve their members through Jira's own answers.
    groupMembers: () => Promise.resolve(undefined),
    siteUrl: () => Promise.resolve('https://example.atlassian.net'),
  };
}

/** Portal ids per project, as app storage keeps them. */
export function inMemoryPortalDirectory(known: Record<string, number> = {}): PortalDirectory & { readonly all: Map<string, number> } {
  const all = new Map(Object.entries(known));
  return {
    all,
    portalIdOf: (projectKey) => Promise.resolve(all.get(projectKey)),
    remember(projectKey, portalId) {
      all.set(projectKey, portalId);
      return Promise.resolve();
    },
  };
}
