/**
 * Reaching the other party, the finer points, through the resolvers and the five-minute sweep in the sandbox:
 * a person named as a contact and also in a contact group gets one message per push or sweep; the client's
 * notice links to the acknowledgement; acknowledging stops exactly the reminders of DOC-K-01, not those of
 * other open duties; and nothing waits for working hours except what may not: the missed notice of the
 * two-hour clock, which runs around the clock, goes out at once in the evening.
 */
import path from 'node:path';
import { act, DEMO_CONFIGURATION } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import type { OutboxEntry } from '../../sandbox/platform/sandbox-api';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';
import { messagesTo, mostMessagesAtOnce, said } from '../support/message-count';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const MIN = 60_000;
const HOUR = 60 * MIN;
const { sam, klaus, erika } = DEMO_USERS;

/** Level 1: Sam for the contractor; for the client Klaus by name and the client team (Klaus and Erika). */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: {
    1: {
      contractor: { accountIds: [sam.accountId], groups: [] },
      client: { accountIds: [klaus.accountId], groups: ['client-team'] },
    },
  },
};

const berlinHour = (iso: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso)));
const berlinWeekday = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(new Date(iso));
const inWorkingHours = (n: OutboxEntry) => !['Sat', 'Sun'].includes(berlinWeekday(n.at)) && berlinHour(n.at) >= 8 && berlinHour(n.at) < 17;
const ackReminders = (outbox: readonly OutboxEntry[], issueKey: string) =>
  messagesTo(outbox, issueKey, klaus.accountId).filter((n) => /Bitte bestätigen Sie den Empfang/.test(said(n)));

async function sandboxAt(startAt: string): Promise<PlatformSandbox> {
  const sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
  return sandbox;
}
beforeAll(() => configureSweepRuntime({ baseDelayMs: 1, maxDelayMs: 20 }));
afterAll(() => configureSweepRuntime(undefined));

describe('a named contact who is also in a contact group', () => {
  let sandbox: PlatformSandbox;
  // Monday 2 March 2026, 09:00 in Berlin.
  beforeAll(async () => (sandbox = await sandboxAt('2026-03-02T08:00:00.000Z')));
  afterAll(async () => sandbox?.close());

  it('gets the notice once, in their language, with the link to the acknowledgement; the group is told person by person', async () => {
    await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
      trigger: 'sla-breach',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: true,
    });
    const before = (await sandbox.outbox()).length;
    await act(sandbox, 'sam', 'DEMO-3', 'notifyClientNow', { assessment: 'Backups fail since 02:00.' });
    const sent = (await sandbox.outbox()).slice(before);
    expect(messagesTo(sent, 'DEMO-3', klaus.accountId)).toHaveLength(1);
    expect(messagesTo(sent, 'DEMO-3', erika.accountId)).toHaveLength(1);
    const [toKlaus] = messagesTo(sent, 'DEMO-3', klaus.accountId);
    const [toErika] = messagesTo(sent, 'DEMO-3', erika.accountId);
    // Klaus reads German only, Erika English only: neither got the group's two-language message.
    expect(toKlaus!.subject).toBe('[DEMO-3] Mitteilung über ein kritisches Problem');
    expect(said(toKlaus!)).not.toMatch(/Preliminary assessment/);
    expect(toErika!.subject).toBe('[DEMO-3] Notice of a critical problem');
    expect(said(toErika!)).not.toMatch(/Vorläufige Einschätzung/);
    // The deep link: the issue, and what to do there.
    expect(toKlaus!.textBody).toContain(
      'Um den Eingang zu bestätigen, öffnen Sie https://sandbox.atlassian.net/browse/DEMO-3?escalation=acknowledge und wählen im Eskalations-Panel „Eingang bestätigen“.',
    );
    expect(toErika!.textBody).toContain('open https://sandbox.atlassian.net/browse/DEMO-3?escalation=acknowledge');
  });

  it('gets at most one message per sweep all day; acknowledging stops exactly the reminders of DOC-K-01', async () => {
    // A working day and a half without acknowledgement or status update.
    await sandbox.advanceClock(9 * HOUR);
    expect(ackReminders(await sandbox.outbox(), 'DEMO-3').length).toBeGreaterThanOrEqual(1);
    const contractorNewsBefore = messagesTo(await sandbox.outbox(), 'DEMO-3', sam.accountId).length;
    await act(sandbox, 'klaus', 'DEMO-3', 'acknowledgeNotice', {});
    const acknowledgedAt = sandbox.now().toISOString();
    await sandbox.advanceClock(2 * 24 * HOUR);
    const outbox = await sandbox.outbox();
    // No reminder of the notice after the acknowledgement, to anyone …
    expect(ackReminders(outbox, 'DEMO-3').filter((n) => n.at > acknowledgedAt)).toEqual([]);
    expect(
      messagesTo(outbox, 'DEMO-3', erika.accountId).filter((n) => n.at > acknowledgedAt && /bestätigen|acknowledge/i.test(said(n))),
    ).toEqual([]);
    // … while the contractor's own overdue duties are still told (the acknowledgement is not theirs).
    const toSamAfter = messagesTo(outbox, 'DEMO-3', sam.accountId).filter((n) => n.at > acknowledgedAt);
    expect(toSamAfter.filter((n) => /Deadline missed|Still open|updates on the escalation/.test(said(n))).length).toBeGreaterThan(0);
    expect(messagesTo(outbox, 'DEMO-3', sam.accountId).length).toBeGreaterThan(contractorNewsBefore);
    for (const person of [sam, klaus, erika]) expect(mostMessagesAtOnce(messagesTo(outbox, 'DEMO-3', person.accountId), 'DEMO-3')).toBe(1);
  });
});

describe('working hours', () => {
  let sandbox: PlatformSandbox;
  // Friday 6 March 2026, 16:00 in Berlin: the two-hour clock runs out at 18:00, after working hours.
  beforeAll(async () => (sandbox = await sandboxAt('2026-03-06T15:00:00.000Z')));
  afterAll(async () => sandbox?.close());

  it('warnings and reminders only in working time; the missed two-hour notice of a critical problem goes at once', async () => {
    await act(sandbox, 'carla', 'DEMO-4', 'startEscalation', {
      trigger: 'sla-breach',
      problem: 'Portal down',
      impact: 'No orders',
      critical: true,
    });
    await sandbox.advanceClock(3 * 24 * HOUR); // to Monday evening
    const outbox = (await sandbox.outbox()).filter((n) => n.issueKey === 'DEMO-4');
    const missedCritical = outbox.filter(
      (n) =>
        /Deadline missed|Frist versäumt/.test(n.subject) &&
        /client notification|Benachrichtigung des Auftraggebers|zwei Stunden|two hours/i.test(said(n)),
    );
    expect(missedCritical.length).toBeGreaterThan(0);
    // Told within minutes of 18:00 on Friday, outside working hours.
    expect(missedCritical.some((n) => berlinWeekday(n.at) === 'Fri' && berlinHour(n.at) === 18)).toBe(true);
    // Everything else that waits (warnings, other missed notices, reminders, digests of them) went in working time.
    const waiting = outbox.filter(
      (n) => !missedCritical.includes(n) && /Frist|Deadline|Erinnerung|Reminder|updates on the escalation|Neuigkeiten/.test(n.subject),
    );
    expect(waiting.length).toBeGreaterThan(0);
    for (const n of waiting)
      expect({ at: n.at, subject: n.subject, inWorkingHours: inWorkingHours(n) }).toMatchObject({ inWorkingHours: true });
  });
});
