/**
 * Jira Automation rules running the app's actions, through the manifest's `automation:actionProvider` and
 * `action` modules in the sandbox, as Automation calls them: the rule's inputs (smart values resolved) as the
 * payload, the user of the rule's connection as the invocation's principal, `{ errors: [{ message }] }` read
 * into the rule's audit log. The recipes are the README's ("Jira Automation").
 */
import path from 'node:path';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { TWENTY_FOUR_SEVEN } from '../../src/domain/deadlines/business-calendar';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';

jest.setTimeout(60_000);

const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-02T08:00:00.000Z';
const APP = { kind: 'app' as const };
const as = (user: keyof typeof DEMO_USERS) => ({ kind: 'user' as const, accountId: DEMO_USERS[user].accountId });

const CONFIGURATION: ProjectConfiguration = {
  ...DEFAULT_PROJECT_CONFIGURATION,
  parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  policy: { ...DEFAULT_PROJECT_CONFIGURATION.policy, calendar: TWENTY_FOUR_SEVEN },
};

let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterAll(async () => {
  await sandbox?.close();
});

async function jira<T>(method: string, p: string, body: unknown, principal: { kind: 'app' } | { kind: 'user'; accountId: string }) {
  const r = await sandbox.jira(
    { method, path: p, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) },
    principal,
  );
  if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${r.body}`);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}
const createIssue = (summary: string) =>
  jira<{ key: string; id: string }>(
    'POST',
    '/rest/api/3/issue',
    { fields: { project: { key: 'DEMO' }, summary, issuetype: { name: 'Bug' }, priority: { name: 'Medium' } } },
    as('sam'),
  );
const log = (id: string) => sandbox.runAs(APP, () => kvsEscalationEventStore.load(id));
const search = (jql: string) =>
  jira<{ issues: { key: string }[] }>('POST', '/rest/api/3/search/jql', { jql, fields: ['summary'] }, APP).then((r) =>
    r.issues.map((i) => i.key),
  );

const start = (issueKey: string) => ({
  issueKey,
  trigger: 'sla-breach',
  problem: 'Checkout fails for every customer',
  impact: 'No orders since 07:40',
  critical: true,
});

describe('the actions a rule offers', () => {
  it('lists exactly the four actions through one actionProvider, each backed by a function', () => {
    const modules = sandbox.appManifest.modules;
    expect(modules['automation:actionProvider']).toEqual([
      {
        key: 'escalation-actions',
        actions: [
          'escalation-start',
          'escalation-record-client-notified',
          'escalation-post-status-update',
          'escalation-acknowledge-notice',
        ],
      },
    ]);
    for (const action of modules.action ?? []) expect(sandbox.appManifest.functions.has(String(action.function))).toBe(true);
  });
});

describe('a rule drives an escalation from start to acknowledgement', () => {
  it('runs each action as the connection user of the right party, records it as from Automation, and indexes it for JQL', async () => {
    const { key, id } = await createIssue('Checkout down');
    // Recipe 5 ("Start an escalation"): rule actor is a member of the contractor party.
    expect(await sandbox.runAutomationAction('escalation-start', start(key), as('sam'))).toEqual({ status: 'success', output: undefined });
    expect(
      await sandbox.runAutomationAction(
        'escalation-record-client-notified',
        { issueKey: key, channel: 'phone', note: 'Called Klaus Kunde at 08:05' },
        as('sam'),
      ),
    ).toMatchObject({ status: 'success' });
    expect(
      await sandbox.runAutomationAction(
        'escalation-post-status-update',
        { issueKey: key, text: 'Rollback of release 4.2 under way' },
        as('sam'),
      ),
    ).toMatchObject({ status: 'success' });
    // The client's own rule (its connection: a member of the client party) acknowledges the notice.
    expect(await sandbox.runAutomationAction('escalation-acknowledge-notice', { issueKey: key, note: '' }, as('klaus'))).toMatchObject({
      status: 'success',
    });

    const events = await log(id);
    const ofType = (type: string) => events.find((e) => e.type === type);
    expect(ofType('escalation-started')).toMatchObject({
      actor: { accountId: DEMO_USERS.sam.accountId, party: 'contractor' },
      origin: { source: 'automation' },
      trigger: 'sla-breach',
      critical: true,
    });
    expect(ofType('client-notified')).toMatchObject({ channel: 'phone', actor: { party: 'contractor' }, origin: { source: 'automation' } });
    expect(ofType('status-update-posted')).toMatchObject({ text: 'Rollback of release 4.2 under way', origin: { source: 'automation' } });
    const acknowledged = ofType('notice-acknowledged');
    expect(acknowledged).toMatchObject({
      actor: { accountId: DEMO_USERS.klaus.accountId, party: 'client' },
      origin: { source: 'automation' },
    });
    // An empty optional input (a smart value that resolved to nothing) is no note at all.
    expect(acknowledged).not.toHaveProperty('note');

    // What the README's Slack / Teams recipes search for finds the escalation the rule started.
    expect(await search('escalationStatus = "open" AND escalationLevel = 1')).toContain(key);
  });
});

describe('a rule is refused with messages for its audit log, and nothing is recorded', () => {
  it('refuses a connection user who belongs to neither party, naming that user', async () => {
    const { key, id } = await createIssue('Admin rule');
    const entry = await sandbox.runAutomationAction('escalation-start', start(key), as('ada'));
    expect(entry).toEqual({
      status: 'failed',
      messages: [
        expect.stringContaining(`the rule runs as the user ${DEMO_USERS.ada.accountId}, who is not a member of exactly one party`),
      ],
    });
    expect(await log(id)).toEqual([]);
  });

  it("refuses an action of the other party with the domain's reason", async () => {
    const { key, id } = await createIssue('Wrong party');
    await sandbox.runAutomationAction('escalation-start', start(key), as('sam'));
    const entry = await sandbox.runAutomationAction('escalation-acknowledge-notice', { issueKey: key }, as('sam'));
    expect(entry).toEqual({ status: 'failed', messages: [`${key}: The client acknowledges the notice.`] });
    expect((await log(id)).map((e) => e.type)).toEqual(['escalation-started']);
  });

  it('refuses a connection user who may not see the issue as if it did not exist', async () => {
    const { key, id } = await createIssue('Hidden');
    const entry = await sandbox.runAutomationAction('escalation-start', start(key), as('otto'));
    expect(entry).toEqual({ status: 'failed', messages: [`${key}: Issue does not exist or you do not have permission to see it.`] });
    expect(await log(id)).toEqual([]);
  });

  it('names each bad input: an issue key that resolved to nothing, an unknown trigger', async () => {
    const entry = await sandbox.runAutomationAction('escalation-start', { ...start(''), trigger: 'whenever' }, as('sam'));
    expect(entry.status).toBe('failed');
    const messages = entry.status === 'failed' ? entry.messages : [];
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Input 'issueKey': /);
    expect(messages[1]).toMatch(/^Input 'trigger': .*sla-breach/);
  });

  it('never takes identity or a party from the payload: an onBehalf slipped past the rule is refused', async () => {
    const { key, id } = await createIssue('On behalf');
    // Automation would not save a rule with an undeclared input …
    await expect(
      sandbox.runAutomationAction('escalation-start', { ...start(key), onBehalf: { party: 'contractor', reason: 'rule' } }, as('ada')),
    ).rejects.toThrow(/not an input of the action/);
    // … and the function refuses one it is handed anyway, even for a Jira administrator.
    const result = await sandbox.runFunction(
      'auto-start-escalation',
      { ...start(key), onBehalf: { party: 'contractor', reason: 'rule' }, accountId: DEMO_USERS.sam.accountId },
      as('ada'),
    );
    expect(result).toEqual({ errors: [{ message: expect.stringMatching(/^Input \(all\): .*onBehalf.*accountId/) as string }] });
    expect(await log(id)).toEqual([]);
  });

  it('refuses an invocation without a user', async () => {
    const { key, id } = await createIssue('No user');
    const result = await sandbox.runFunction('auto-start-escalation', start(key), APP);
    expect(result).toEqual({ errors: [{ message: expect.stringContaining("runs as the user of the rule's connection") as string }] });
    expect(await log(id)).toEqual([]);
  });
});
