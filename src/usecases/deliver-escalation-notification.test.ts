import type { NotificationPlan } from '../domain/sweep/notification-plan';
import { ServiceRequestError } from './ports/port-errors';
import { silentLogger } from './ports/logger';
import { CLAIM_LEASE_MS, deliverNotification } from './deliver-escalation-notification';
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

function fakeJira(): SweepJira & { notified: number; commented: number; failNext?: 'notify' | 'comment'; markers: Set<string> } {
  const jira = {
    notified: 0,
    commented: 0,
    markers: new Set<string>(),
    failNext: undefined as 'notify' | 'comment' | undefined,
    async notify() {
      await new Promise((r) => setTimeout(r, 1));
      if (jira.failNext === 'notify') {
        jira.failNext = undefined;
        throw new ServiceRequestError('POST notify failed with 503', 503);
      }
      jira.notified++;
      return 'sent' as const;
    },
    addNotificationComment(_key: string, p: NotificationPlan) {
      if (jira.failNext === 'comment') {
        jira.failNext = undefined;
        return Promise.reject(new ServiceRequestError('POST comment failed with 500', 500));
      }
      jira.commented++;
      jira.markers.add(p.ref);
      return Promise.resolve();
    },
    hasNotificationComment(_key: string, ref: string) {
      return Promise.resolve(jira.markers.has(ref));
    },
    issuesByIds: jest.fn(),
    issueExists: jest.fn(),
    searchOpenEscalations: jest.fn(),
    searchCriticalWithoutEscalation: jest.fn(),
    recordCriticalProblem: jest.fn(),
    saveProjection: jest.fn(),
  };
  return jira;
}

function deps(jira: SweepJira, claims: NotificationClaims, now = new Date('2026-03-02T10:00:00Z')): SweepDeps {
  return { jira, claims, now: () => now, remainingMs: () => 60_000, invocationId: 'test', logger: silentLogger } as unknown as SweepDeps;
}

describe('deliverNotification', () => {
  it('sends once when runs overlap: only the holder of the claim sends', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const outcomes = await Promise.all([1, 2, 3].map(() => deliverNotification(deps(jira, claims), issue, plan)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(jira.notified).toBe(1);
    expect(jira.commented).toBe(1);
    expect(await deliverNotification(deps(jira, claims), issue, plan)).toBe('already-sent');
  });

  it('after an error answer, the next run does only the step that did not happen', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    jira.failNext = 'comment';
    expect(await deliverNotification(deps(jira, claims), issue, plan)).toBe('failed');
    expect([jira.notified, jira.commented]).toEqual([1, 0]);
    expect(await deliverNotification(deps(jira, claims), issue, plan)).toBe('sent');
    expect([jira.notified, jira.commented]).toEqual([1, 1]);
  });

  it('leaves a live holder alone, and after its lease checks the comment marker instead of commenting again', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const t = new Date('2026-03-02T10:00:00Z');
    // A run notified, added the comment, and was lost before it could record that.
    await claims.create(issue.id, plan.ref, {
      attempt: 1,
      holder: 'lost',
      leaseUntil: t.getTime() + CLAIM_LEASE_MS,
      notified: true,
      commented: false,
      inFlight: 'comment',
      done: false,
    });
    jira.markers.add(plan.ref);
    expect(await deliverNotification(deps(jira, claims, t), issue, plan)).toBe('held-elsewhere');
    const later = new Date(t.getTime() + CLAIM_LEASE_MS + 1);
    expect(await deliverNotification(deps(jira, claims, later), issue, plan)).toBe('sent');
    expect([jira.notified, jira.commented]).toEqual([0, 0]);
  });

  it('does not send a notification again whose answer was lost; the comment still goes out', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    jira.notify = async () => {
      jira.notified++;
      return Promise.reject(new Error('POST notify lost its answer (504)'));
    };
    expect(await deliverNotification(deps(jira, claims), issue, plan)).toBe('sent');
    expect(await deliverNotification(deps(jira, claims), issue, plan)).toBe('already-sent');
    expect([jira.notified, jira.commented]).toEqual([1, 1]);
  });

  it('after a run was lost while notifying, a later run comments but does not e-mail again', async () => {
    const jira = fakeJira();
    const claims = memoryClaims();
    const t = new Date('2026-03-02T10:00:00Z');
    await claims.create(issue.id, plan.ref, {
      attempt: 1,
      holder: 'lost',
      leaseUntil: t.getTime() + CLAIM_LEASE_MS,
      notified: false,
      commented: false,
      inFlight: 'notify',
      done: false,
    });
    const later = new Date(t.getTime() + CLAIM_LEASE_MS + 1);
    expect(await deliverNotification(deps(jira, claims, later), issue, plan)).toBe('sent');
    expect([jira.notified, jira.commented]).toEqual([0, 1]);
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
    expect(await deliverNotification(deps(jira, claims), issue, three)).toBe('sent');
    expect(reached.sort()).toEqual(['acc-klaus', 'acc-sam', 'client-team']);
  });
});
