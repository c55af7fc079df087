/**
 * `npm run bench:noise`: how many messages an untouched critical escalation sends each person. In the
 * sandbox, through the real product-event trigger and five-minute sweep, critical issues are created at
 * seeded instants of a Monday (Berlin business calendar, named contacts per level) and nobody acts on
 * them. Counted per recipient: Jira notifications as delivered (groups resolved to their members) plus
 * app comments that mention the person (Jira e-mails a mention). Windows: the first four hours and the
 * first working day (24 hours from the start, a night included). Prints one JSON line last.
 *
 * BENCH_SEED and BENCH_ISSUES change the scenario.
 */
import path from 'node:path';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { APP_ACCOUNT_ID } from '../../sandbox/platform/jira/issue-repo';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { prng } from '../../sandbox/platform/seeded-random';

process.env.ESCALATION_LOG = 'silent';
const APP_DIR = process.env.BENCH_APP_DIR ?? path.resolve(__dirname, '..', '..');
const START = '2026-03-02T05:00:00.000Z'; // Monday 06:00 in Berlin
const MIN = 60_000;
const HOUR = 60 * MIN;
const SEED = Number(process.env.BENCH_SEED ?? 20260302);
const ISSUES = Number(process.env.BENCH_ISSUES ?? 3);

/** The default policy (Berlin business hours), named contacts at levels 1 and 2, groups beyond. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  autoStartOnCriticalPriority: true,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  contacts: {
    1: {
      contractor: { accountIds: [DEMO_USERS.sam.accountId], groups: [] },
      client: { accountIds: [DEMO_USERS.klaus.accountId], groups: [] },
    },
    2: {
      contractor: { accountIds: [DEMO_USERS.carla.accountId], groups: [] },
      client: { accountIds: [DEMO_USERS.erika.accountId], groups: [] },
    },
  },
};

interface Message {
  readonly issueKey: string;
  readonly at: number;
  readonly to: string;
  readonly channel: 'notification' | 'comment';
}

async function main() {
  const random = prng(SEED);
  const sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  try {
    await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
    // Seeded creation instants between 06:00 and 18:00 Berlin, in order, on the five-minute grid.
    const offsets = Array.from({ length: ISSUES }, () => Math.floor(random() * 144) * 5 * MIN).sort((a, b) => a - b);
    const created: { key: string; at: number }[] = [];
    const t0 = sandbox.now().getTime();
    for (const offset of offsets) {
      const wait = t0 + offset - sandbox.now().getTime();
      if (wait > 0) await sandbox.advanceClock(wait);
      const response = await sandbox.jira(
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
        { kind: 'user', accountId: DEMO_USERS.sam.accountId },
      );
      const { key } = JSON.parse(response.body) as { key: string };
      created.push({ key, at: sandbox.now().getTime() });
    }
    const end = created.at(-1)!.at + 24 * HOUR;
    while (sandbox.now().getTime() < end) await sandbox.advanceClock(5 * MIN);

    const messages: Message[] = [];
    for (const n of await sandbox.outbox())
      for (const to of n.recipients) messages.push({ issueKey: n.issueKey, at: Date.parse(n.at), to, channel: 'notification' });
    const comments = sandbox.db
      .prepare(
        'SELECT i.key AS issueKey, c.body AS body, c.created AS created FROM jira_comment c JOIN jira_issue i ON i.id = c.issue_id WHERE c.author = ?',
      )
      .all(APP_ACCOUNT_ID) as { issueKey: string; body: string; created: number }[];
    for (const c of comments)
      for (const [, id] of c.body.matchAll(/"type":"mention","attrs":\{[^}]*"id":"([^"]+)"/g))
        messages.push({ issueKey: c.issueKey, at: c.created, to: id!, channel: 'comment' });

    if (process.env.BENCH_VERBOSE)
      for (const n of await sandbox.outbox())
        console.error(n.at, n.issueKey, n.recipients.map((r) => r.split(':')[1]).join(','), '|', n.subject, '|', n.textBody.split('\n')[0]);
    const within = (issue: { key: string; at: number }, hours: number) =>
      messages.filter((m) => m.issueKey === issue.key && m.at >= issue.at && m.at < issue.at + hours * HOUR);
    const perRecipient = (list: readonly Message[]) => {
      const counts = new Map<string, number>();
      for (const m of list) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
      return counts;
    };
    let perSweepMax = 0;
    let fourHoursMax = 0;
    let dayMax = 0;
    let fourHoursNotifications = 0;
    let fourHoursComments = 0;
    let outsideWorkingHours = 0;
    for (const issue of created) {
      const day = within(issue, 24);
      const sweeps = new Map<string, number>();
      for (const m of day) sweeps.set(`${m.at}|${m.to}`, (sweeps.get(`${m.at}|${m.to}`) ?? 0) + 1);
      perSweepMax = Math.max(perSweepMax, ...sweeps.values());
      const four = within(issue, 4);
      fourHoursMax = Math.max(fourHoursMax, ...perRecipient(four).values());
      dayMax = Math.max(dayMax, ...perRecipient(day).values());
      fourHoursNotifications = Math.max(
        fourHoursNotifications,
        new Set(four.filter((m) => m.channel === 'notification').map((m) => m.at)).size,
      );
      fourHoursComments = Math.max(fourHoursComments, four.filter((m) => m.channel === 'comment').length);
      outsideWorkingHours += day.filter((m) => {
        const hour = Number(
          new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(m.at),
        );
        return hour < 8 || hour >= 17;
      }).length;
    }
    return {
      bench: 'noise',
      seed: SEED,
      issues: created.length,
      createdAt: created.map((c) => new Date(c.at).toISOString()),
      messagesPerRecipientPerSweepMax: perSweepMax,
      messagesPerRecipientFirstFourHoursMax: fourHoursMax,
      messagesPerRecipientFirstWorkingDayMax: dayMax,
      firstFourHoursNotificationSendsMax: fourHoursNotifications,
      firstFourHoursMentionCommentsMax: fourHoursComments,
      messagesOutsideWorkingHours: outsideWorkingHours,
      targets: { messagesPerRecipientPerSweepMax: 1, messagesPerRecipientFirstWorkingDayMax: 4 },
    };
  } finally {
    await sandbox.close();
  }
}

main()
  .then((result) => console.log(JSON.stringify(result)))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
