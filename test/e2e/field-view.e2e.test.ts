/**
 * The Escalation level field in the issue view, as the sandbox's Jira renders it: the app's own view
 * (manifest `view.resource`, experience issue-view) in a frame, which names the level in the reader's language
 * (German to a German reader, English to an English one), beside the field's name in that language (manifest
 * translations). Light and dark, 320 px and wide; no raw code, no word of the other language; axe-core finds
 * no serious or critical violation. The issue list shows the formatter's text instead (the level number).
 * Screenshots: test-output/screenshots/field-view-*.png.
 */
import path from 'node:path';
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import type { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { act } from '../../sandbox/app-demo/panel-invoke';
import type { RunningServer } from '../../sandbox/web/server';
import { expectTextToBe, nextPaint, openAppFrame } from './support/app-frame';
import { SCREENSHOT_DIR } from './support/browser';
import { layoutProblems } from './support/layout-checks';
import { leaks, type Lang } from './support/leaks';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(240_000);

const FIELD = '[data-testid="app-field"]';

/** Serious and critical violations (WCAG 2.x A/AA and axe's best practices), one line each. */
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

describe("the Escalation level field's view in the issue view", () => {
  let session: SandboxSession;
  let server: RunningServer;
  let page: Page;

  beforeAll(async () => {
    session = await openSandboxSession({ needs: ['panel', 'field-view'], prepare: async (sandbox) => void (await loadAppDemo(sandbox)) });
    ({ server, page } = session);
  });
  afterAll(async () => {
    if (session?.pageErrors.length) process.stderr.write(`Browser errors:\n${session.pageErrors.join('\n')}\n`);
    await session?.close();
  });

  async function openField(user: keyof typeof DEMO_USERS, issue: string, mode: 'light' | 'dark'): Promise<Frame> {
    await page.setViewportSize({ width: 1280, height: 900 });
    return openAppFrame(page, server.url, { user, hash: `#/browse/${issue}`, container: FIELD, ready: '.field-view' }, mode);
  }

  // DEMO-1: level 2, open; DEMO-5: resolved at level 1; DEMO-3: no escalation (level and status: what the view shows).
  const CASES: [keyof typeof DEMO_USERS, Lang, string, string, string, string | null][] = [
    ['klaus', 'de', 'DEMO-1', 'Eskalationsstufe', 'Stufe 2: Einbeziehung des mittleren Managements', null],
    ['sam', 'en', 'DEMO-1', 'Escalation level', 'Level 2: Middle management involvement', null],
    ['carla', 'de', 'DEMO-5', 'Eskalationsstufe', 'Stufe 1: Sofortige Problemlösung', 'Gelöst'],
    ['erika', 'en', 'DEMO-5', 'Escalation level', 'Level 1: Immediate problem solving', 'Resolved'],
    ['klaus', 'de', 'DEMO-3', 'Eskalationsstufe', 'Keine', null],
    ['sam', 'en', 'DEMO-3', 'Escalation level', 'None', null],
  ];

  it.each(CASES)(
    '%s (%s) on %s: "%s" reads "%s", light and dark, no code, no serious axe violation',
    async (user, lang, issue, name, level, status) => {
      for (const mode of ['light', 'dark'] as const) {
        const view = await openField(user, issue, mode);
        await expectTextToBe(page.locator(`${FIELD} .detail-label`), name);
        // DEMO-3 has no escalation: the view says so in place of a level.
        const shown = view.locator(issue === 'DEMO-3' ? '.field-view--none' : '.field-view__level');
        await expectTextToBe(shown, level);
        // textContent: the status is drawn in capitals by CSS; the words are the catalog's.
        if (status === null) expect(await view.locator('.field-view__status').count()).toBe(0);
        else await expectTextToBe(view.locator('.field-view__status'), status, { textContent: true });
        expect(leaks(await view.locator('body').innerText(), lang)).toEqual([]);
        expect(await axeViolations(view)).toEqual([]);
        await page.locator(FIELD).screenshot({ path: path.join(SCREENSHOT_DIR, `field-view-${issue}-${lang}-${user}-${mode}.png`) });
      }
    },
  );

  it.each([
    ['klaus', 'de'],
    ['sam', 'en'],
  ] as const)('fits the details column at 320 px and wide (%s, %s)', async (user, lang) => {
    for (const mode of ['light', 'dark'] as const) {
      const view = await openField(user, 'DEMO-1', mode);
      const found: Record<number, unknown> = {};
      for (const width of [320, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForFunction((w) => window.innerWidth === w, width);
        await nextPaint(view);
        const inFrame = await layoutProblems(view);
        // The frame itself inside the page's width, and the value on as few lines as the text needs.
        const frameRight = await page.locator(`${FIELD} iframe`).evaluate((el) => el.getBoundingClientRect().right);
        const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (inFrame.overflowX > 0 || inFrame.brokenWords.length || inFrame.overlaps.length || frameRight > width || pageOverflow > 0)
          found[width] = { ...inFrame, frameRight, pageOverflow };
        await page.locator('.details').screenshot({ path: path.join(SCREENSHOT_DIR, `field-view-details-${lang}-${mode}-${width}.png`) });
      }
      expect(found).toEqual({});
    }
  });

  it.each([
    ['klaus', 'Eskalationsstufe'],
    ['sam', 'Escalation level'],
  ] as const)("the issue list shows the formatter's text, the same in every language, beside the field's name (%s)", async (user, name) => {
    await openField(user, 'DEMO-1', 'light');
    // Jira's lists render the field through `view.formatter.expression` (the level number), never the app's view.
    await expectTextToBe(page.locator('[data-issue-key="DEMO-1"] [data-testid="list-app-field"]'), `${name} 2`);
    await expect(page.locator('[data-issue-key="DEMO-3"] [data-testid="list-app-field"]').count()).resolves.toBe(0);
    expect(await page.locator('[data-testid="issue-list"] iframe').count()).toBe(0);
    await page.locator('[data-testid="issue-list"]').screenshot({ path: path.join(SCREENSHOT_DIR, `field-view-list-${user}.png`) });
  });

  it("a value written while the reader looks renders the view anew, in the reader's language", async () => {
    const before = await openField('klaus', 'DEMO-3', 'light');
    await expectTextToBe(before.locator('.field-view'), 'Keine');
    // Someone else starts the escalation; the app writes the field (its stored name in the site's language).
    await act(session.sandbox, 'sam', 'DEMO-3', 'startEscalation', {
      trigger: 'contract-interpretation',
      problem: 'Wartungsfenster ohne Ankündigung verschoben.',
      impact: 'Kunde konnte seine Nutzer nicht rechtzeitig informieren.',
    });
    const after = page.frameLocator(`${FIELD} iframe`);
    await expectTextToBe(after.locator('.field-view__level'), 'Stufe 1: Sofortige Problemlösung');
    await page.locator(FIELD).screenshot({ path: path.join(SCREENSHOT_DIR, 'field-view-DEMO-3-de-klaus-after-start.png') });
  });
});
