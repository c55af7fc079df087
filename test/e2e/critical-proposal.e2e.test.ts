/**
 * A critical priority proposes, not starts, in Chromium over the real sandbox: the panel of a critical issue
 * shows the proposal with the time by which the client must be notified (English and German), "Prepare
 * escalation" fills the start form, and the escalation starts detected when the priority became critical.
 * A project admin switches on the automatic start on the settings page; the next critical issue then starts
 * its escalation by itself. Screenshots go to test-output/screenshots/critical-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { expectText, openAs, panelOf } from './support/app-frame';

jest.setTimeout(120_000);

const APP = { kind: 'app' as const };
const MIN = 60_000;

describe('a critical priority in the browser', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['panel', 'admin'], startAt: '2026-03-02T08:00:00.000Z', prepare: configureDemoProject });
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const panel = (): FrameLocator => panelOf(page);
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `critical-${name}.png`), fullPage: true });

  const as = (user: keyof typeof DEMO_USERS, hash: string) => openAs(page, server.url, user, hash);

  /** A new issue of priority Highest, created by Sam; the product-event trigger runs a minute later. */
  async function createCritical(summary: string): Promise<{ key: string; id: string; at: string }> {
    const at = sandbox.now().toISOString();
    const created = await sandbox.jira(
      {
        method: 'POST',
        path: '/rest/api/3/issue',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fields: { project: { key: 'DEMO' }, summary, issuetype: { name: 'Bug' }, priority: { name: 'Highest' } } }),
      },
      { kind: 'user', accountId: DEMO_USERS.sam.accountId },
    );
    expect(created.status).toBe(201);
    await sandbox.advanceClock(1 * MIN);
    return { ...(JSON.parse(created.body) as { key: string; id: string }), at };
  }

  it('proposes an escalation with the client notification due; prepared from it, the escalation keeps the detection time', async () => {
    const issue = await createCritical('Payment gateway down');
    expect(await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issue.id))).toEqual([]);

    await as('klaus', `#/browse/${issue.key}`);
    const proposalDe = panel().getByTestId('critical-proposal');
    await expectText(proposalDe, /Die Priorität Highest macht diesen Vorgang zu einem kritischen Problem/);
    await shot('de-proposal');

    await as('sam', `#/browse/${issue.key}`);
    const proposal = panel().getByTestId('critical-proposal');
    // 08:00 UTC is 09:00 in Berlin (Sam's time zone); two hours later, round the clock.
    await expectText(proposal, /Priority Highest makes this issue a critical problem, detected .*9:00.*notified by .*11:00/s);
    await shot('en-proposal');
    await proposal.getByTestId('prepare-escalation').click();
    const form = panel().getByTestId('start-form');
    await form.getByTestId('start-form-note').waitFor();
    await expect(form.getByLabel('Impact').inputValue()).resolves.toBe('Critical problem: priority Highest.');
    await form.getByLabel('Problem description').fill('Payments fail for all tenants since 09:00.');
    await shot('en-prepared');
    await form.getByRole('button', { name: 'Start escalation' }).click();
    await panel().getByTestId('obligation-checklist').waitFor();
    await expect(panel().getByTestId('critical-proposal').count()).resolves.toBe(0);

    const [started] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issue.id));
    expect(started).toMatchObject({ type: 'escalation-started', actor: { accountId: DEMO_USERS.sam.accountId }, detectedAt: issue.at });
  });

  it('a project admin switches on the automatic start; the next critical issue starts its escalation by itself', async () => {
    await as('ada', '#/project-settings/escalation-project-settings');
    const f = page.frameLocator('[data-testid="page-escalation-project-settings"] iframe');
    const box = f.getByTestId('auto-start-critical');
    await expect(box.isChecked()).resolves.toBe(false);
    await box.check();
    await f.getByTestId('save-settings').click();
    await f.getByTestId('saved').waitFor();
    await f.getByTestId('audit-table').getByText('autoStartOnCriticalPriority').waitFor();
    await f.getByTestId('critical-priorities').scrollIntoViewIfNeeded();
    await shot('en-settings');
    expect((await sandbox.runAs(APP, () => kvsProjectConfigurationStore.get('DEMO'))).autoStartOnCriticalPriority).toBe(true);

    const issue = await createCritical('Storage cluster unreachable');
    const [started] = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issue.id));
    expect(started).toMatchObject({ type: 'escalation-started', trigger: 'sla-breach', actor: { party: 'system' } });
    expect(pageErrors).toEqual([]);
  });
});
