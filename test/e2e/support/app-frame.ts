/** Opens one of the app's Custom UI frames in the sandbox page as a demo user, in Jira's light or dark theme. */
import type { Frame, Page } from 'playwright-core';
import { DEMO_USERS } from '../../../sandbox/platform/demo/seed-demo-jira';

export type ColorMode = 'light' | 'dark';

export interface AppFrameTarget {
  readonly user: keyof typeof DEMO_USERS;
  /** The sandbox route, e.g. `#/browse/DEMO-1`. */
  readonly hash: string;
  /** The element around the frame's iframe. */
  readonly container: string;
  /** What the app renders once it has loaded. */
  readonly ready: string;
}

export const PANEL = '[data-testid="panel-escalation-panel"]';

export async function openAppFrame(page: Page, baseUrl: string, target: AppFrameTarget, mode: ColorMode = 'light'): Promise<Frame> {
  await page.goto(`${baseUrl}/${target.hash}`);
  await switchUser(page, target.user);
  // Light is Jira's default: a sandbox without the switch (older builds) is light.
  if (mode === 'dark' || (await page.getByTestId('theme-switch').count())) await page.getByTestId('theme-switch').selectOption(mode);
  await page.reload();
  await page.frameLocator(`${target.container} iframe`).locator(target.ready).first().waitFor();
  const frame = await (await page.locator(`${target.container} iframe`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame in ${target.container}`);
  if (mode === 'dark') await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
  return frame;
}

/** Switches the sandbox's signed-in user and waits until the page has re-rendered for them (the old frames gone). */
export async function switchUser(page: Page, user: keyof typeof DEMO_USERS): Promise<void> {
  const { accountId } = DEMO_USERS[user];
  await page.getByTestId('user-switcher').selectOption(accountId);
  await page.locator(`.app[data-user="${accountId}"]`).waitFor();
}
