/**
 * Notifications link each reader to where they can act: a portal customer (account type `customer`, no Jira
 * licence) to the request on the customer portal, a licensed client contact to the issue. The portal id is
 * learnt from the portal module's context when a client opens the escalation there; until then customers get
 * the issue link and a sentence naming the portal. Through the real resolvers and Jira's notify on the sandbox.
 */
import path from 'node:path';
import { act, DEMO_CONFIGURATION } from '../../sandbox/app-demo/demo-escalations';
import { invokePortal } from '../../sandbox/app-demo/portal-invoke';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_CUSTOMERS, DEMO_PORTAL_ID, DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import { kvsPortalDirectory } from '../../src/infrastructure/storage/portal-directory-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';

const APP_DIR = path.resolve(__dirname, '..', '..');
const APP = { kind: 'app' as const };
const ISSUE = 'DEMO-3';
const CLARA = DEMO_CUSTOMERS.clara.accountId;
const KLAUS = DEMO_USERS.klaus.accountId;
/** Sam for the contractor; Clara (portal customer) and Klaus (licensed) for the client, at every level. */
const CONFIGURATION: ProjectConfiguration = {
  ...DEMO_CONFIGURATION,
  contacts: Object.fromEntries(
    [1, 2, 3, 4].map((l) => [
      l,
      { contractor: { accountIds: [DEMO_USERS.sam.accountId], groups: [] }, client: { accountIds: [CLARA, KLAUS], groups: [] } },
    ]),
  ),
};
const PORTAL_LINK = `/servicedesk/customer/portal/${DEMO_PORTAL_ID}/${ISSUE}`;
const ISSUE_LINK = `/browse/${ISSUE}`;

let sandbox: PlatformSandbox;
beforeEach(async () => {
  // Monday 23 Nov 2026, 09:00 Berlin: working time, nothing waits.
  sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
  await sandbox.runAs(APP, () => kvsProjectConfigurationStore.save('DEMO', CONFIGURATION));
});
afterEach(async () => sandbox.close());

const messagesTo = async (accountId: string) =>
  (await sandbox.outbox()).filter((n) => n.issueKey === ISSUE && n.recipients.includes(accountId));
const start = () => act(sandbox, 'sam', ISSUE, 'startEscalation', { trigger: 'other', problem: 'Restore fails', impact: 'No backup' });

it('before a portal view showed the portal id, Clara gets the issue link and where the request is on the portal', async () => {
  await start();
  await act(sandbox, 'sam', ISSUE, 'postStatusUpdate', { text: 'Restore läuft wieder an' });
  const clara = (await messagesTo(CLARA)).filter((m) => m.textBody.includes('Restore läuft wieder an'));
  const klaus = (await messagesTo(KLAUS)).filter((m) => m.textBody.includes('Restore läuft wieder an'));
  expect(clara).toHaveLength(1);
  expect(klaus).toHaveLength(1);
  // Separate messages: each reader's link differs.
  expect(clara[0]!.recipients).toEqual([CLARA]);
  expect(clara[0]!.textBody).toContain(ISSUE_LINK);
  expect(clara[0]!.textBody).not.toContain('/servicedesk/customer/portal/');
  expect(clara[0]!.textBody).toContain('Ohne Jira-Lizenz finden Sie die Anfrage DEMO-3 im Kundenportal');
  expect(klaus[0]!.textBody).toContain(ISSUE_LINK);
  expect(klaus[0]!.textBody).not.toContain('Kundenportal');
});

it('once Clara opened the portal view, she gets the portal request; Klaus, licensed, keeps the issue link', async () => {
  await start();
  expect(await sandbox.runAs(APP, () => kvsPortalDirectory.portalIdOf('DEMO'))).toBeUndefined();
  const view = await invokePortal(sandbox, 'clara', ISSUE, 'getPortalEscalation', {});
  expect(view.ok).toBe(true);
  expect(await sandbox.runAs(APP, () => kvsPortalDirectory.portalIdOf('DEMO'))).toBe(DEMO_PORTAL_ID);

  await act(sandbox, 'sam', ISSUE, 'postStatusUpdate', { text: 'Restore läuft wieder an' });
  const clara = (await messagesTo(CLARA)).filter((m) => m.textBody.includes('Restore läuft wieder an'));
  const klaus = (await messagesTo(KLAUS)).filter((m) => m.textBody.includes('Restore läuft wieder an'));
  expect(clara).toHaveLength(1);
  expect(klaus).toHaveLength(1);
  expect(clara[0]!.textBody).toContain(`Zur Anfrage im Kundenportal: https://sandbox.atlassian.net${PORTAL_LINK}`);
  expect(clara[0]!.htmlBody).toContain(PORTAL_LINK);
  expect(clara[0]!.textBody).not.toContain(ISSUE_LINK);
  expect(klaus[0]!.textBody).toContain(`https://sandbox.atlassian.net${ISSUE_LINK}`);
  expect(klaus[0]!.textBody).not.toContain('/servicedesk/');
});

it('a portal view from someone who is not the client party keeps no portal id', async () => {
  await start();
  const refused = await invokePortal(sandbox, 'fiona', ISSUE, 'getPortalEscalation', {});
  expect(refused.ok).toBe(false);
  expect(await sandbox.runAs(APP, () => kvsPortalDirectory.portalIdOf('DEMO'))).toBeUndefined();
});
