import type { NotificationPlan } from '../domain/sweep/notification-plan';
import { ServiceRequestError } from './ports/port-errors';
import { silentLogger } from './ports/logger';
import { CLAIM_LEASE_MS, deliverNotifications } from './deliver-escalation-notification';
import type { NotificationClaim, NotificationClaims, SweepDeps, SweepIssue, SweepJira } from './escalation-sweep-deps';

const issue: SweepIssue = { id: '10001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'Outage' };
const plan: NotificationPlan = {
  ref: 'notified:deadline:L1-C-02@x:warning',
  effectRef: 'deadline:L1-C-02@x:warning',
  purpose: 'deadline-warning',
  level: 1,
  recipients: { accountIds: ['acc-sam'], groups: [] },
  subject: { de: 'Frist', en: 'Deadline' },
  body: { de: 'Text', en: 'Text' },
  waitsForWorkingTime: true,
};

/** In-memory claims with the same conditional create as Forge storage's FAIL_IF_EXISTS. */
function memoryClaims(): NotificationClaims & { all: Map<string, NotificationClaim> } {
  const all = new Map<string, NotificationClaim>();
  const key = (ref: string, attempt: number) => `${ref}#${attempt}`;
  return {
    all,
    latest(_id, ref) {
      return Promise.resolve(
        [...all.entries()]
          .filter(([k]) => k.startsWith(`${ref}#`))
          .map(([, v]) => v)
          .sort((a, b) => b.attempt - a.attempt)[0],
      );
    },
    async create(_id, ref, claim) {
      await Promise.resolve();
      if (all.has(key(ref, claim.attempt))) return false;
      all.set(key(ref, claim.attempt), claim);
      return true;
    },
    update(_id, ref, claim) {
      all.set(key(ref, claim.attempt), claim);
      return Promise.resolve();
    },
  };
}

interface SentMessage {
  subject: string;
  textBody: string;
  accountIds: readonly string[];
  groups: readonly string[];
}

function fakeJira(
  locales: Record<string, string> = {},
  groups: Record<string, string[]> = {},
): SweepJira & { sent: SentMessage[]; failNext?: boolean } {
  const jira = {
    sent: [] as SentMessage[],
    failNext: false as boolean | undefined,
    async notify(_key: string, message: SentMessage) {
      await new Promise((r) => setTimeout(r, 1));
      if (jira.failNext) {
        jira.failNext = false;
        throw new ServiceRequestError('POST notify failed with 503', 503);
      }
      jira.sent.push(message);
      return 'sent' as const;
    },
    userProfile: (accountId: string) =>
      Promise.resolve({
        ...(locales[accountId] ? { locale: locales[accountId] } : {}),
        active: true,
        // `qm:` accounts are portal customers here, as in the sandbox's demo.
        accountType: accountId.startsWith('qm:') ? 'customer' : 'atlassian',
      }),
    groupMembers: (group: string) => Promise.resolve(groups[group]),
    siteUrl: () => Promise.resolve('https://example.atlassian.net'),
    siteLocale: () => Promise.resolve('en' as const),
    issuesByIds: jest.fn(),
    issueExists: jest.fn(),
    searchOpenEscalations: jest.fn(),
    searchCriticalWithoutEscalation: jest.fn(),
    recordCriticalProblem: jest.fn(),
    saveProjection: jest.fn(),
    saveProjections: jest.fn(),
  };
  return jira;
}

function deps(
  jira: SweepJira,
  claims: NotificationClaims,
  now = new Date('2026-03-02T10:00:00Z'),
  portals: Record<string, number> = {},
): SweepDeps {
  return {
    jira,
    claims,
    portals: { portalIdOf: (projectKey: string) => Promise.resolve(portals[projectKey]), remember: jest.fn() },
    now: () => now,
    remainingMs: () => 60_000,
    invocationId: 'test',
    logger: silentLogger,
  } as unknown as SweepDeps;
}

const deliverOne = async (d: SweepDeps, p: NotificationPlan = plan) => (await deliverNotifications(d, issue, [p])).get(p.ref);

describe('deliverNotifications', () => {
  it('sends once when runs overlap: only the holder of the claim sends', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverOne(deps(jira, claims))));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(jira.sent).toHaveLength(1);
    expect(await deliverOne(deps(jira, claims))).toBe('already-sent');
  });

  it('one message per recipient, listing every plan that names them, in their language', async () => {
    const jira = fakeJira({ 'acc-sam': 'en_US', 'acc-klaus': 'de_DE' });
    const claims = memoryClaims();
    const second: NotificationPlan = {
      ...plan,
      ref: 'notified:deadline:L1-C-03@x:warning',
      recipients: { accountIds: ['acc-sam', 'acc-klaus'], groups: ['client-team'] },
      subject: { de: 'Zweite', en: 'Second' },
    };
    const outcomes = await deliverNotifications(deps(jira, claims), issue, [plan, second]);
    expect([...outcomes.values()]).toEqual(['sent', 'sent']);
    const to = (id: string) => jira.sent.filter((m) => [...m.accountIds, ...m.groups].includes(id));
    for (const id of ['acc-sam', 'acc-klaus', 'client-team']) expect(to(id)).toHaveLength(1);
    expect(to('acc-sam')[0]!.subject).toBe('[DEMO-1] 2 updates on the escalation');
    expect(to('acc-sam')[0]!.textBody).not.toMatch(/Zweite/);
    expect(to('acc-klaus')[0]!.subject).toBe('[DEMO-1] Zweite');
    expect(to('acc-klaus')[0]!.textBody).not.toMatch(/Second/);
    // A group's language is not known: German, then English.
    expect(to('client-team')[0]!.subject).toBe('[DEMO-1] Zweite / Second');
  });

  it('a portal customer gets a message of their own, linked to the portal request; the licensed contact keeps the issue', async () => {
    // `qm:` accounts are portal customers in the fake (account type `customer`).
    const jira = fakeJira({ 'acc-klaus': 'de_DE', 'qm:clara': 'de_DE' });
    const both: NotificationPlan = { ...plan, recipients: { accountIds: ['acc-klaus', 'qm:clara'], groups: [] } };
    const outcomes = await deliverNotifications(deps(jira, memoryClaims(), undefined, { DEMO: 4 }), issue, [both]);
    expect([...outcomes.values()]).toEqual(['sent']);
    expect(jira.sent.map((m) => m.accountIds)).toEqual([['acc-klaus'], ['qm:clara']]);
    expect(jira.sent[0]!.textBody).toContain('https://example.atlassian.net/browse/DEMO-1');
    expect(jira.sent[1]!.textBody).toContain('https://example.atlassian.net/servicedesk/customer/portal/4/DEMO-1');
    expect(jira.sent[1]!.textBody).not.toContain('/browse/');
  });

  it('a named contact who is also in one or two of the contact groups gets one message, in their language', async () => {
    // Klaus is named and in both groups; Petra only in the client's group; the auditors' group cannot be read.
    const jira = fakeJira(
      { 'acc-klaus': 'de_DE', 'acc-petra': 'en_US' },
      { 'client-team': ['acc-klaus', 'acc-petra'], 'client-managers': ['acc-klaus'] },
    );
    const claims = memoryClaims();
    const news: NotificationPlan = {
      ...plan,
      ref: 'notified:event:7',
      purpose: 'party-news',
      recipients: { accountIds: ['acc-klaus'], groups: ['client-team'] },
      subject: { de: 'Statusmeldung', en: 'Status update' },
    };
    const warning: NotificationPlan = { ...plan, recipients: { accountIds: [], groups: ['client-managers', 'auditors'] } };
    await deliverNotifications(deps(jira, claims), issue, [news, warning]);
    const to = (id: string) => jira.sent.filter((m) => [...m.accountIds, ...m.groups].includes(id));
    expect(to('acc-klaus')).toHaveLength(1);
    expect(to('acc-klaus')[0]!.subject).toBe('[DEMO-1] 2 Neuigkeiten zur Eskalation');
    expect(to('acc-petra')).toHaveLength(1);
    expect(to('acc-petra')[0]!.subject).toBe('[DEMO-1] Status update');
    // Groups whose members were read are not notified as groups (that would reach Klaus again).
    expect(to('client-team')).toHaveLength(0);
    expect(to('client-managers')).toHaveLength(0);
    expect(to('auditors')).toHaveLength(1);
    // A second attempt reaches nobody twice.
    expect(await deliverOne(deps(jira, claims), news)).toBe('already-sent');
    expect(jira.sent).toHaveLength(3);
  });

  it('after an error answer, the next run sends what did not go', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    jira.failNext = true;
    expect(await deliverOne(deps(jira, claims))).toBe('failed');
    expect(jira.sent).toHaveLength(0);
    expect(await deliverOne(deps(jira, claims))).toBe('sent');
    expect(jira.sent).toHaveLength(1);
  });

  it('does not send a notification again whose answer was lost', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    let attempts = 0;
    jira.notify = async () => {
      attempts++;
      return Promise.reject(new Error('POST notify lost its answer (504)'));
    };
    expect(await deliverOne(deps(jira, claims))).toBe('sent');
    expect(await deliverOne(deps(jira, claims))).toBe('already-sent');
    expect(attempts).toBe(1);
  });

  it('leaves a live holder alone; after its lease ran out mid-send, a later run does not e-mail again', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const t = new Date('2026-03-02T10:00:00Z');
    await claims.create(issue.id, plan.ref, {
      attempt: 1,
      holder: 'lost',
      leaseUntil: t.getTime() + CLAIM_LEASE_MS,
      notified: false,
      inFlight: 'notify',
      done: false,
    });
    expect(await deliverOne(deps(jira, claims, t))).toBe('held-elsewhere');
    const later = new Date(t.getTime() + CLAIM_LEASE_MS + 1);
    expect(await deliverOne(deps(jira, claims, later))).toBe('sent');
    expect(jira.sent).toHaveLength(0);
  });

  it('notifies the remaining contacts when one of them is a deleted account', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const reached: string[] = [];
    jira.notify = (_key, message) => {
      const recipients = [...message.accountIds, ...message.groups];
      // Jira refuses the whole request when one recipient is invalid.
      if (recipients.includes('acc-deleted')) return Promise.resolve('no-valid-recipients' as const);
      reached.push(...recipients);
      return Promise.resolve('sent' as const);
    };
    const three: NotificationPlan = {
      ...plan,
      recipients: { accountIds: ['acc-sam', 'acc-deleted', 'acc-klaus'], groups: ['client-team'] },
    };
    expect(await deliverOne(deps(jira, claims), three)).toBe('sent');
    expect(reached.sort()).toEqual(['acc-klaus', 'acc-sam', 'client-team']);
  });
});
