/**
 * The sandbox UI and bridge in a real browser, over the fake platform (test/e2e/support/fake-sandbox.ts)
 * and a tiny Custom UI app built with the real @forge/bridge (support/test-panel). Independent of the app
 * and the platform, so it pins down the web layer on its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../sandbox/web/server';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './support/browser';
import { FakeSandbox } from './support/fake-sandbox';

jest.setTimeout(60_000);

describe('sandbox UI over the fake platform', () => {
  let panelDir: string;
  let fake: FakeSandbox;
  let server: RunningServer;
  let browser: TestBrowser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    panelDir = mkdtempSync(path.join(tmpdir(), 'sandbox-test-panel-'));
    execFileSync(process.execPath, [path.join(__dirname, 'support', 'build-test-panel.mjs'), panelDir], { stdio: 'pipe' });
    fake = new FakeSandbox({ resources: { panel: panelDir } });
    fake.addOutboxEntry({
      at: '2026-03-02T08:00:00.000Z',
      issueKey: 'ESC-2',
      subject: 'Escalation level 2 reached',
      textBody: 'ESC-2 reached level 2. Respond by 2026-03-04.',
      recipients: ['u-agent', 'u-client'],
      sentBy: { kind: 'app' },
    });
    server = await startServer(fake, { port: 0 });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    if (browserErrors.length) process.stderr.write(`Browser errors:\n${browserErrors.join('\n')}\n`);
    await browser?.close();
    await server?.close();
    rmSync(panelDir, { recursive: true, force: true });
  });

  const panel = (): FrameLocator => page.frameLocator('[data-testid="panel-escalation-panel"] iframe');

  it('shows an issue with its panel talking through the real @forge/bridge', async () => {
    await page.goto(server.url);
    await page.locator('[data-issue-key="ESC-2"]').click();
    await page.getByTestId('issue-summary').filter({ hasText: 'Monthly report late' }).waitFor();
    await panel().locator('#fetch').waitFor();
    await expectText(panel().locator('#ctx'), 'context: u-agent de-DE ESC-2');
    await expectText(panel().locator('#i18n'), 'i18n: Hallo');
    // The frame asked for another accountId; the resolver ran as the frame's registered user.
    await expectText(panel().locator('#invoke'), 'resolver: u-agent ESC-2');
    await expectText(panel().locator('#fetch'), 'myself: Anna Agent');
    await expectText(panel().locator('#submit'), "submit: this resource's view is not submittable.");
    expect(fake.invocations.at(-1)).toMatchObject({
      functionKey: 'getStatus',
      payload: { accountId: 'u-forged' },
      context: { accountId: 'u-agent' },
    });
    // German labels for a German user, the app field rendered by its formatter.
    await expectText(page.getByTestId('nav-issues'), 'Vorgänge');
    await expectText(page.getByTestId('app-field'), 'Level 2');
    // The iframe was resized to its content.
    const height = await page.locator('[data-testid="panel-escalation-panel"] iframe').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(80);
    expect(height).toBeLessThan(400);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-issue-view.png') });
  });

  it('shows flags, relays events and passes resolver errors back', async () => {
    await panel().locator('#flag').click();
    await expectText(page.getByTestId('flags'), 'Saved');
    await panel().locator('#emit').click();
    await expectText(panel().locator('#events'), 'event: ping 7');
    await panel().locator('#fail').click();
    await expectText(panel().locator('#fail-result'), 'failed: Resolver failed on purpose');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-flag.png') });
  });

  it('shows the validator message when a transition is refused, and comments', async () => {
    await page.locator('[data-transition="Resolved"]').click();
    await expectText(page.getByTestId('transition-error'), 'Open escalation');
    await page.getByTestId('comment-input').fill('Ersatzgerät ist bestellt.');
    await page.getByTestId('comment-save').click();
    await expectText(page.getByTestId('comments'), 'Ersatzgerät ist bestellt.');
    await page.locator('[data-transition="Open"]').click();
    await page.getByTestId('tab-history').click();
    await expectText(page.getByTestId('history'), 'Escalated');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-history.png') });
  });

  it('rejects bad JQL with Jira’s message', async () => {
    await page.getByTestId('jql').fill('bogus = 1');
    await page.getByTestId('jql').press('Enter');
    await expectText(page.getByTestId('jql-error'), "Field 'bogus' does not exist");
    await page.getByTestId('jql').fill('project = ESC');
    await page.getByTestId('jql').press('Enter');
    await page.locator('[data-issue-key="ESC-1"]').waitFor();
  });

  it('switches user: English labels and a panel running as the new user', async () => {
    await page.getByTestId('user-switcher').selectOption('u-client');
    await expectText(page.getByTestId('nav-issues'), 'Issues');
    await expectText(panel().locator('#ctx'), 'context: u-client en-US ESC-2');
    await expectText(panel().locator('#i18n'), 'i18n: Hello');
    await expectText(panel().locator('#invoke'), 'resolver: u-client ESC-2');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-switched-user.png') });
  });

  it('advances the simulated clock and lists fired triggers', async () => {
    const before = await page.getByTestId('clock-now').innerText();
    await page.getByTestId('advance-1h').click();
    await page.getByTestId('clock-log').filter({ hasText: 'escalation-sweep' }).waitFor();
    expect(await page.getByTestId('clock-now').innerText()).not.toBe(before);
    expect(fake.now().toISOString()).toBe('2026-03-02T09:00:00.000Z');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-clock.png') });
  });

  it('shows Confluence pages without their scripts, the outbox and the admin page', async () => {
    await page.getByTestId('nav-confluence').click();
    await page.getByText('Escalation report ESC-2').click();
    await expectText(page.getByTestId('confluence-page'), 'Level 2 reached.');
    expect(await page.locator('[data-testid="confluence-page"] script').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-confluence.png') });
    await page.getByTestId('nav-outbox').click();
    await expectText(page.getByTestId('outbox'), 'Escalation level 2 reached');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'fake-outbox.png') });
    await page.getByTestId('nav-apps').click();
    const admin = page.frameLocator('[data-testid="page-escalation-admin"] iframe');
    await expectText(admin.locator('#ctx'), 'context: u-client en-US -');
  });
});

async function expectText(locator: { innerText(): Promise<string> }, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.innerText().catch(() => '');
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected "${text}" in "${last}"`);
}
