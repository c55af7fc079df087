/**
 * Reaching the other party, through the real panel resolver and the five-minute sweep in the sandbox:
 * "Notify the client now" sends exactly one Jira notification to the level's client contacts, in their
 * language, and fulfils L1-C-02 and DOC-C-02 by its record; each party's news reaches the other party
 * once, in its language; the client's acknowledgement stops the reminders of its notice; nothing of it is
 * a comment; and warnings wait for working hours.
 */
import path from 'node:path';
import { act, DEMO_CONFIGURATION } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import type { EscalationPanelView } from '../../src/shared/escalation-panel-view';
import { messagesTo, mostMessagesAtOnce, said } from '../support/message-count';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Level 1: Sam (English) for the contractor, Klaus (German) for the client; Berlin business hours. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: {
    1: {
      contractor: { accountIds: [DEMO_USERS.sam.accountId], groups: [] },
      client: { accountIds: [DEMO_USERS.klaus.accountId], groups: [] },
    },
  },
};

let sandbox: PlatformSandbox;
beforeAll(async () => {
  configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 });
  // Monday 09:00 in Berlin.
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-03-02T08:00:00.000Z' });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

const issueId = (key: string) =>
  sandbox
    .jira({ method: 'GET', path: `/rest/api/3/issue/${key}?fields=summary` }, APP)
    .then((r) => (JSON.parse(r.body) as { id: string }).id);
const logOf = async (key: string) => {
  const id = await issueId(key);
  return sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
};
const fulfilled = (view: EscalationPanelView, id: string) =>
  view.escalation!.sections.flatMap((s) => s.pairs.flatMap((p) => [p.contractor, p.client])).find((o) => o?.id === id)?.fulfilment;
const appComments = async (key: string) => {
  const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${key}/comment` }, APP);
  return (JSON.parse(r.body) as { comments: { author?: { accountId?: string }; body: unknown }[] }).comments.filter(
    (c) => !Object.values(DEMO_USERS).some((u) => u.accountId === c.author?.accountId),
  );
};

it('"Notify the client now" sends exactly one notification, in the client contact\'s language, and fulfils its duties', async () => {
  await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
    trigger: 'sla-breach',
    problem: 'Restore fails',
    impact: 'No backup',
    critical: true,
  });
  const before = await sandbox.outbox();

  const view = await act(sandbox, 'sam', 'DEMO-3', 'notifyClientNow', { assessment: 'Backups fail since 02:00; restore tested today.' });

  const sent = (await sandbox.outbox()).slice(before.length);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.recipients).toEqual([DEMO_USERS.klaus.accountId]);
  // Klaus reads German: German only, with the assessment.
  expect(sent[0]!.subject).toBe('[DEMO-3] Mitteilung über ein kritisches Problem');
  expect(sent[0]!.textBody).toContain('Vorläufige Einschätzung: Backups fail since 02:00');
  expect(said(sent[0]!)).not.toContain('Preliminary assessment');
  expect(fulfilled(view, 'L1-C-02')).toBeDefined();
  expect(fulfilled(view, 'DOC-C-02')).toBeDefined();
  const log = await logOf('DEMO-3');
  expect(log.filter((e) => e.type === 'client-notified')).toEqual([expect.objectContaining({ channel: 'email', sentByApp: true })]);

  // The sweeps after it send nothing more about it.
  await sandbox.advanceClock(15 * MIN);
  const about = (await sandbox.outbox()).filter((n) => n.issueKey === 'DEMO-3' && said(n).includes('Backups fail since 02:00'));
  expect(about).toHaveLength(1);
  expect(await appComments('DEMO-3')).toEqual([]);
});

it("each party's news reaches the other party once, in its language; by Jira notification only", async () => {
  const before = (await sandbox.outbox()).length;
  await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'Restore runs on the standby cluster.' });
  let sent = (await sandbox.outbox()).slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.recipients).toEqual([DEMO_USERS.klaus.accountId]);
  expect(sent[0]!.subject).toBe('[DEMO-3] Statusmeldung vom Auftragnehmer');

  await act(sandbox, 'klaus', 'DEMO-3', 'proposeEscalation', { note: 'Bitte die Geschäftsleitung einbeziehen.' });
  sent = (await sandbox.outbox()).slice(before);
  expect(sent).toHaveLength(2);
  // Sam reads English.
  expect(sent[1]!.recipients).toEqual([DEMO_USERS.sam.accountId]);
  expect(sent[1]!.subject).toBe('[DEMO-3] The client proposes to escalate');
  await sandbox.advanceClock(30 * MIN);
  expect((await sandbox.outbox()).slice(before).filter((n) => said(n).includes('Restore runs on the standby cluster.'))).toHaveLength(1);
  expect(await appComments('DEMO-3')).toEqual([]);
});

it('the client is reminded of the notice until it acknowledges; then not again; warnings and reminders only in working hours', async () => {
  // Four hours (working time) after the notice: one reminder to Klaus.
  await sandbox.advanceClock(4 * HOUR);
  const toKlaus = async () =>
    messagesTo(await sandbox.outbox(), 'DEMO-3', DEMO_USERS.klaus.accountId).filter((n) => said(n).includes('Bitte bestätigen Sie'));
  expect(await toKlaus()).toHaveLength(1);
  await act(sandbox, 'klaus', 'DEMO-3', 'acknowledgeNotice', {});
  await sandbox.advanceClock(3 * 24 * HOUR);
  expect(await toKlaus()).toHaveLength(1);
  // One message at a time to each named contact (a group member can get one more, through the group).
  for (const person of [DEMO_USERS.sam.accountId, DEMO_USERS.klaus.accountId])
    expect(mostMessagesAtOnce(messagesTo(await sandbox.outbox(), 'DEMO-3', person), 'DEMO-3')).toBe(1);

  // Warnings, missed notices and reminders only in Berlin working hours (08:00–17:00 on working days).
  const berlinHour = (iso: string) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso)));
  const quiet = (await sandbox.outbox())
    .filter((n) => n.issueKey === 'DEMO-3')
    .filter((n) => /Frist|Deadline|Erinnerung|Reminder/.test(n.subject) || /updates on the escalation|Neuigkeiten/.test(n.subject));
  expect(quiet.length).toBeGreaterThan(0);
  for (const n of quiet) expect(berlinHour(n.at) >= 8 && berlinHour(n.at) < 17).toBe(true);
});
