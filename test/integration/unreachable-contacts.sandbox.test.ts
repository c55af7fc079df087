import path from 'node:path';
import { act, DEMO_CONFIGURATION } from '../../sandbox/app-demo/demo-escalations';
import { admin } from '../../sandbox/app-demo/admin-invoke';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';

/**
 * A configured contact whose account is closed or deactivated, through the panel, the sweep and the project
 * settings in the sandbox: Jira refuses a notification naming an inactive user, so the app skips the contact
 * (the party's groups stand in where it was the only one), tells the project's admins once in the settings
 * history, and the settings page flags the contact.
 */
const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const DAY = 86_400_000;
const { klaus, erika } = DEMO_USERS;

/** Level 1: Klaus and Erika for the client; level 2: only Erika. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: {
    1: { client: { accountIds: [klaus.accountId, erika.accountId], groups: [] } },
    2: { client: { accountIds: [erika.accountId], groups: [] } },
  },
};

let sandbox: PlatformSandbox;
beforeEach(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  // Monday 09:00 in Berlin.
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-03-02T08:00:00.000Z' });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterEach(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

const skippedEntries = async () =>
  (await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {})).audit.filter(
    (a) => a.action === 'contact-skipped',
  );
const logOf = async (key: string) => {
  const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${key}?fields=summary` }, APP);
  const id = (JSON.parse(r.body) as { id: string }).id;
  return sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
};

it('a deactivated contact is skipped, the others are notified, the admins are told once and the settings flag it', async () => {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Restore fails',
    impact: 'No backup',
    critical: true,
  });
  // Jira itself refuses a notification naming an inactive user.
  sandbox.deactivateAccount(erika.accountId);
  const refused = await sandbox.jira(
    {
      method: 'POST',
      path: '/rest/api/3/issue/DEMO-3/notify',
      body: JSON.stringify({ subject: 's', textBody: 't', to: { users: [{ accountId: erika.accountId }] } }),
    },
    APP,
  );
  expect(refused.status).toBe(400);
  const before = (await sandbox.outbox()).length;

  await act(sandbox, 'sam', 'DEMO-3', 'notifyClientNow', { assessment: 'Backups fail since 02:00.' });
  await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'Controller ordered.' });

  const sent = (await sandbox.outbox()).slice(before);
  expect(sent.map((m) => m.recipients)).toEqual([[klaus.accountId], [klaus.accountId]]);
  // Both notifications are recorded as sent, to Klaus only: the record says who was told.
  const told = (await logOf('DEMO-3')).filter((e) => e.type === 'notification-sent');
  expect(told.slice(-2).map((e) => (e.type === 'notification-sent' ? e.recipients : []))).toEqual([
    [`user:${klaus.accountId}`],
    [`user:${klaus.accountId}`],
  ]);

  // Sweeps over the next days find nothing more to tell the admins.
  await sandbox.advanceClock(2 * DAY);
  const entries = await skippedEntries();
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({
    accountId: 'app',
    changes: [{ path: 'contact', before: erika.accountId, after: null }],
    note: 'DEMO-3',
  });

  const settings = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  expect(settings.unreachableContacts).toEqual({ [erika.accountId]: 'deactivated' });
  expect(settings.people[erika.accountId]).toBe('Erika Executive');
});

it("where the closed account was the party's only contact at the level, the party's groups are told instead", async () => {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', { trigger: 'sla-breach', problem: 'Restore fails', impact: 'No backup' });
  await sandbox.runAs(APP, () =>
    kvsProjectConfigurationStore.save('DEMO', {
      ...CONFIGURATION,
      contacts: { 1: { client: { accountIds: [erika.accountId], groups: [] } } },
    }),
  );
  sandbox.closeAccount(erika.accountId);
  const before = (await sandbox.outbox()).length;

  await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'Controller ordered.' });

  const sent = (await sandbox.outbox()).slice(before);
  // The client's groups (client-team, client-executives): Klaus; Erika's closed account is not reached.
  expect(sent.map((m) => m.recipients)).toEqual([[klaus.accountId]]);
  expect(await skippedEntries()).toHaveLength(1);

  // Once personal data reporting has said "closed", the settings say so too.
  await sandbox.advanceClock(DAY);
  const settings = await admin(sandbox, 'ada', 'escalation-project-settings', 'getProjectSettings', {});
  expect(settings.unreachableContacts).toEqual({ [erika.accountId]: 'closed' });
});
