/** The real sandbox (platform + web server) and Chromium on one page, as the browser tests use them. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { configureDemoProject } from '../../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../../sandbox/platform/create-sandbox';
import { startServer, type RunningServer } from '../../../sandbox/web/server';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './browser';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface SandboxSession {
  readonly sandbox: PlatformSandbox;
  readonly server: RunningServer;
  readonly browser: TestBrowser;
  readonly page: Page;
  /** Uncaught errors of the page, for a test to assert there were none. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts a fresh sandbox on a temporary data file with the demo site, lets `prepare` set up the app's data
 * before the server starts, and opens a page. `needs` names the Custom UI apps that must be built.
 */
export async function openSandboxSession(options: {
  readonly needs: readonly string[];
  readonly startAt?: string;
  /** Product events reach the app at once, as under `npm start` (default: at the next clock step). */
  readonly deliverEventsAtOnce?: boolean;
  readonly prepare: (sandbox: PlatformSandbox) => Promise<void>;
}): Promise<SandboxSession> {
  for (const app of options.needs) {
    if (!existsSync(path.join(ROOT, 'static', app, 'build', 'index.html')))
      throw new Error(`static/${app}/build is missing: run \`npm run build\` first.`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-e2e-'));
  const sandbox = await createSandbox({
    appDir: ROOT,
    dataFile: path.join(dir, 'sandbox.sqlite'),
    fresh: true,
    demoData: true,
    ...(options.startAt ? { startAt: options.startAt } : {}),
    ...(options.deliverEventsAtOnce ? { deliverEventsAtOnce: true } : {}),
  });
  await options.prepare(sandbox);
  const server = await startServer(sandbox, { port: 0 });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    sandbox,
    server,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await server.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Monday 23 Nov 2026, 09:00 in Berlin: where the browser tests of a demo escalation start their clock. */
export const MONDAY_9_BERLIN = '2026-11-23T08:00:00.000Z';

/** A fresh sandbox with the demo project configured (no escalation yet), its clock at {@link MONDAY_9_BERLIN}. */
export function openDemoProjectSession(needs: readonly string[]): Promise<SandboxSession> {
  return openSandboxSession({ needs, startAt: MONDAY_9_BERLIN, prepare: configureDemoProject });
}
