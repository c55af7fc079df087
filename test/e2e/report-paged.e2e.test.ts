/**
 * Issue 16's large report in the browser, through the real sandbox and panel: DEMO-5 (resolved) with a history
 * above the app's background threshold (11,000 comments, 2,000 status updates). Preview answers "being
 * generated"; once the sandbox's queue has run the `report-generation` consumer, "Check again" shows page 1 of
 * the stored pages, and next / previous page through them. English (Sam) and German (Klaus) screenshots.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { configureDemoProject, seedDemoEscalations } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { openAs, panelOf } from './support/app-frame';
import { SCREENSHOT_DIR } from './support/browser';
import { MONDAY_9_BERLIN, openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(400_000);

const ISSUE = 'DEMO-5';

/** Above the background threshold: comments straight into the emulated Jira, status updates through the event store. */
async function largeHistory(sandbox: PlatformSandbox): Promise<void> {
  const issue = sandbox.db.prepare('SELECT id FROM jira_issue WHERE key = ?').get(ISSUE) as { id: number };
  const start = sandbox.now().getTime() - 10 * 86_400_000;
  const insert = sandbox.db.prepare('INSERT INTO jira_comment (issue_id, author, body, created, updated) VALUES (?, ?, ?, ?, ?)');
  sandbox.db.transaction(() => {
    for (let i = 0; i < 11_000; i++) {
      const text = `Restore check ${i}: tenant 4711 ok`;
      const body = JSON.stringify({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
      insert.run(issue.id, DEMO_USERS.klaus.accountId, body, start + i * 60_000, start + i * 60_000);
    }
  })();
  await sandbox.runAs({ kind: 'app' }, async () => {
    const id = String(issue.id);
    const log = await kvsEscalationEventStore.load(id);
    const events: EscalationEvent[] = Array.from({ length: 2_000 }, (_, i) => ({
      seq: log.length + 1 + i,
      at: log.at(-1)!.at,
      actor: { accountId: DEMO_USERS.sam.accountId, party: 'contractor' },
      type: 'status-update-posted',
      text: `Status ${i}: restore of tenant 4711 at ${i % 100} % — ${'checked '.repeat(20)}`,
    }));
    await kvsEscalationEventStore.append(id, events);
  });
}

describe('the paged preview of a large report', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel'],
      startAt: MONDAY_9_BERLIN,
      prepare: async (prepared) => {
        sandbox = prepared;
        await configureDemoProject(sandbox);
        await seedDemoEscalations(sandbox);
        await largeHistory(sandbox);
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
    await page.setViewportSize({ width: 1440, height: 2400 });
    // A long log and a busy machine: the sandbox page and the panel take longer than the default 20 s.
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => session?.close());

  const panel = (): FrameLocator => panelOf(page);
  const report = () => panel().getByTestId('report-section');
  const reportFrame = (): FrameLocator => panel().frameLocator('[data-testid="report-preview-frame"]');
  const shot = (name: string) => report().screenshot({ path: path.join(SCREENSHOT_DIR, `report-paged-${name}.png`) });

  async function openReportAs(user: keyof typeof DEMO_USERS): Promise<void> {
    const german = DEMO_USERS[user].locale.startsWith('de');
    await openAs(page, server.url, user, `#/browse/${ISSUE}`);
    // The panel replays a long log: more time than the default on a busy machine.
    await panel()
      .getByText(german ? 'Sie handeln als' : 'You act as')
      .first()
      .waitFor({ timeout: 90_000 });
    await panel().getByTestId('tab-report').click();
    await report().getByTestId('report-summary').waitFor();
  }

  /**
   * The queue's consumer runs (the sandbox delivers what is due), as Forge would in the background; then the
   * panel is asked to look again (unless its own check every 15 s already found the report).
   */
  async function runBackground(): Promise<void> {
    expect(await sandbox.deliverDue()).toBeGreaterThan(0);
  }

  /**
   * Until the caption shows the first page. The panel checks by itself every 15 s of the frame's clock, which the
   * sandbox moves only with its own clock, so the test asks again ("Check again") whenever the button is offered.
   */
  async function firstPageShown(pattern: RegExp): Promise<void> {
    const shown = report().getByTestId('report-shown').getByText(pattern);
    const giveUp = performance.now() + 90_000; // real time: the sandbox fakes Date
    while (!(await shown.isVisible())) {
      if (performance.now() > giveUp) throw new Error(`the report's first page was not shown (${String(pattern)})`);
      const checkAgain = report().getByTestId('report-check-again');
      if (await checkAgain.isVisible()) await checkAgain.click().catch(() => undefined);
      await shown.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
  }

  it('shows "being generated", then page 1 of the stored pages, and pages forward and back (English)', async () => {
    await openReportAs('sam');
    await report().getByTestId('report-locale-en').check();
    await report().getByTestId('report-preview').click();
    await report().getByTestId('report-shown').getByText('it is being generated in the background', { exact: false }).waitFor();
    await expect(report().getByTestId('report-preview-frame').count()).resolves.toBe(0);
    await shot('en-generating');

    await runBackground();
    const caption = report().getByTestId('report-shown');
    await firstPageShown(/page 1 of \d+/);
    const count = Number(/page 1 of (\d+)/.exec(await caption.innerText())![1]);
    expect(count).toBeGreaterThan(1);
    await reportFrame().getByRole('heading', { name: 'Introduction' }).waitFor();
    await expect(report().getByTestId('report-page-previous').isDisabled()).resolves.toBe(true);

    await report().getByTestId('report-page-next').click();
    await caption.getByText(`page 2 of ${count}`).waitFor();
    await reportFrame()
      .getByText(/Status \d+: restore of tenant 4711/)
      .first()
      .waitFor();
    await expect(reportFrame().getByRole('heading', { name: 'Introduction' }).count()).resolves.toBe(0);
    await shot('en-page-2');

    await report().getByTestId('report-page-previous').click();
    await caption.getByText(`page 1 of ${count}`).waitFor();
    await reportFrame().getByRole('heading', { name: 'Introduction' }).waitFor();

    // The last page: the discussion, and no next page.
    for (let n = 2; n <= count; n++) {
      await report().getByTestId('report-page-next').click();
      await caption.getByText(`page ${n} of ${count}`).waitFor();
    }
    await expect(report().getByTestId('report-page-next').isDisabled()).resolves.toBe(true);
    await reportFrame().getByRole('heading', { name: 'Discussion in the issue' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('pages the German report for the client', async () => {
    await openReportAs('klaus');
    await report().getByTestId('report-locale-de').check();
    await report().getByTestId('report-preview').click();
    await report().getByTestId('report-shown').getByText('wird im Hintergrund erstellt', { exact: false }).waitFor();
    await shot('de-generating');
    await runBackground();
    const caption = report().getByTestId('report-shown');
    await firstPageShown(/Seite 1 von \d+/);
    await reportFrame().getByRole('heading', { name: 'Einleitung' }).waitFor();
    await report().getByRole('button', { name: 'Nächste Seite' }).click();
    await caption.getByText(/Seite 2 von \d+/).waitFor();
    await reportFrame()
      .getByText(/Status \d+: restore of tenant 4711/)
      .first()
      .waitFor();
    await shot('de-page-2');
    await report().getByRole('button', { name: 'Vorherige Seite' }).click();
    await caption.getByText(/Seite 1 von \d+/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
