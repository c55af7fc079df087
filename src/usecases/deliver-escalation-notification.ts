import type { Actor } from '../domain/escalation/escalation-event';
import { catalogLocale, digestsOf, recipientIdsOf, type Digest } from '../domain/sweep/notification-digest';
import type { Recipients } from '../domain/sweep/escalation-contacts';
import type { NotificationPlan } from '../domain/sweep/notification-plan';
import { renderDigest, type RenderedMessage } from '../shared/notification-texts';
import type { Logger } from './ports/logger';
import type { PortalDirectory } from './ports/portal-directory';
import { ServiceRequestError } from './ports/port-errors';
import type { ContactNotices, NotificationClaim, NotificationClaims, SweepIssue, SweepJira } from './escalation-sweep-deps';

/** Longer than any Forge function may run (900 s): a holder whose lease ran out is certainly gone. */
export const CLAIM_LEASE_MS = 16 * 60_000;

export type DeliveryOutcome = 'sent' | 'already-sent' | 'held-elsewhere' | 'failed';

/** What sending a notification needs of Jira: the notification, the recipients' languages and status, groups' members, the site's address. */
export type NotificationJira = Pick<SweepJira, 'notify' | 'userProfile' | 'groupMembers' | 'siteUrl'>;

/** The recipients' profiles as read for one run (undefined: Jira did not answer or does not know them). */
export type RecipientProfiles = Readonly<
  Record<string, { readonly locale?: string; readonly active: boolean; readonly accountType?: string } | undefined>
>;

/** What sending needs, as the app: the sweep's deps, or a request's (a person's escalation tells the next level). */
export interface NotificationDeps {
  readonly jira: NotificationJira;
  readonly claims: NotificationClaims;
  /** Each project's customer portal: customers are linked to the portal request. */
  readonly portals: PortalDirectory;
  readonly now: () => Date;
  /** Identifies the running invocation in claims (diagnostics). */
  readonly invocationId: string;
  readonly logger: Logger;
  /** Where skipped contacts are reported to the project's admins (absent: only logged). */
  readonly contactNotices?: ContactNotices;
}

/** The issue a notification is about: its id (claims), key (Jira), summary (the text) and project (its contacts, its portal). */
export type NotifiedIssue = Pick<SweepIssue, 'id' | 'key' | 'summary' | 'projectKey'>;

/**
 * Sends the owed notifications of one run as digests — each recipient gets one Jira notification listing
 * everything that names them, in their language — each plan at most once per recipient, and tells the
 * caller which plans are done so that their `notification-sent` gets recorded.
 *
 * Messages go to the named people only (`POST /rest/api/3/issue/{key}/notify`), never as issue comments:
 * a comment is read by the other party (and by JSM customers), a notification only by whom it names.
 *
 * Exactly once, even when sweeps overlap or repeat:
 * 1. The effect a notification is about is recorded first (the intent, in the escalation log with its
 *    ref). Any run may then find it owed; only one may send it.
 * 2. A run sends a plan only while it holds a claim: attempt n of `claim(issue, ref)`, created with
 *    FAIL_IF_EXISTS. Two runs racing for the same attempt cannot both win.
 * 3. The claim says `inFlight: 'notify'` while sending and then which recipients were reached, so a later
 *    attempt never repeats a finished send.
 * 4. A holder that got an error answer marks the attempt `failed` with what it reached: the rest is sent by
 *    the next attempt. A send without an answer, or a holder that vanished mid-send, leaves an unknown
 *    outcome: Jira keeps nothing to check, so it is NOT sent again — at most one e-mail.
 * 5. When every recipient is reached the claim says `done`, and the caller records `notification-sent`
 *    with the ref `notified:<effect ref>`; a crash before that record is healed by the next run seeing `done`.
 *
 * @returns per plan ref, what became of it.
 */
export async function deliverNotifications(
  deps: NotificationDeps,
  issue: NotifiedIssue,
  plans: readonly NotificationPlan[],
  /** Profiles already read this run; the others are read here. */
  known: RecipientProfiles = {},
): Promise<Map<string, DeliveryOutcome>> {
  const { outcomes, completions } = await deliverHeld(deps, issue, plans, known);
  for (const { ref, claim } of completions) {
    try {
      await deps.claims.update(issue.id, ref, claim);
    } catch (error) {
      deps.logger.warn('notification claim not updated; the next run finds it', { issueKey: issue.key, ref, error: String(error) });
      outcomes.set(ref, 'failed');
    }
  }
  return outcomes;
}

/** A claim taken for a notification before the run sends it: attempt 1, held by this invocation. */
export function firstClaim(deps: Pick<NotificationDeps, 'now' | 'invocationId'>): NotificationClaim {
  return {
    attempt: 1,
    holder: deps.invocationId,
    leaseUntil: deps.now().getTime() + CLAIM_LEASE_MS,
    notified: false,
    reached: [],
    done: false,
    inFlight: 'notify',
  };
}

