/**
 * Every escalation informs: a person's escalation in the panel tells the new level's contacts exactly as
 * the sweep's automatic one does (a Jira notification to the named people, in their language, no comment;
 * `notification-sent` recorded),
 * through the real panel resolver in the sandbox; a repeated request and the sweep after it send nothing more.
 */
import path from 'node:path';
import { act, DEMO_CONFIGURATION, invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import { said } from '../support/message-count';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const MIN = 60_000;

/** Level 2: Carla for the contractor, the client's executives as a group. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: {
    2: { contractor: { accountIds: [DEMO_USERS.carla.accountId], groups: [] }, client: { accountIds: [], groups: ['client-executives'] } },
  },
};

let sandbox: PlatformSandbox;
beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-03-02T08:00:00.000Z' });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

it("a manual escalation notifies the new level's contacts once and records it; a retry and the sweep send nothing more", async () => {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Restore fails',
    impact: 'No backup',
    critical: true,
  });
  for (const id of ['L1-K-01', 'L1-K-06'])
    await act(sandbox, 'klaus', 'DEMO-3', 'fulfilObligation', { obligationId: id, note: 'erledigt' });
  // The two hours pass without a client notice: the client may escalate at once (the contractor is in default).
  await sandbox.advanceClock(125 * 60_000);
  const escalated = () =>
    sandbox
      .outbox()
      .then((all) => all.filter((n) => n.issueKey === 'DEMO-3' && /Escalated to level 2|Eskaliert auf Stufe 2/.test(said(n))));
  expect(await escalated()).toEqual([]);

  const view = await act(sandbox, 'erika', 'DEMO-3', 'escalate', { note: 'Management must decide' });

  expect(view.escalation?.level).toBe(2);
  const sent = await escalated();
  // Carla reads German; the client's executives are a group, told person by person in each one's language.
  expect(sent).toHaveLength(2);
  const toCarla = sent.find((n) => n.recipients.includes(DEMO_USERS.carla.accountId))!;
  expect(toCarla.subject).toBe('[DEMO-3] Eskaliert auf Stufe 2');
  expect(toCarla.recipients).toEqual([DEMO_USERS.carla.accountId]);
  const toGroup = sent.find((n) => n.recipients.includes(DEMO_USERS.erika.accountId))!;
  expect(toGroup.subject).toBe('[DEMO-3] Escalated to level 2');
  expect(toGroup.recipients).toEqual([DEMO_USERS.erika.accountId]);
  expect(toGroup.textBody).toContain('The client escalated the matter from level 1 to level 2');
  const comments = await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3/comment' }, APP);
  const marked = (JSON.parse(comments.body) as { comments: { body: unknown }[] }).comments.filter((c) =>
    /Escalated to level 2|Eskaliert auf Stufe 2/.test(JSON.stringify(c.body)),
  );
  expect(marked).toHaveLength(0);
  const issueId = await sandbox
    .jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3?fields=summary' }, APP)
    .then((r) => (JSON.parse(r.body) as { id: string }).id);
  const log = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issueId));
  const changed = log.find((e) => e.type === 'level-changed')!;
  // (Before it, the sweep's deadline warnings to the contractor; the escalation's notice is the one about level 2.)
  const escalatedNotices = (events: typeof log) => events.filter((e) => e.type === 'notification-sent' && e.purpose === 'escalated');
  expect(escalatedNotices(log)).toEqual([
    expect.objectContaining({
      purpose: 'escalated',
      origin: { source: 'panel', ref: `notified:event:${changed.seq}` },
      recipients: [`user:${DEMO_USERS.carla.accountId}`, 'group:client-executives'],
      channels: ['jira-notify'],
    }),
  ]);

  // The same request again, then the five-minute sweep: one escalation, one notification.
  expect(await invokePanel(sandbox, 'erika', 'DEMO-3', 'escalate', { note: 'Management must decide' })).toMatchObject({ ok: false });
  await sandbox.advanceClock(10 * MIN);
  expect(await escalated()).toHaveLength(2);
  const after = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issueId));
  expect(after.filter((e) => e.type === 'level-changed')).toHaveLength(1);
  expect(escalatedNotices(after)).toHaveLength(1);
});
