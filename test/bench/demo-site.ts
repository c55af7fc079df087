/**
 * The sandbox with the app's demo escalations, served on a free port, and Chromium on a fresh profile: what
 * `bench:panel` and `panel-trace` measure against. `close()` removes the data file and the profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox, type PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { startServer, type RunningServer } from '../../sandbox/web/server';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium';

const appDir = path.resolve(__dirname, '../..');

export interface DemoSite {
  readonly sandbox: PlatformSandbox;
  readonly server: RunningServer;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function openDemoSite(name: string): Promise<DemoSite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${name}-data-`));
  const sandbox = await createSandbox({ appDir, dataFile: path.join(dataDir, 'sandbox.sqlite'), demoData: true });
  await loadAppDemo(sandbox);
  const server = await startServer(sandbox, { port: 0 });
  const profile = mkdtempSync(path.join(tmpdir(), `${name}-chromium-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1400, height: 1000 },
  });
  return {
    sandbox,
    server,
    context,
    async close() {
      await context.close();
      await server.close();
      await sandbox.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
