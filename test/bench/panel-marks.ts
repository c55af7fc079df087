/**
 * What the panel benchmarks (`bench:panel`, `panel-ab`) look for: the panel's frame, its next-steps box, and the
 * script that notes in every frame when the measured elements first appear.
 */
import type { Page } from 'playwright-core';

/** The issue panel's iframe in the sandbox's issue view. */
export const PANEL_FRAME = '[data-testid="panel-escalation-panel"] iframe';
/** The next-steps box with its steps rendered (the top of the panel: what the person looking must do). */
export const NEXT_STEPS = '[data-testid="next-steps"] .next-steps__party';

/** Notes, in every frame, when the measured elements first appear (epoch ms on the real clock: the frames fake Date). */
export const MARKS_SCRIPT = `(() => {
  const marks = (window.__benchMarks = {});
  const at = () => performance.timeOrigin + performance.now();
  const watched = {
    nextSteps: ${JSON.stringify(NEXT_STEPS)},
    checklist: '[data-testid="obligation-checklist"]',
    clientTodo: '[data-testid="client-todo"]',
  };
  new MutationObserver(() => {
    for (const [name, selector] of Object.entries(watched)) if (!marks[name] && document.querySelector(selector)) marks[name] = at();
  }).observe(document, { childList: true, subtree: true });
})();`;

/** Opens an issue page and waits until its panel shows the next steps. */
export async function openIssuePanel(page: Page, url: string, timeout = 20_000): Promise<void> {
  await page.goto(url);
  await page.frameLocator(PANEL_FRAME).locator(NEXT_STEPS).first().waitFor({ timeout });
}
