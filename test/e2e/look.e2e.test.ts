/**
 * At home in Jira: the panel, the admin pages and the field edit view follow Jira's light and dark theme
 * (design tokens after `view.theme.enable()`), and stay readable at any width a frame may get (320, 480 and
 * 1,024 px: nothing sticks out sideways, no word broken mid-word, no text drawn over other text).
 * Screenshots: test-output/screenshots/look-*.png.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import { type DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { launchBrowser, SCREENSHOT_DIR, type TestBrowser } from './support/browser';
import { layoutProblems } from './support/layout-checks';
import { PanelFakeBackend, PEOPLE } from './support/panel-fake-backend';
import { startPanelFakeServer, type PanelFakeServer } from './support/panel-fake-server';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { nextPaint, openAppFrame, openAs } from './support/app-frame';

jest.setTimeout(180_000);

type Mode = 'light' | 'dark';
const WIDTHS = [320, 480, 1024] as const;

/** Relative luminance (WCAG) of a computed `rgb(...)` colour. */
export function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('look: theme and width in the sandbox', () => {
  let session: SandboxSession;
  let server: RunningServer;
  let page: Page;

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['panel', 'admin'], prepare: async (sandbox) => void (await loadAppDemo(sandbox)) });
    ({ server, page } = session);
  });
  afterAll(async () => {
    if (session?.pageErrors.length) process.stderr.write(`Browser errors:\n${session.pageErrors.join('\n')}\n`);
    await session?.close();
  });

  /** Opens a sandbox page as a demo user in a theme; returns the app's frame once it has rendered. */
  async function open(user: keyof typeof DEMO_USERS, hash: string, mode: Mode, container: string, ready: string): Promise<Frame> {
    await page.setViewportSize({ width: 1440, height: 900 });
    return openAppFrame(page, server.url, { user, hash, container, ready }, mode);
  }

  const PAGES = [
    { name: 'panel', user: 'klaus', hash: '#/browse/DEMO-1', container: '[data-testid="panel-escalation-panel"]', ready: '.panel' },
    { name: 'panel-en', user: 'sam', hash: '#/browse/DEMO-1', container: '[data-testid="panel-escalation-panel"]', ready: '.panel' },
    { name: 'admin', user: 'ada', hash: '#/apps/escalation-admin', container: '[data-testid="page-escalation-admin"]', ready: '.page' },
    {
      name: 'project-settings',
      user: 'ada',
      hash: '#/project-settings/escalation-project-settings',
      container: '[data-testid="page-escalation-project-settings"]',
      ready: '[data-testid="save-settings"]',
    },
    {
      name: 'review',
      user: 'klaus',
      hash: '#/apps/escalation-review',
      container: '[data-testid="page-escalation-review"]',
      ready: '.page',
    },
  ] as const;

  it.each(['dark', 'light'] as const)('the panel and the admin pages follow the %s theme', async (mode) => {
    for (const p of PAGES) {
      const frame = await open(p.user, p.hash, mode, p.container, p.ready);
      const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const text = await frame.evaluate(() => getComputedStyle(document.body).color);
      if (mode === 'dark') {
        expect(luminance(background)).toBeLessThan(0.05);
        expect(luminance(text)).toBeGreaterThan(0.3);
      } else {
        expect(luminance(background)).toBeGreaterThan(0.9);
        expect(luminance(text)).toBeLessThan(0.1);
      }
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `look-${p.name}-${mode}.png`), fullPage: true });
    }
  });

  it('switching the theme in the sandbox re-themes a frame that enabled theming, without a reload', async () => {
    const frame = await open('sam', '#/browse/DEMO-1', 'light', PAGES[1].container, '.panel');
    expect(luminance(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor))).toBeGreaterThan(0.9);
    await page.getByTestId('theme-switch').selectOption('dark');
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    expect(luminance(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor))).toBeLessThan(0.05);
  });

  it.each(PAGES.map((p) => [p.name, p] as const))(
    '%s: no sideways overflow, broken word or overlap at 320, 480 and 1,024 px',
    async (_, p) => {
      const frame = await open(p.user, p.hash, 'light', p.container, p.ready);
      const found: Record<number, unknown> = {};
      // Tall enough that Chromium paints the whole frame for the pictures.
      await page.setViewportSize({ width: 1440, height: 5200 });
      for (const width of WIDTHS) {
        await page.locator(`${p.container} iframe`).evaluate((el, w) => {
          (el as HTMLIFrameElement).style.width = `${w}px`;
        }, width);
        await frame.waitForFunction((w) => window.innerWidth === w, width);
        await nextPaint(frame);
        const problems = await layoutProblems(frame);
        if (problems.overflowX > 0 || problems.brokenWords.length || problems.overlaps.length) found[width] = problems;
        if (width !== 480)
          await page.locator(`${p.container} iframe`).screenshot({ path: path.join(SCREENSHOT_DIR, `look-${p.name}-${width}.png`) });
      }
      expect(found).toEqual({});
    },
  );

  it('the sandbox top bar fits at 1,280 px', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/#/browse/DEMO-1`);
    await page.getByTestId('user-switcher').waitFor();
    const [scroll, client] = await page.locator('.topbar').evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  });

  it.each([
    ['klaus', 'light'],
    ['klaus', 'dark'],
    ['sam', 'light'],
    ['sam', 'dark'],
  ] as const)('the sandbox top bar wraps cleanly at 320 and 480 px (%s, %s)', async (user, mode) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openAs(page, server.url, user, '#/browse/DEMO-1');
    await page.getByTestId('theme-switch').selectOption(mode);
    const found: Record<number, unknown> = {};
    for (const width of [320, 480]) {
      await page.setViewportSize({ width, height: 800 });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      const problems = await layoutProblems(page, 24, '.topbar');
      // Every part of the bar (brand, navigation, clock, theme, user) inside the screen, none over another.
      const outside = await page
        .locator('.topbar > *, .topbar-right > *')
        .evaluateAll(
          (els: Element[], w: number): string[] => els.filter((el) => el.getBoundingClientRect().right > w + 1).map((el) => el.className),
          width,
        );
      if (problems.overflowX > 0 || problems.brokenWords.length || problems.overlaps.length || outside.length)
        found[width] = { ...problems, outside };
      await page.locator('.topbar').screenshot({ path: path.join(SCREENSHOT_DIR, `look-topbar-${user}-${mode}-${width}.png`) });
    }
    expect(found).toEqual({});
  });
});