/**
 * {@link deliverNotifications} without writing the claims' completion: the caller records each completion
 * (`sent` as done, `failed` as failed) together with the `notification-sent` events, in one append.
 *
 * @param taken claims this run took already (written with the effects they are about, see
 *   `processEscalationDeadlines`): no other run can hold them, so they are not read or created again.
 */
export async function deliverHeld(
  deps: NotificationDeps,
  issue: NotifiedIssue,
  plans: readonly NotificationPlan[],
  known: RecipientProfiles = {},
  taken: ReadonlyMap<string, NotificationClaim> = new Map(),
): Promise<{ outcomes: Map<string, DeliveryOutcome>; completions: { ref: string; claim: NotificationClaim }[] }> {
  const outcomes = new Map<string, DeliveryOutcome>();
  const completions: { ref: string; claim: NotificationClaim }[] = [];
  const held: { plan: NotificationPlan; claim: NotificationClaim }[] = [];
  const nowMs = deps.now().getTime();
  for (const plan of plans) {
    const mine = taken.get(plan.ref);
    if (mine) {
      held.push({ plan, claim: mine });
      continue;
    }
    const latest = await deps.claims.latest(issue.id, plan.ref);
    if (latest?.done) {
      outcomes.set(plan.ref, 'already-sent');
      continue;
    }
    if (latest && !latest.failed && latest.leaseUntil > nowMs) {
      outcomes.set(plan.ref, 'held-elsewhere');
      continue;
    }
    let reached = [...(latest?.reached ?? [])];
    // A lost run's notification may or may not have gone out, and Jira keeps nothing to check: not sent again.
    if (latest && !latest.failed && latest.inFlight === 'notify') {
      deps.logger.warn('notification outcome unknown after a lost run; not sent again', { issueKey: issue.key, ref: plan.ref });
      reached = recipientIdsOf(plan.recipients);
    }
    // Claims of older versions: their notification step finished.
    if (latest?.notified) reached = recipientIdsOf(plan.recipients);
    const claim: NotificationClaim = {
      attempt: (latest?.attempt ?? 0) + 1,
      holder: deps.invocationId,
      leaseUntil: nowMs + CLAIM_LEASE_MS,
      notified: false,
      reached,
      done: false,
      inFlight: 'notify',
    };
    if (!(await deps.claims.create(issue.id, plan.ref, claim))) {
      outcomes.set(plan.ref, 'held-elsewhere');
      continue;
    }
    held.push({ plan, claim });
  }
  if (held.length === 0) return { outcomes, completions };

  // Groups are told person by person: someone named as a contact and in a group (or in two groups) gets one message.
  const members = await membersOf(deps, held);
  const plansPerPerson = held.map(({ plan }) => ({ ...plan, recipients: perPerson(plan.recipients, members) }));
  const reached: Record<string, string[]> = Object.fromEntries(
    held.map(({ plan, claim }) => [plan.ref, [...(claim.reached ?? [])].flatMap((id) => reachedThrough(id, members))]),
  );
  const people = plansPerPerson.flatMap((plan) => plan.recipients.accountIds);
  const profiles = {
    ...(await profilesOf(
      deps,
      people.filter((id) => !(id in known)),
    )),
    ...known,
  };
  const locales = Object.fromEntries(people.map((id) => [id, catalogLocale(profiles[id]?.locale)]));
  const customers = new Set(people.filter((id) => profiles[id]?.accountType === 'customer'));
  // Portal customers get their own message: it links to the portal request, not to the issue.
  const digests = digestsOf({ plans: plansPerPerson, locales, reached }).flatMap((digest) => byAudience(digest, customers));
  const refused = new Set<string>();
  const siteUrl = await deps.jira.siteUrl().catch(() => undefined);
  const portalId = customers.size > 0 ? await portalIdOf(deps, issue) : undefined;
  for (const { digest, customer } of digests) {
    const message = renderDigest({
      items: digest.plans,
      locale: digest.locale,
      issue,
      ...(siteUrl ? { siteUrl } : {}),
      ...(customer ? { portal: portalId === undefined ? {} : { portalId } } : {}),
    });
    let answered = true;
    try {
      await notifyRecipients(deps, issue, digest, message);
    } catch (error) {
      if (error instanceof ServiceRequestError) {
        answered = false;
        digest.plans.forEach((p) => refused.add(p.ref));
        deps.logger.warn('notification not sent this time', { issueKey: issue.key, error: String(error) });
      } else {
        // No answer: the notification may have gone out. Not sent again (see above).
        deps.logger.warn('notification outcome unknown; not sent again', { issueKey: issue.key, error: String(error) });
      }
    }
    if (!answered) continue;
    const ids = recipientIdsOf(digest.recipients);
    for (const plan of digest.plans) reached[plan.ref]!.push(...ids);
  }

  for (const { plan, claim } of held) {
    const failed = refused.has(plan.ref);
    const { inFlight: _dropped, ...rest } = claim;
    const next: NotificationClaim = {
      ...rest,
      reached: [...new Set(reached[plan.ref])],
      notified: !failed,
      done: !failed,
      ...(failed ? { failed: true } : {}),
    };
    completions.push({ ref: plan.ref, claim: next });
    outcomes.set(plan.ref, failed ? 'failed' : 'sent');
  }
  return { outcomes, completions };
}

