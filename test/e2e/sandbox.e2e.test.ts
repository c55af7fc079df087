/**
 * The whole sandbox in a real browser: the real platform (createSandbox on a temp SQLite file with demo
 * data), the app's real resolvers and its real Custom UI panel (static/panel/build, from `npm run build`)
 * talking through the real @forge/bridge. Also: the data survives a restart, and `tsx sandbox/main.ts`
 * serves GET / on the port from PORT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import type { InvokeRequest, Sandbox } from '../../sandbox/platform/sandbox-api';
import { startServer, type RunningServer } from '../../sandbox/web/server';
import { freePort, launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './support/browser';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..', '..');
const PANEL_INDEX = path.join(ROOT, 'static', 'panel', 'build', 'index.html');

interface InvokeRecord {
  request: InvokeRequest;
  ok: boolean;
  error?: string;
}

/** Records every resolver call the UI makes, passing it on unchanged. */
function recordInvokes(sandbox: Sandbox, records: InvokeRecord[]): void {
  const original = sandbox.invoke.bind(sandbox);
  (sandbox as { invoke: Sandbox['invoke'] }).invoke = async (request) => {
    try {
      const result = await original(request);
      records.push({ request, ok: true });
      return result;
    } catch (error) {
      records.push({ request, ok: false, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
}

describe('sandbox with the real app and platform', () => {
  let dir: string;
  let dataFile: string;
  let sandbox: Sandbox | undefined;
  let server: RunningServer | undefined;
  let browser: TestBrowser;
  let page: Page;
  const invokes: InvokeRecord[] = [];
  const browserErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });

  beforeAll(async () => {
    if (!existsSync(PANEL_INDEX)) throw new Error(`${PANEL_INDEX} is missing: run \`npm run build\` first.`);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'sandbox-e2e-'));
    dataFile = path.join(dir, 'sandbox.sqlite');
    sandbox = await createSandbox({ appDir: ROOT, dataFile, fresh: true, demoData: true });
    recordInvokes(sandbox, invokes);
    server = await startServer(sandbox, { port: 0 });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    if (browserErrors.length) process.stderr.write(`Browser errors:\n${browserErrors.join('\n')}\n`);
    await browser?.close();
    await server?.close();
    await sandbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const panelFrame = () => page.frameLocator('[data-testid="panel-escalation-panel"] iframe');

  /** Waits for a successful resolver call as `accountId` and for the panel to show text afterwards. */
  async function waitForPanel(accountId: string): Promise<string> {
    await waitUntil(() => invokes.some((i) => i.request.context.accountId === accountId), `an invoke as ${accountId}`);
    const failed = invokes.filter((i) => !i.ok);
    expect(failed.map((f) => `${f.request.functionKey}: ${f.error}`)).toEqual([]);
    const call = invokes.find((i) => i.request.context.accountId === accountId)!;
    expect(call.request.moduleKey).toBe('escalation-panel');
    expect(call.request.context.extension).toMatchObject({
      type: 'jira:issuePanel',
      issue: { key: expect.any(String) as unknown },
      project: { key: expect.any(String) as unknown },
    });
    let text = '';
    await waitUntil(async () => {
      text = (
        await panelFrame()
          .locator('body')
          .innerText()
          .catch(() => '')
      ).trim();
      return text.length > 0;
    }, 'panel text');
    return text;
  }

  it('opens an issue and shows the app panel with a resolver answer', async () => {
    await page.goto(server!.url);
    const rows = page.locator('[data-issue-key]');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    await shot('issue-list.png');
    await rows.first().click();
    await page.getByTestId('issue-view').waitFor();
    const firstUser = sandbox!.users[0]!.accountId;
    const text = await waitForPanel(firstUser);
    expect(text).not.toMatch(/Unable to establish a connection with the Custom UI bridge/);
    // The panel frame was sized to its content.
    const height = await page.locator('[data-testid="panel-escalation-panel"] iframe').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(40);
    await page.waitForTimeout(300); // let the frame finish resizing before the picture
    await shot('issue-view.png');
  });

  it('switches user: labels in the user language, the panel runs as the new user', async () => {
    const german = sandbox!.users.find((u) => u.locale === 'de-DE' && u.accountId !== sandbox!.users[0]!.accountId)!;
    await page.getByTestId('user-switcher').selectOption(german.accountId);
    await waitUntil(async () => (await page.getByTestId('nav-issues').innerText()) === 'Vorgänge', 'German labels');
    await waitForPanel(german.accountId);
    await page.waitForTimeout(300);
    await shot('issue-view-switched-user.png');
  });

  it('advances the simulated clock by a day and shows what fired', async () => {
    const before = sandbox!.now().getTime();
    await page.getByTestId('advance-1d').click();
    await page.getByTestId('clock-log').locator('li').first().waitFor();
    expect(sandbox!.now().getTime() - before).toBe(24 * 3600_000);
    await shot('clock-advanced.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('clock-popover').waitFor({ state: 'detached' });
  });

  it('shows the Confluence space of the reports and the notification outbox', async () => {
    await page.getByTestId('nav-confluence').click();
    await page.getByTestId('confluence').waitFor();
    const firstPage = page.locator('[data-testid="confluence"] .issue-row').first();
    await firstPage.waitFor();
    await firstPage.click();
    await page.getByTestId('confluence-page').waitFor();
    await shot('confluence.png');
    await page.getByTestId('nav-outbox').click();
    await page.getByTestId('outbox').waitFor();
    await shot('outbox.png');
    await page.getByTestId('nav-issues').click();
    const firstIssue = page.locator('[data-issue-key]').first();
    const firstKey = (await firstIssue.getAttribute('data-issue-key'))!;
    await firstIssue.click();
    await page.locator(`[data-testid="issue-view"][data-issue-key="${firstKey}"]`).waitFor();
  });

  it('keeps a comment made in the UI across a restart', async () => {
    const text = `Restart check ${Date.now()}`;
    const issueKey = await page.getByTestId('issue-view').getAttribute('data-issue-key');
    await page.getByTestId('comment-input').fill(text);
    await page.getByTestId('comment-save').click();
    await page.getByTestId('comments').getByText(text).waitFor();
    await shot('comment-added.png');

    await server!.close();
    await sandbox!.close();
    server = undefined;
    sandbox = await createSandbox({ appDir: ROOT, dataFile, demoData: true });
    const response = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${issueKey}/comment` }, { kind: 'app' });
    expect(response.status).toBe(200);
    expect(response.body).toContain(text);
    // And the UI shows it again from the restarted sandbox.
    server = await startServer(sandbox, { port: 0 });
    await page.goto(`${server.url}/#/browse/${issueKey}`);
    await page.getByTestId('comments').getByText(text).waitFor();
  });

  it('`tsx sandbox/main.ts` serves GET / on PORT and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'sandbox/main.ts', '--fresh'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), SANDBOX_DATA_FILE: path.join(dir, 'main.sqlite'), NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitUntil(() => /running at (http:\/\/\S+)/.test(output), `the URL line (output so far: ${output})`, 30_000);
      const url = /running at (http:\/\/\S+)/.exec(output)![1]!;
      expect(url).toBe(`http://localhost:${port}`);
      const response = await fetch(url + '/');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
