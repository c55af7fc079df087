/**
 * axe-core (Deque's accessibility engine, pinned in package.json) over the panel, the admin pages and the
 * field edit view, in German and English, light and dark: no serious or critical violation. The report of
 * any violation names the rule, the element and axe's help text.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import type { RunningServer } from '../../sandbox/web/server';
import { launchBrowser, type TestBrowser } from './support/browser';
import { openAppFrame, PANEL, type AppFrameTarget, type ColorMode } from './support/app-frame';
import { PanelFakeBackend, PEOPLE } from './support/panel-fake-backend';
import { startPanelFakeServer, type PanelFakeServer } from './support/panel-fake-server';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(180_000);

/** Serious and critical violations of the WCAG 2.x A/AA rules and axe's best practices, one line each. */
async function axeViolations(frame: Frame | Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the frame's Content-Security-Policy does not apply to it.
  await frame.evaluate(axe.source);
  const results = await frame.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${v.help}`));
}

describe('accessibility (axe-core) in the sandbox', () => {
  let session: SandboxSession;
  let server: RunningServer;

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['panel', 'admin'], prepare: async (sandbox) => void (await loadAppDemo(sandbox)) });
    server = session.server;
  });
  afterAll(async () => session?.close());

  const TARGETS: [string, AppFrameTarget, ColorMode][] = [
    ['panel, German, light', { user: 'klaus', hash: '#/browse/DEMO-1', container: PANEL, ready: '.panel' }, 'light'],
    ['panel, English, dark', { user: 'sam', hash: '#/browse/DEMO-1', container: PANEL, ready: '.panel' }, 'dark'],
    ['panel before an escalation, German', { user: 'carla', hash: '#/browse/DEMO-3', container: PANEL, ready: '.panel' }, 'light'],
    ['panel of a resolved escalation, English', { user: 'sam', hash: '#/browse/DEMO-5', container: PANEL, ready: '.panel' }, 'light'],
    [
      'admin page, English',
      { user: 'ada', hash: '#/apps/escalation-admin', container: '[data-testid="page-escalation-admin"]', ready: '.page' },
      'light',
    ],
    [
      'project settings, English, dark',
      {
        user: 'ada',
        hash: '#/project-settings/escalation-project-settings',
        container: '[data-testid="page-escalation-project-settings"]',
        ready: '.page',
      },
      'dark',
    ],
    [
      'review page, German',
      { user: 'klaus', hash: '#/apps/escalation-review', container: '[data-testid="page-escalation-review"]', ready: '.page' },
      'light',
    ],
  ];

  it.each(TARGETS)('%s: no serious or critical violation', async (_, target, mode) => {
    const frame = await openAppFrame(session.page, server.url, target, mode);
    expect(await axeViolations(frame)).toEqual([]);
  });
});

describe('accessibility (axe-core) of the field edit view', () => {
  const BUILD_DIR = path.resolve(__dirname, '..', '..', 'static', 'field-edit', 'build');
  let browser: TestBrowser;
  const servers: PanelFakeServer[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(BUILD_DIR, 'index.html'))) throw new Error(`${BUILD_DIR} is missing: run \`npm run build\` first.`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await browser?.close();
  });

  it.each([
    ['before an escalation, English', false, 'en-US'],
    ['at level 1, German', true, 'de-DE'],
  ] as const)('%s: no serious or critical violation', async (_, started, locale) => {
    const backend = new PanelFakeBackend();
    if (started) await backend.act('contractor', 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const server = await startPanelFakeServer(BUILD_DIR, backend);
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(server.pageUrl({ accountId: PEOPLE.contractor.accountId, locale }));
    await page.locator('.field-edit').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('action results are announced', () => {
  let session: SandboxSession;

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['admin'], prepare: async (sandbox) => void (await loadAppDemo(sandbox)) });
  });
  afterAll(async () => session?.close());

  it('saving the project settings says "Saved" in a live region that was there before', async () => {
    const frame = await openAppFrame(session.page, session.server.url, {
      user: 'ada',
      hash: '#/project-settings/escalation-project-settings',
      container: '[data-testid="page-escalation-project-settings"]',
      ready: '[data-testid="save-settings"]',
    });
    const liveRegions = frame.locator('[role="status"], [aria-live="polite"], [aria-live="assertive"], [role="alert"]');
    const before = await liveRegions.count();
    expect(before).toBeGreaterThan(0);
    await frame.getByTestId('save-settings').click();
    await frame.getByTestId('saved').waitFor();
    await expect(frame.locator('[role="status"]', { has: frame.getByTestId('saved') }).count()).resolves.toBe(1);
    expect(await liveRegions.count()).toBe(before);
  });
});
