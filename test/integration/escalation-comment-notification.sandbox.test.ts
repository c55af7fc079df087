/**
 * Issue 5's two remaining pieces in the sandbox, through the real manifest modules:
 * - a contractor's comment that mentions the level's client contact records the client notification
 *   (product-event trigger on `avi:jira:commented:issue`), which stops the two-hour clock; a client's
 *   comment, a comment without a mention, or one mentioning only the contractor's people do not; a
 *   duplicated event records once;
 * - a critical issue the trigger missed is found by the sweep, its detection time read from the changelog
 *   (when the priority became critical; the creation time when created critical), not its last update.
 */
import path from 'node:path';
import { invokePanel } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { configureSweepRuntime } from '../../src/infrastructure/sweep-deps';

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z';
const MIN = 60_000;
const APP = { kind: 'app' as const };
const as = (user: keyof typeof DEMO_USERS) => ({ kind: 'user' as const, accountId: DEMO_USERS[user].accountId });

/** Level 1 lasts 8 hours around the clock; Klaus is the client's level-1 contact, Sam the contractor's. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  // These tests drive escalations that critical priorities start: the project opts in.
  autoStartOnCriticalPriority: true,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, calendar: TWENTY_FOUR_SEVEN, levelTimeFrames: { 1: { amount: 8, unit: 'hours' } } },
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
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterAll(async () => {
  await sandbox?.close();
  configureSweepRuntime(undefined);
});

async function jira<T = unknown>(
  method: string,
  p: string,
  body: unknown,
  principal: { kind: 'app' } | { kind: 'user'; accountId: string } = APP,
): Promise<T> {
  const r = await sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
    principal,
  );
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.body}`);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}
const mention = (user: keyof typeof DEMO_USERS) => ({
  type: 'mention',
  attrs: { id: DEMO_USERS[user].accountId, text: `@${DEMO_USERS[user].displayName}`, accessLevel: '' },
});
const adf = (...content: unknown[]) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content }] });
const text = (t: string) => ({ type: 'text', text: t });
const comment = (key: string, user: keyof typeof DEMO_USERS, body: unknown) =>
  jira<{ id: string }>('POST', `/rest/api/3/issue/${key}/comment`, { body }, as(user));
const log = (id: string) => sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
const clientNotified = async (id: string) => (await log(id)).filter((e) => e.type === 'client-notified');
const nextSweepAt = () =>
  (sandbox.db.prepare("SELECT next_at FROM scheduled_trigger WHERE module_key = 'escalation-sweep-trigger'").get() as { next_at: number })
    .next_at;

describe('a comment to the client contacts records the client notification', () => {
  let key = '';
  let id = '';

  it('ignores a client comment, a comment without a mention and one mentioning only the contractor', async () => {
    ({ key, id } = await jira<{ key: string; id: string }>(
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { key: 'DEMO' }, summary: 'Payments API down', issuetype: { name: 'Bug' }, priority: { name: 'Highest' } } },
      as('sam'),
    ));
    await sandbox.advanceClock(1 * MIN);
    expect((await log(id))[0]).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach' });

    await comment(key, 'klaus', adf(mention('klaus'), text(' and '), mention('sam'), text(': we are waiting for news.'))); // the client writes
    await comment(key, 'sam', adf(text('Working on it; I will tell the client shortly.'))); // no mention
    await comment(key, 'sam', adf(mention('carla'), text(' please take a look.'))); // only the contractor's lead
    await sandbox.advanceClock(2 * MIN);
    expect(await clientNotified(id)).toEqual([]);
  });

  it("records the contractor's comment mentioning the client contact once, and the two-hour clock stops", async () => {
    const before = sandbox.now().toISOString();
    const { id: commentId } = await comment(
      key,
      'sam',
      adf(text('Dear '), mention('klaus'), text(', the payments API is down since 08:00; we are on it.')),
    );
    await sandbox.advanceClock(1 * MIN);
    const recorded = await clientNotified(id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      channel: 'jira',
      actor: { accountId: DEMO_USERS.sam.accountId, party: 'contractor' },
      origin: { source: 'comment', ref: `comment:${commentId}` },
      note: expect.stringContaining('the payments API is down') as unknown,
    });
    expect(recorded[0]!.at >= before).toBe(true);

    // Forge may deliver the event twice, even at once: still one record.
    const event = {
      eventType: 'avi:jira:commented:issue',
      issue: { id, key, fields: { project: { key: 'DEMO' }, summary: 'Payments API down' } },
      comment: { id: commentId },
      atlassianId: DEMO_USERS.sam.accountId,
    };
    await Promise.all([sandbox.runFunction('client-comment', event, APP), sandbox.runFunction('client-comment', event, APP)]);
    expect(await clientNotified(id)).toHaveLength(1);

    // The panel shows it.
    const view = await invokePanel(sandbox, 'klaus', key, 'getEscalation', {});
    expect(view.ok && view.data.escalation?.clientNotifiedAt).toBe(recorded[0]!.at);

    // Past the two hours: no warning, no 'missed' flag for the client notification.
    await sandbox.advanceClock(3 * 60 * MIN);
    const notices = (await log(id)).filter(
      (e) => e.type === 'deadline-notice' && (e as { obligationId?: string }).obligationId === 'L1-C-02',
    );
    expect(notices).toEqual([]);
    const outbox = (await sandbox.outbox()).filter((n) => n.issueKey === key && n.textBody.includes('L1-C-02'));
    expect(outbox).toEqual([]);
    const property = await jira<{ value: Record<string, unknown> }>('GET', `/rest/api/3/issue/${key}/properties/escalation`, undefined);
    expect(property.value).toMatchObject({ status: 'open', level: 1 });
    // (Other obligations' deadlines, e.g. the immediate ones, run on: only the client notification is met.)
  });

  it('ignores the notification comments earlier versions of the app posted (they mention the contacts too)', async () => {
    const fresh = await jira<{ key: string; id: string }>(
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { key: 'DEMO' }, summary: 'Second outage', issuetype: { name: 'Bug' }, priority: { name: 'Highest' } } },
      as('sam'),
    );
    await sandbox.advanceClock(1 * MIN);
    // Notifications are Jira notifications now: no comment of the app's.
    const mine = await jira<{ comments: { properties?: { key: string }[] }[] }>(
      'GET',
      `/rest/api/3/issue/${fresh.key}/comment?expand=properties`,
      undefined,
    );
    expect(mine.comments.filter((c) => c.properties?.some((p) => p.key === 'escalation-notification'))).toEqual([]);
    // One as an earlier version posted it: mentions of the client contact, marked by the comment property.
    const marked = await jira<{ id: string }>(
      'POST',
      `/rest/api/3/issue/${fresh.key}/comment`,
      {
        body: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Frist / Deadline: ' },
                { type: 'mention', attrs: { id: DEMO_USERS.klaus.accountId, text: '@Klaus' } },
              ],
            },
          ],
        },
        properties: [{ key: 'escalation-notification', value: { ref: 'notified:old' } }],
      },
      APP,
    );
    await sandbox.runFunction(
      'client-comment',
      {
        eventType: 'avi:jira:commented:issue',
        issue: { id: fresh.id, key: fresh.key, fields: { project: { key: 'DEMO' } } },
        comment: { id: marked.id },
      },
      APP,
    );
    expect(await clientNotified(fresh.id)).toEqual([]);
  });
});

describe('a critical issue the trigger missed', () => {
  it('takes its detection time from the changelog, not from its last update', async () => {
    // The app's own changes raise no events for its trigger (ignoreSelf): the sweep alone finds these issues.
    await sandbox.advanceClock(nextSweepAt() - sandbox.now().getTime() + 30_000); // just after a sweep
    const raised = await jira<{ key: string; id: string }>(
      'POST',
      '/rest/api/3/issue',
      { fields: { project: { key: 'DEMO' }, summary: 'Raised later', issuetype: { name: 'Bug' }, priority: { name: 'Medium' } } },
      APP,
    );
    const createdCritical = await jira<{ key: string; id: string }>(
      'POST',
      '/rest/api/3/issue',
      {
        fields: { project: { key: 'DEMO' }, summary: 'Critical from the start', issuetype: { name: 'Bug' }, priority: { name: 'Highest' } },
      },
      APP,
    );
    const createdAt = sandbox.now().toISOString();
    await sandbox.advanceClock(1 * MIN);
    await jira('PUT', `/rest/api/3/issue/${raised.key}`, { fields: { priority: { name: 'Highest' } } }, APP);
    const raisedAt = sandbox.now().toISOString();
    await sandbox.advanceClock(2 * MIN);
    // Touched again after that: the last update time is not the detection time.
    for (const issue of [raised, createdCritical])
      await jira('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: `${issue.key} (updated)` } }, APP);
    const updatedAt = sandbox.now().toISOString();
    expect(sandbox.now().getTime()).toBeLessThan(nextSweepAt());
    expect(await log(raised.id)).toEqual([]);

    await sandbox.advanceClock(5 * MIN); // the sweep runs
    const [raisedStart] = await log(raised.id);
    const [criticalStart] = await log(createdCritical.id);
    expect(raisedStart).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', detectedAt: raisedAt });
    expect(criticalStart).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', detectedAt: createdAt });
    expect(raisedAt).not.toBe(updatedAt);
  });
});