/** The people of each group the plans name, one read each; a group that cannot be read stays a group. */
async function membersOf(deps: NotificationDeps, held: readonly { plan: NotificationPlan }[]): Promise<Map<string, readonly string[]>> {
  const groups = [...new Set(held.flatMap(({ plan }) => plan.recipients.groups))];
  const members = new Map<string, readonly string[]>();
  for (const group of groups) {
    const people = await deps.jira.groupMembers(group).catch((error: unknown) => {
      deps.logger.warn('group members not read; the group is notified as a group', { group, error: String(error) });
      return undefined;
    });
    if (people) members.set(group, people);
  }
  return members;
}

/** The plan's recipients as people: named contacts and the members of readable groups, each once. */
function perPerson(recipients: Recipients, members: ReadonlyMap<string, readonly string[]>): Recipients {
  const accountIds = new Set(recipients.accountIds);
  const groups: string[] = [];
  for (const group of recipients.groups) {
    const people = members.get(group);
    if (people) people.forEach((id) => accountIds.add(id));
    else groups.push(group);
  }
  return { accountIds: [...accountIds].sort(), groups };
}

/** An earlier attempt that reached a group reached its members. */
const reachedThrough = (id: string, members: ReadonlyMap<string, readonly string[]>): string[] => {
  const people = id.startsWith('group:') ? members.get(id.slice(6)) : undefined;
  return people ? [id, ...people.map((p) => `user:${p}`)] : [id];
};

/** The profiles (language, active) of the people to be told, one read each; one that cannot be read is not known. */
export async function profilesOf(deps: Pick<NotificationDeps, 'jira'>, accountIds: readonly string[]): Promise<RecipientProfiles> {
  const profiles: Record<string, { locale?: string; active: boolean; accountType?: string } | undefined> = {};
  for (const accountId of new Set(accountIds)) profiles[accountId] = await deps.jira.userProfile(accountId).catch(() => undefined);
  return profiles;
}

/** A digest split into its licensed recipients (and groups) and its portal customers. */
function byAudience(digest: Digest, customers: ReadonlySet<string>): { digest: Digest; customer: boolean }[] {
  const { accountIds, groups } = digest.recipients;
  const theirs = accountIds.filter((id) => customers.has(id));
  if (theirs.length === 0) return [{ digest, customer: false }];
  const others = accountIds.filter((id) => !customers.has(id));
  return [
    ...(others.length + groups.length > 0 ? [{ digest: { ...digest, recipients: { accountIds: others, groups } }, customer: false }] : []),
    { digest: { ...digest, recipients: { accountIds: theirs, groups: [] } }, customer: true },
  ];
}

/** The project's portal id once a portal view has shown it; unknown (and the issue link) when not readable. */
async function portalIdOf(deps: NotificationDeps, issue: NotifiedIssue): Promise<number | undefined> {
  try {
    return await deps.portals.portalIdOf(issue.projectKey);
  } catch (error) {
    deps.logger.warn('portal id not read; customers get the issue link', { issueKey: issue.key, error: String(error) });
    return undefined;
  }
}

/**
 * Jira refuses a whole notification when one recipient is invalid (a deleted account, a renamed group:
 * `POST /rest/api/3/issue/{key}/notify` answers 400 "the recipient is invalid"). Then each recipient is
 * notified on their own, so one stale contact does not silence the others; the refused ones are logged.
 */
async function notifyRecipients(deps: NotificationDeps, issue: NotifiedIssue, digest: Digest, message: RenderedMessage): Promise<void> {
  const { accountIds, groups } = digest.recipients;
  const result = await deps.jira.notify(issue.key, { ...message, accountIds, groups });
  if (result === 'sent') return;
  if (accountIds.length + groups.length <= 1) {
    deps.logger.warn('notification has no valid recipients', { issueKey: issue.key, refs: digest.plans.map((p) => p.ref) });
    return;
  }
  const refused: string[] = [];
  for (const accountId of accountIds)
    if ((await deps.jira.notify(issue.key, { ...message, accountIds: [accountId], groups: [] })) !== 'sent') refused.push(accountId);
  for (const group of groups)
    if ((await deps.jira.notify(issue.key, { ...message, accountIds: [], groups: [group] })) !== 'sent') refused.push(`group:${group}`);
  deps.logger.warn('notification refused for some recipients; sent to the others', { issueKey: issue.key, refused });
}

/** The actor of recorded notifications. */
export const NOTIFYING_ACTOR: Actor = { accountId: 'app', party: 'system' };
