/** Opens one of the app's Custom UI frames in the sandbox page as a demo user, in Jira's light or dark theme. */
import type { Frame, FrameLocator, Locator, Page } from 'playwright-core';
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
export const PORTAL = '[data-testid="portal-escalation-portal"]';

/** The issue panel's frame on the sandbox page (the frame of whoever is signed in now). */
export const panelOf = (page: Page): FrameLocator => page.frameLocator(`${PANEL} iframe`);
/** The customer portal's frame on the sandbox page. */
export const portalOf = (page: Page): FrameLocator => page.frameLocator(`${PORTAL} iframe`);

export async function openAppFrame(page: Page, baseUrl: string, target: AppFrameTarget, mode: ColorMode = 'light'): Promise<Frame> {
  await page.goto(`${baseUrl}/${target.hash}`);
  await switchUser(page, target.user);
  // Light is Jira's default: a sandbox without the switch (older builds) is light.
  const themed = mode === 'dark' || (await page.getByTestId('theme-switch').count()) > 0;
  if (themed) await page.getByTestId('theme-switch').selectOption(mode);
  await page.reload();
  const frame = await renderedFrame(page, target.container, target.ready);
  if (themed) await frame.waitForFunction((m) => document.documentElement.getAttribute('data-color-mode') === m, mode);
  return frame;
}

/**
 * Waits until an app frame shows its data, not a loading state: nothing marked busy, no loading placeholder,
 * and in the panel the parts it renders one task after the top (the checklist and below) are in.
 */
export async function rendered(frame: Frame): Promise<void> {
  await frame.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"], [data-testid="loading"]') &&
      (!document.querySelector('.panel #tabpanel-escalation') || !!document.querySelector('[data-testid="obligation-checklist"]')),
  );
}

/** A demo user by name, or any account (a portal customer) by id. */
export type SandboxUser = keyof typeof DEMO_USERS | { readonly accountId: string };

/**
 * Waits until the frame has painted once more (what a resize or a state change re-laid out is on screen). The frame
 * is brought into view first: Chromium does not render a cross-origin frame out of view (an app's frame is one, as
 * on Jira), so it would never paint.
 */
export async function nextPaint(frame: Frame): Promise<void> {
  await (await frame.frameElement()).scrollIntoViewIfNeeded();
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** Switches the sandbox's signed-in user and waits until the page has re-rendered for them (the old frames gone). */
export async function switchUser(page: Page, user: SandboxUser): Promise<void> {
  const { accountId } = typeof user === 'string' ? DEMO_USERS[user] : user;
  await page.getByTestId('user-switcher').selectOption(accountId);
  await page.locator(`.app[data-user="${accountId}"]`).waitFor();
}

/**
 * Opens a sandbox route as a demo user (a customer too, by account id). `query` goes before the hash, as in a
 * notification's link; the page is then loaded anew. Returns once the page re-rendered for that user.
 */
export async function openAs(page: Page, baseUrl: string, user: SandboxUser, hash: string, query = ''): Promise<void> {
  await page.goto(`${baseUrl}/${hash}`);
  await switchUser(page, user);
  if (query) {
    await page.goto(`${baseUrl}/${query}${hash}`);
    const { accountId } = typeof user === 'string' ? DEMO_USERS[user] : user;
    await page.locator(`.app[data-user="${accountId}"]`).waitFor(); // the new page's first render, for the same user
  }
}

/**
 * Opens an issue as a demo user and waits until the panel shows that user's view (not a loading state, not the
 * previous user's frame); returns the panel's frame.
 */
export async function openPanelAs(page: Page, baseUrl: string, user: SandboxUser, issueKey: string, query = ''): Promise<Frame> {
  await openAs(page, baseUrl, user, `#/browse/${issueKey}`, query);
  return renderedFrame(page, PANEL, '.panel');
}

/** The app's frame in `container` once it has rendered its data (see {@link rendered}). */
export async function renderedFrame(page: Page, container: string, ready: string): Promise<Frame> {
  await page.frameLocator(`${container} iframe`).locator(ready).first().waitFor();
  const frame = await (await page.locator(`${container} iframe`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame in ${container}`);
  await rendered(frame);
  return frame;
}

/**
 * The element's rendered text once it matches: a frame renders in steps (loading, then the view; a live
 * refresh after the clock moved or someone acted), so a single read right after a change may see the step
 * before. Reads until it matches or `timeout` passes, then returns what was last read, so a mismatch fails
 * with the text that was there.
 */
export async function textMatching(locator: Locator, expected: RegExp | string, options: TextOptions = {}): Promise<string> {
  const read = async () => (options.textContent ? ((await locator.textContent()) ?? '') : locator.innerText());
  const matches = (text: string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
  let text = '';
  await waitUntil(async () => matches((text = await read())), options.timeout).catch(() => undefined); // the caller's expect reports it
  return text;
}

/**
 * Waits until `check` holds, asking again every 100 ms (from here, not inside the frame: the sandbox fakes the
 * frames' clocks, so a wait that polls in the frame may not run again after the clock is moved).
 */
export async function waitUntil(check: () => Promise<boolean>, timeout = 20_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeout} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface TextOptions {
  /** The DOM's text (`textContent`) rather than the rendered text (`innerText`, after CSS such as uppercase). */
  readonly textContent?: boolean;
  readonly timeout?: number;
}

/**
 * Expects the element's rendered text to match (a string: to contain it), waiting for the render that shows
 * it (see {@link textMatching}).
 */
export async function expectText(locator: Locator, expected: RegExp | string, options?: TextOptions): Promise<void> {
  const text = await textMatching(locator, expected, options);
  if (typeof expected === 'string') expect(text).toContain(expected);
  else expect(text).toMatch(expected);
}

/** Expects the element's rendered text to be exactly `expected`, waiting for the render that shows it. */
export async function expectTextToBe(locator: Locator, expected: string, options?: TextOptions): Promise<void> {
  expect(await textMatching(locator, new RegExp(`^\\s*${escapeRegExp(expected)}\\s*$`), options)).toBe(expected);
}

/** Waits until the element's `textContent` is no longer `before`: a live update arrived. */
export async function textChanged(locator: Locator, before: string, timeout = 20_000): Promise<void> {
  await waitUntil(async () => (await locator.textContent()) !== before, timeout);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
