/**
 * The app's frames as Forge frames them ("Custom UI iframe", developer.atlassian.com/platform/forge/custom-ui/iframe,
 * last updated Nov 11, 2024): no pop-ups, so a `target="_blank"` link or `window.open` in a frame opens nothing, while
 * scripts, modals, downloads, the frame's own storage and the theme work. The panel's links out go through
 * `router.open`: the host asks before another site and opens the link in a new page; declined, the panel says so
 * where the link is.
 */
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { act, configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { RunningServer } from '../../sandbox/web/server';
import { translate } from '../../src/shared/i18n/messages';
import { SCREENSHOT_DIR, type TestBrowser } from './support/browser';
import { expectText, openPanelAs, PANEL, panelOf, waitUntil } from './support/app-frame';
import { MONDAY_9_BERLIN, openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(120_000);

const ISSUE = 'DEMO-3';
const EVIDENCE = 'https://evidence.example/mail/4711';

describe("the app's frames as Forge frames them, and the panel's links out", () => {
  let session: SandboxSession;
  let server: RunningServer;
  let browser: TestBrowser;
  let page: Page;
  let pageErrors: string[];
  /** Every page the browser opened besides the test's own. */
  const opened: Page[] = [];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel'],
      startAt: MONDAY_9_BERLIN,
      prepare: async (sandbox) => {
        await configureDemoProject(sandbox);
        await act(sandbox, 'sam', ISSUE, 'startEscalation', {
          trigger: 'sla-breach',
          problem: 'Checkout rejects card payments',
          impact: 'Orders are lost',
        });
        await act(sandbox, 'klaus', ISSUE, 'fulfilObligation', {
          obligationId: 'L1-K-01',
          note: 'Logs shared by e-mail',
          evidenceUrl: EVIDENCE,
        });
      },
    });
    ({ server, browser, page, pageErrors } = session);
    // No egress: the evidence's site is answered here, so the new page has something to show.
    await browser.context.route('https://evidence.example/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Evidence</title><p>Mail 4711</p>' }),
    );
    browser.context.on('page', (p) => opened.push(p));
  });

  afterAll(async () => session?.close());

  const panel = () => panelOf(page);
  const prompt = () => page.getByTestId('external-link-prompt');

  /** The panel as the contractor's agent, both parties' obligations shown (the client's evidence among them). */
  async function panelFrame(): Promise<Frame> {
    const frame = await openPanelAs(page, server.url, 'sam', ISSUE);
    await panel().getByTestId('checklist-both').click();
    return frame;
  }

  it("has Forge's sandbox and feature policies: no pop-ups from the frame, while modals, storage and the theme work", async () => {
    const frame = await panelFrame();
    const iframe = page.locator(`${PANEL} iframe`);
    // The values of the Custom UI iframe docs, exactly.
    await expect(iframe.getAttribute('sandbox')).resolves.toBe(
      'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts',
    );
    await expect(iframe.getAttribute('allow')).resolves.toBe('camera; clipboard-write; display-capture; fullscreen; microphone');

    // No allow-popups: window.open answers null, and a target="_blank" link opens nothing.
    expect(await frame.evaluate(() => window.open(`${location.origin}/#/outbox`, '_blank') === null)).toBe(true);
    await frame.evaluate(() => {
      const a = document.createElement('a');
      a.href = `${location.origin}/#/outbox`;
      a.target = '_blank';
      a.textContent = 'a link as the panel had them';
      a.setAttribute('data-testid', 'blank-link');
      document.body.append(a);
    });
    await frame.getByTestId('blank-link').click();

    // allow-modals: confirm() reaches the user (blocked, it would answer false without asking).
    page.once('dialog', (dialog) => void dialog.accept());
    expect(await frame.evaluate(() => window.confirm('Continue?'))).toBe(true);
    // allow-same-origin: the frame keeps its own storage.
    expect(await frame.evaluate(() => (localStorage.setItem('frame-check', 'kept'), localStorage.getItem('frame-check')))).toBe('kept');
    // The theme still reaches a frame that enabled it (through the bridge's postMessage).
    await page.getByTestId('theme-switch').selectOption('dark');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    await page.getByTestId('theme-switch').selectOption('light');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'light');

    // Neither the window.open nor the link click opened a page: the only new page comes from router.open below.
    const cellLink = panel()
      .getByTestId('obligation-L1-K-01')
      .getByRole('link', { name: /Evidence/ });
    await cellLink.click();
    await prompt().getByTestId('external-link-open').click();
    await waitForPages(1);
    expect(opened.map((p) => p.url())).toEqual([EVIDENCE]);
    await closeOpened();
    expect(pageErrors).toEqual([]);
  });

  it("opens the obligation cell's evidence through the host after asking; declined, the panel says so beside the link", async () => {
    await panelFrame();
    const cellLink = panel()
      .getByTestId('obligation-L1-K-01')
      .getByRole('link', { name: /Evidence/ });
    await expect(cellLink.getAttribute('href')).resolves.toBe(EVIDENCE); // kept for copying and screen readers

    await cellLink.click();
    await expectText(prompt().getByTestId('external-link-url'), EVIDENCE);
    await prompt().screenshot({ path: path.join(SCREENSHOT_DIR, 'frame-links-en-prompt.png') });
    await prompt().getByTestId('external-link-cancel').click();
    await expectText(panel().getByTestId('obligation-L1-K-01').getByRole('alert'), translate('en', 'app.linkNotOpened'));
    await panel()
      .getByTestId('obligation-L1-K-01')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'frame-links-en-declined.png') });
    expect(opened).toEqual([]);

    // A middle click, which asks the browser for a new tab, goes through the host as well.
    await cellLink.click({ button: 'middle' });
    await prompt().getByTestId('external-link-open').click();
    await waitForPages(1);
    expect(opened[0]!.url()).toBe(EVIDENCE);
    await opened[0]!.getByText('Mail 4711').waitFor();
    // Asked again, the earlier refusal is no longer shown.
    await expect(panel().getByTestId('obligation-L1-K-01').getByRole('alert').count()).resolves.toBe(0);
    await closeOpened();
  });

  it("opens the timeline's evidence link in a new page, and says so in German when declined", async () => {
    await openPanelAs(page, server.url, 'klaus', ISSUE);
    const entry = panel().locator('[data-type="obligation-fulfilled"]');
    const link = entry.getByRole('link', { name: EVIDENCE });
    await link.click();
    await prompt().getByTestId('external-link-cancel').click();
    await expectText(entry.getByRole('alert'), translate('de', 'app.linkNotOpened'));
    await entry.screenshot({ path: path.join(SCREENSHOT_DIR, 'frame-links-de-declined.png') });

    await link.click();
    await prompt().getByTestId('external-link-open').click();
    await waitForPages(1);
    expect(opened[0]!.url()).toBe(EVIDENCE);
    await closeOpened();
    expect(pageErrors).toEqual([]);
  });

  async function waitForPages(count: number): Promise<void> {
    await waitUntil(() => Promise.resolve(opened.length >= count));
    await Promise.all(opened.map((p) => p.waitForLoadState()));
  }

  async function closeOpened(): Promise<void> {
    await Promise.all(opened.splice(0).map((p) => p.close()));
  }
});