describe('look: the field edit view', () => {
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

  async function open(locale: string, theme: Mode, started: boolean): Promise<Page> {
    const backend = new PanelFakeBackend();
    if (started) await backend.act('contractor', 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const server = await startPanelFakeServer(BUILD_DIR, backend);
    servers.push(server);
    const page = await browser.context.newPage();
    await page.goto(server.pageUrl({ accountId: PEOPLE.client.accountId, locale, theme }));
    await page.locator('.field-edit').waitFor();
    return page;
  }

  it.each([
    ['de-DE', 'dark', true],
    ['en-US', 'light', false],
    ['en-US', 'dark', true],
  ] as const)('%s, %s: themed, and whole at 320, 480 and 1,024 px', async (locale, theme, started) => {
    const page = await open(locale, theme, started);
    await page.waitForFunction((m) => document.documentElement.getAttribute('data-color-mode') === m, theme);
    const background = luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
    if (theme === 'dark') expect(background).toBeLessThan(0.05);
    else expect(background).toBeGreaterThan(0.9);
    const found: Record<number, unknown> = {};
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 600 });
      const problems = await layoutProblems(page);
      if (problems.overflowX > 0 || problems.brokenWords.length || problems.overlaps.length) found[width] = problems;
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `look-field-edit-${locale}-${theme}-${width}.png`) });
    }
    expect(found).toEqual({});
    await page.close();
  });
});
