/**
 * The administration in a real browser over the real sandbox: a project admin changes a level's time frame
 * and the next escalation uses it; the contractor proposes project DEMO's template v2, it waits for DEMO's
 * client, the client approves it, a new escalation starts on v2 while an older one stays on v1; both
 * parties approve DEMO's yearly review; the analytics page shows the figures. Screenshots go to
 * test-output/screenshots/admin-*.png.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { act, loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { addBusinessDuration } from '../../src/domain/deadlines/add-business-duration';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { switchUser } from './support/app-frame';

jest.setTimeout(120_000);

describe('administration pages in the sandbox', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let errors: string[];
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['admin'], prepare: async (sandbox) => void (await loadAppDemo(sandbox)) });
    ({ sandbox, server, page, pageErrors: errors } = session);
  });

  afterAll(async () => {
    if (errors?.length) process.stderr.write(`Browser errors:\n${errors.join('\n')}\n`);
    await session?.close();
  });

  async function as(user: keyof typeof DEMO_USERS, hash: string) {
    await page.goto(`${server.url}/${hash}`);
    await switchUser(page, user);
    await page.goto(`${server.url}/${hash}`);
  }
  const frame = (moduleKey: string) => page.frameLocator(`[data-testid="page-${moduleKey}"] iframe`);
  /** The global page's per-project tabs (template, review) first ask for the contract's project. */
  async function openTab(f: ReturnType<typeof frame>, tab: 'template' | 'review', projectKey = 'DEMO') {
    await f.getByTestId(`tab-${tab}`).click();
    await f.getByTestId(`${tab}-project-key`).fill(projectKey);
    await f.getByTestId(`${tab}-project-key`).press('Enter');
    await f.getByTestId(`${tab}-project`).getByText(projectKey).waitFor();
  }

  it('a project admin changes the level 1 time frame; the next escalation uses it', async () => {
    await as('ada', '#/project-settings/escalation-project-settings');
    const f = frame('escalation-project-settings');
    await f.getByTestId('level-time-frame-1').fill('5');
    await f.getByTestId('save-settings').click();
    await f.getByTestId('saved').waitFor();
    await f.getByTestId('audit-table').getByText('policy.levelTimeFrames.1').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-project-settings.png');

    const view = await act(sandbox, 'sam', 'DEMO-3', 'startEscalation', {
      trigger: 'other',
      problem: 'Restore fails',
      impact: 'Tenant 4711 without backup',
    });
    const calendar = (
      await sandbox.runAs({ kind: 'app' }, async () =>
        (await import('../../src/infrastructure/storage/project-configuration-store')).kvsProjectConfigurationStore.get('DEMO'),
      )
    ).policy.calendar;
    const due = addBusinessDuration(calendar, new Date(view.escalation!.startedAt), { amount: 5, unit: 'workingDays' }, 'business');
    expect(view.escalation!.deadlines.find((d) => d.timeFrame === 'levelTimeFrame')!.dueAt).toBe(due.toISOString());
    expect(view.escalation!.template.version).toBe(1);
  });

  it('shows the template in force paired by party, in German and English', async () => {
    await as('klaus', '#/apps/escalation-review');
    const f = frame('escalation-review');
    await openTab(f, 'template');
    const pair = f.getByTestId('viewer-pair-level-1-2');
    await expect(pair.getByTestId('viewer-L1-C-02').innerText()).resolves.toContain('innerhalb von zwei Stunden');
    await expect(pair.getByTestId('viewer-L1-C-02').innerText()).resolves.toContain('within two hours');
    await expect(pair.getByTestId('viewer-L1-K-02').innerText()).resolves.toContain('Der Auftraggeber legt die Kontaktdaten');
    await f.getByTestId('viewer-tab-level-4').click();
    await expect(f.getByTestId('viewer-section-level-4').locator('tr[data-testid^="viewer-pair-"]').count()).resolves.toBe(10);
    await f.getByTestId('viewer-tab-principles').click();
    await expect(f.getByTestId('viewer-principles').locator('li').count()).resolves.toBe(20);
    await f.getByTestId('viewer-tab-level-1').click();
    await page.waitForTimeout(300);
    await shot('admin-template-viewer-de.png');
  });

  it('template v2 waits for the client, is approved, and only new escalations start on it', async () => {
    await as('sam', '#/apps/escalation-review');
    let f = frame('escalation-review');
    await openTab(f, 'template');
    await f.getByTestId('new-version').click();
    await f.getByTestId('mandatory-L1-C-05').check();
    await f.getByTestId('template-note').fill('Revision 2026: qualified staff (L1-C-05) gates level 1');
    await f.getByTestId('propose-version').click();
    await f.getByTestId('template-draft').waitFor();
    await f.getByTestId('waits-for-client').waitFor();
    expect(await f.getByTestId('template-in-force').innerText()).toMatch(/version 1/);
    await page.waitForTimeout(300);
    await shot('admin-template-v2-waiting.png');

    await as('klaus', '#/apps/escalation-review');
    f = frame('escalation-review');
    await openTab(f, 'template');
    // The same approval pattern as plans and reports: Approve, then confirm (an optional note).
    await f.getByTestId('template-decision-approve').click();
    await f.getByTestId('approve-template').click();
    await f
      .getByText(/Version 2/)
      .first()
      .waitFor();
    await f.locator('[data-testid="template-in-force"]', { hasText: '2' }).waitFor();
    await page.waitForTimeout(300);
    await shot('admin-template-v2-approved.png');

    const v2 = await act(sandbox, 'sam', 'DEMO-4', 'startEscalation', {
      trigger: 'other',
      problem: 'VPN firmware',
      impact: 'Remote sites',
    });
    expect(v2.escalation!.template).toEqual({ id: 'escalation-process:DEMO', version: 2 });
    const v1 = await act(sandbox, 'sam', 'DEMO-3', 'postStatusUpdate', { text: 'Restore test running' });
    expect(v1.escalation!.template.version).toBe(1);
  });

  it('both parties approve project DEMO’s yearly review', async () => {
    await as('sam', '#/apps/escalation-review');
    let f = frame('escalation-review');
    await openTab(f, 'review');
    await f.getByTestId('review-findings').fill('Two of five escalations without a timely notification.');
    await f.getByTestId('save-review').click();
    await f.getByTestId('approve-review').click();
    await f.getByText(/Contractor: Sam Service/).waitFor();

    await as('klaus', '#/apps/escalation-review');
    f = frame('escalation-review');
    await openTab(f, 'review');
    expect(await f.getByTestId('review-findings').inputValue()).toBe('Two of five escalations without a timely notification.');
    await f.getByTestId('approve-review').click();
    await f.getByText('Von beiden Parteien freigegeben').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-review-approved-de.png');
  });

  it('the analytics page shows the period’s figures with charts and tables', async () => {
    await as('erika', '#/apps/escalation-review');
    const f = frame('escalation-review');
    const year = sandbox.now().getUTCFullYear();
    await f.getByTestId('period-from').fill(`${year}-01-01`);
    await f.getByTestId('period-to').fill(`${year + 1}-01-01`);
    await f.getByRole('button', { name: 'Show' }).click();
    await f.getByTestId('kpi-total').getByText('5').waitFor();
    expect(await f.getByTestId('table-level').innerText()).toMatch(/1\s+4\s+2\s+1/);
    await f.getByTestId('review-reminder').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-analytics.png');
    expect(errors).toEqual([]);
  });

  it('a project admin names contacts per level with the user picker and picks critical priorities (English, then German)', async () => {
    await as('ada', '#/project-settings/escalation-project-settings');
    const f = frame('escalation-project-settings');
    const cell = f.getByTestId('contacts-1-client');
    await cell.getByTestId('user-search').fill('Klau');
    await cell.getByRole('option', { name: 'Klaus Kunde' }).click();
    await cell.getByTestId('contact-chip').getByText('Klaus Kunde').waitFor();
    await f.getByTestId('contacts-3-contractor').getByTestId('user-search').fill('Carla');
    await f.getByTestId('contacts-3-contractor').getByRole('option', { name: 'Carla Contractor-Lead' }).click();
    await f.getByTestId('contacts-2-contractor').getByTestId('contact-groups').fill('contractor-managers');
    await f.getByTestId('critical-High').check();
    await f.getByRole('spinbutton', { name: 'Agreed status update interval', exact: true }).fill('2');
    await f.getByTestId('reports-parent').fill('98306');
    await f.getByTestId('save-settings').click();
    await f.getByTestId('saved').waitFor();
    const audit = f.getByTestId('audit-table');
    await audit.getByText('criticalPriorities').waitFor();
    await audit.getByText('contacts.1').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-project-audit-en.png');
    await f.getByTestId('critical-priorities').scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await shot('admin-project-contacts-en.png');

    const stored = await sandbox.runAs({ kind: 'app' }, async () =>
      (await import('../../src/infrastructure/storage/project-configuration-store')).kvsProjectConfigurationStore.get('DEMO'),
    );
    expect(stored.criticalPriorities).toEqual(['Highest', 'High']);
    expect(stored.contacts).toEqual({
      1: { client: { accountIds: [DEMO_USERS.klaus.accountId], groups: [] } },
      2: { contractor: { accountIds: [], groups: ['contractor-managers'] } },
      3: { contractor: { accountIds: [DEMO_USERS.carla.accountId], groups: [] } },
    });
    expect(stored.policy.timeFrames.statusUpdateInterval).toEqual({ amount: 2, unit: 'hours' });
    expect(stored.reports).toEqual({ spaceKey: 'ESC', parentPageId: '98306' });

    // The same page for a German-speaking admin: the names come back, the labels are German.
    sandbox.db.prepare('UPDATE jira_user SET locale = ? WHERE account_id = ?').run('de-DE', DEMO_USERS.ada.accountId);
    try {
      await as('ada', '#/project-settings/escalation-project-settings');
      const g = frame('escalation-project-settings');
      await g.getByText('Ansprechpartner je Stufe').waitFor();
      await g.getByTestId('contacts-1-client').getByText('Klaus Kunde').waitFor();
      expect(await g.getByTestId('critical-High').isChecked()).toBe(true);
      await page.waitForTimeout(300);
      await shot('admin-project-contacts-de.png');
    } finally {
      sandbox.db.prepare('UPDATE jira_user SET locale = ? WHERE account_id = ?').run('en-US', DEMO_USERS.ada.accountId);
    }
  });

  it('the contractor proposes an arbitration body, the client approves it', async () => {
    await as('sam', '#/apps/escalation-review');
    let f = frame('escalation-review');
    await f.getByTestId('tab-arbitration').click();
    await f.getByTestId('arbitration-project-key').fill('DEMO');
    await f.getByRole('button', { name: 'Open' }).click();
    await f.getByTestId('arbitration-name').fill('DIS – Deutsche Institution für Schiedsgerichtsbarkeit');
    await f.getByTestId('arbitration-details').fill('www.disarb.org, Köln');
    await f.getByRole('button', { name: 'Propose' }).click();
    await f.getByTestId('arbitration-ab-1').getByText('proposed').waitFor();
    expect(await f.getByTestId('approve-arbitration').count()).toBe(0);
    await page.waitForTimeout(300);
    await shot('admin-arbitration-proposed-en.png');

    await as('klaus', '#/apps/escalation-review');
    f = frame('escalation-review');
    await f.getByTestId('tab-arbitration').click();
    await f.getByTestId('arbitration-project-key').fill('DEMO');
    await f.getByRole('button', { name: 'Öffnen' }).click();
    await f.getByTestId('approve-arbitration').click();
    await f.getByTestId('arbitration-ab-1').getByText('freigegeben').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-arbitration-approved-de.png');
    expect(errors).toEqual([]);
  });

  it('a contact whose account was closed is flagged in the project settings, with the skipped notice in the history', async () => {
    const { kvsProjectConfigurationStore } = await import('../../src/infrastructure/storage/project-configuration-store');
    const configuration = await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.get('DEMO'));
    await sandbox.runAs({ kind: 'app' }, () =>
      kvsProjectConfigurationStore.save('DEMO', {
        ...configuration,
        contacts: { ...configuration.contacts, 2: { client: { accountIds: [DEMO_USERS.erika.accountId], groups: [] } } },
      }),
    );
    sandbox.closeAccount(DEMO_USERS.erika.accountId);
    // DEMO-1 is at level 2: the contractor's news goes to the client's level-2 contacts, Erika alone.
    await act(sandbox, 'sam', 'DEMO-1', 'postStatusUpdate', { text: 'Replacement controller arrives tomorrow.' });
    await sandbox.advanceClock(24 * 3_600_000); // the daily personal data job learns that the account is closed

    await as('ada', '#/project-settings/escalation-project-settings');
    const f = frame('escalation-project-settings');
    await f.getByTestId('unreachable-contacts').waitFor();
    await f.getByTestId('contacts-2-client').getByTestId('contact-unreachable').getByText('account closed').waitFor();
    const history = f.getByTestId('project-settings').getByTestId('audit-table');
    await history.getByText('contact skipped by notifications: account closed or deactivated').waitFor();
    await page.waitForTimeout(300);
    await shot('admin-project-contact-closed-en.png');
    await history.screenshot({ path: path.join(SCREENSHOT_DIR, 'admin-project-contact-skipped-history-en.png') });
    expect(errors).toEqual([]);
  });
});
