/**
 * Non-idempotent POSTs whose answer is lost after the product applied them (the sandbox's `lost` fault:
 * the request takes effect, the caller sees a 504). None of them may take effect twice.
 */
import path from 'node:path';
import { asApp } from '@forge/api';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { ConfluenceClient } from '../../src/infrastructure/confluence/confluence-client';
import { OutcomeUnknownError, retryPolicyWithin } from '../../src/infrastructure/http/product-request';
import { JiraClient } from '../../src/infrastructure/jira/jira-client';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const retry = () => retryPolicyWithin(20_000, { baseDelayMs: 1, maxDelayMs: 2, sleep: () => Promise.resolve() });

let sandbox: PlatformSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-03-02T08:00:00.000Z' });
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.faults.clear());

const count = (sql: string, ...args: unknown[]) => (sandbox.db.prepare(sql).get(...args) as { n: number }).n;

it('a Jira notification whose answer was lost is not sent again', async () => {
  const before = count('SELECT COUNT(*) AS n FROM jira_notification');
  sandbox.faults.set({ route: 'POST /rest/api/3/issue/{issueIdOrKey}/notify', rate: 1, kind: 'lost', times: 1 });
  const sending = sandbox.runAs(APP, () =>
    new JiraClient(asApp(), retry()).notify('DEMO-1', {
      subject: 's',
      textBody: 't',
      to: { users: [{ accountId: DEMO_USERS.sam.accountId }] },
    }),
  );
  await expect(sending).rejects.toThrow(OutcomeUnknownError);
  expect(count('SELECT COUNT(*) AS n FROM jira_notification')).toBe(before + 1);
});

it('a Confluence page whose create answer was lost is found by its title, not created twice', async () => {
  sandbox.faults.set({ route: /POST \/wiki\/api\/v2\/pages$/, rate: 1, kind: 'lost', times: 1 });
  const page = await sandbox.runAs(APP, async () => {
    const client = new ConfluenceClient(asApp(), retry());
    const space = await client.getSpaceByKey('ESC');
    return client.createPage({ spaceId: space!.id, title: 'Lost answer report', storage: '<p>x</p>' });
  });
  expect(page.title).toBe('Lost answer report');
  expect(count("SELECT COUNT(*) AS n FROM conf_page WHERE title = 'Lost answer report'")).toBe(1);
});
