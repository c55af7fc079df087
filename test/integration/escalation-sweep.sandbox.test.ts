/**
 * The automatic escalation in the sandbox, through the real manifest modules: the product-event trigger
 * starts an escalation for a critical issue, the five-minute scheduled sweep warns, flags and escalates,
 * and each notification reaches the configured contacts once, by Jira notification only (one digest per
 * person and sweep, in their language; no comment the other party reads).
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { DEFAULT_NOTIFICATION_POLICY } from '../../src/domain/configuration/notification-policy';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsEscalationSummaryStore } from '../../src/infrastructure/storage/escalation-summary-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import { messagesTo, mostMessagesAtOnce, said } from '../support/message-count';

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z'; // a Monday
const MIN = 60_000;
const sam = { kind: 'user' as const, accountId: DEMO_USERS.sam.accountId };
const APP = { kind: 'app' as const };

/** DEMO: around the clock, level 1 lasts 4 hours; named contacts per level. */
export const DEMO_SWEEP_CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  // These tests drive escalations that critical priorities start: the project opts in.
  autoStartOnCriticalPriority: true,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  policy: {
    ...DEFAULT_PROJECT_CONFIGURATION.policy,
    calendar: TWENTY_FOUR_SEVEN,
    levelTimeFrames: { 1: { amount: 4, unit: 'hours' } },
    // A digest every sweep, so that each warning is seen on its own (the default gathers news for 4 hours).
    notifications: { ...DEFAULT_NOTIFICATION_POLICY, digestEveryMinutes: 5 },
  },
  contacts: {
    1: {
      contractor: { accountIds: [DEMO_USERS.sam.accountId], groups: [] },
      client: { accountIds: [DEMO_USERS.klaus.accountId], groups: [] },
    },
    2: { contractor: { accountIds: [DEMO_USERS.carla.accountId], groups: [] }, client: { accountIds: [], groups: ['client-executives'] } },
  },
};

let sandbox: PlatformSandbox;

beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', DEMO_SWEEP_CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function jira<T = unknown>(method: string, p: string, body?: unknown): Promise<T> {
  const r = await sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
    APP,
  );
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.body}`);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}

const property = (key: string) =>
  jira<{ value: Record<string, unknown> }>('GET', `/rest/api/3/issue/${key}/properties/escalation`).then((r) => r.value);
const comments = (key: string) =>
  jira<{ comments: { body: unknown }[] }>('GET', `/rest/api/3/issue/${key}/comment`).then((r) => r.comments);

describe('automatic escalation in the sandbox', () => {
  let key = '';
  let id = '';

  it('starts an escalation when a critical issue is created (product-event trigger)', async () => {
    const created = await sandbox.jira(
      {
        method: 'POST',
        path: '/rest/api/3/issue',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          fields: {
            project: { key: 'DEMO' },
            summary: 'Storage cluster unreachable',
            issuetype: { name: 'Bug' },
            priority: { name: 'Highest' },
          },
        }),
      },
      sam,
    );
    expect(created.status).toBe(201);
    ({ key, id } = JSON.parse(created.body) as { key: string; id: string });
    await sandbox.advanceClock(1 * MIN);
    const log = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
    expect(log[0]).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', actor: { party: 'system' } });
    const started = log[0] as { detectedAt?: string; at: string };
    expect(started.detectedAt ?? started.at).toBe(START); // the two-hour clock runs from the priority change
    expect(await property(key)).toMatchObject({ status: 'open', level: 1 });
    const outbox = await sandbox.outbox();
    expect(outbox.filter((n) => n.issueKey === key && said(n).includes('Critical problem'))).toHaveLength(1);
  });

  it('warns before the two-hour client notification runs out, then flags it missed', async () => {
    await sandbox.advanceClock(95 * MIN); // 96 min: past the warning time (1 h 30)
    const warnings = (await sandbox.outbox()).filter(
      (n) => n.issueKey === key && said(n).includes('Deadline approaching') && said(n).includes('L1-C-02'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.recipients).toEqual([DEMO_USERS.sam.accountId]);
    expect(
      (await sandbox.outbox()).filter((n) => n.issueKey === key && said(n).includes('Deadline missed') && said(n).includes('L1-C-02')),
    ).toHaveLength(0);

    await sandbox.advanceClock(30 * MIN); // 2 h 6 min
    expect(await property(key)).toMatchObject({ overdue: 'yes', awaitedParty: 'contractor' });
    const missed = (await sandbox.outbox()).filter(
      (n) => n.issueKey === key && said(n).includes('Deadline missed') && said(n).includes('L1-C-02'),
    );
    expect(missed).toHaveLength(1);
    const log = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
    expect(
      log.filter((e) => e.type === 'deadline-notice' && e.obligationId === 'L1-C-02').map((e) => (e as { notice: string }).notice),
    ).toEqual(['warning', 'missed']);
    // The analytics read model follows the sweep's writes too.
    const summary = (await sandbox.runAs(APP, () => kvsEscalationSummaryStore.all())).find((s) => s.issueId === id);
    expect(summary?.missed.map((m) => m.obligationId)).toContain('L1-C-02');
  });

  it('moves level 1 to level 2 when its time frame runs out, telling each level-2 contact once, in their language', async () => {
    await sandbox.advanceClock(2 * 60 * MIN); // 4 h 6 min
    expect(await property(key)).toMatchObject({ level: 2 });
    const field = await jira<{ fields: Record<string, { level?: number }> }>(
      'GET',
      `/rest/api/3/issue/${key}?fields=${sandbox.customFieldId('escalation-level')}`,
    );
    expect(field.fields[sandbox.customFieldId('escalation-level')]).toMatchObject({ level: 2 });
    const outbox = await sandbox.outbox();
    // Carla reads German (her Jira locale): one message, German only.
    const toCarla = messagesTo(outbox, key, DEMO_USERS.carla.accountId);
    expect(toCarla).toHaveLength(1);
    expect(said(toCarla[0]!)).toContain('Automatisch eskaliert auf Stufe 2');
    expect(said(toCarla[0]!)).not.toContain('Escalated automatically');
    // The client's executives are a group: its language is not known, so German and English.
    const toErika = messagesTo(outbox, key, DEMO_USERS.erika.accountId).filter((n) => said(n).includes('Escalated automatically'));
    expect(toErika).toHaveLength(1);
    // No notification as a comment: the other party would read it.
    const comment = (await comments(key)).filter((c) => /Escalated automatically|Automatisch eskaliert/.test(JSON.stringify(c.body)));
    expect(comment).toHaveLength(0);

    // More sweeps change nothing: one escalation, one notification each.
    await sandbox.advanceClock(30 * MIN);
    const log = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
    expect(log.filter((e) => e.type === 'level-changed')).toHaveLength(1);
    const sent = log.filter((e) => e.type === 'notification-sent').map((e) => e.origin?.ref);
    expect(new Set(sent).size).toBe(sent.length);
    expect(mostMessagesAtOnce(await sandbox.outbox(), key)).toBe(1);
  });
});
