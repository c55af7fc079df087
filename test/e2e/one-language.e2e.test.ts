/**
 * One language per reader: what a German and an English reader see in the panel, the issue's Escalation
 * level field, the admin pages and the admin pages' error messages carries no catalog key, no code
 * (`deadline-missed`, `levelTimeFrame`, `RATE_LIMIT_EXCEEDED`, account ids) and no sentence of the other
 * language. The scan reads the rendered text with every <details> opened.
 */
import type { Frame, Page } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import type { RunningServer } from '../../sandbox/web/server';
import { openAppFrame, PANEL, rendered, renderedFrame, type AppFrameTarget } from './support/app-frame';
import { leaks, type Lang } from './support/leaks';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';

jest.setTimeout(240_000);

/** Where the panel shows what people typed (notes, plans, problem and impact): their words, in their language. */
const TYPED = '.record__text, .fulfilment__note, .fulfilment__reason, .timeline__details dd, .statement dd, .proposal__text, q';

/** The text on screen, every <details> opened, without what people typed. */
async function renderedText(target: Frame | Page, selector = 'body'): Promise<string> {
  return target.evaluate(
    ([sel, typed]) => {
      document.querySelectorAll('details').forEach((d) => (d.open = true));
      let text = document.querySelector<HTMLElement>(sel!)?.innerText ?? '';
      for (const el of document.querySelectorAll<HTMLElement>(typed!)) if (el.innerText.trim()) text = text.replace(el.innerText, ' ');
      return text;
    },
    [selector, TYPED],
  );
}

describe('one language per reader', () => {
  let session: SandboxSession;
  let server: RunningServer;
  let page: Page;

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel', 'admin', 'field-view'],
      prepare: async (sandbox) => void (await loadAppDemo(sandbox)),
    });
    ({ server, page } = session);
  });
  afterAll(async () => session?.close());

  const READERS = [
    ['klaus', 'de'],
    ['carla', 'de'],
    ['sam', 'en'],
    ['erika', 'en'],
  ] as const;

  it.each(READERS)('the panel and the field, as %s (%s)', async (user, lang) => {
    const found: Record<string, string[]> = {};
    for (const issue of ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-5']) {
      const frame = await openAppFrame(page, server.url, { user, hash: `#/browse/${issue}`, container: PANEL, ready: '.panel' });
      const panel = leaks(await renderedText(frame), lang);
      if (panel.length) found[`${issue} panel`] = panel;
      if (await page.getByTestId('app-field').count()) {
        // The field's value is its own view (a frame) in the issue view.
        const view = await renderedFrame(page, '[data-testid="app-field"]', '.field-view');
        const field = leaks(await renderedText(view), lang);
        // The field's name is Jira's label beside it.
        const label = leaks(await page.locator('.details').innerText(), lang);
        if (field.length || label.length) found[`${issue} field`] = [...new Set([...field, ...label])];
      }
    }
    expect(found).toEqual({});
  });

  it.each(READERS)('the panel after three days of sweeps (missed deadlines, notifications), as %s (%s)', async (user, lang) => {
    if (!swept) {
      for (let day = 0; day < 3; day++) await session.sandbox.advanceClock(24 * 3600_000);
      swept = true;
    }
    const found: Record<string, string[]> = {};
    for (const issue of ['DEMO-1', 'DEMO-2']) {
      const frame = await openAppFrame(page, server.url, { user, hash: `#/browse/${issue}`, container: PANEL, ready: '.panel' });
      const panel = leaks(await renderedText(frame), lang);
      if (panel.length) found[issue] = panel;
    }
    expect(found).toEqual({});
  });
  let swept = false;

  const PAGES: [string, Lang, AppFrameTarget][] = [
    [
      'project settings',
      'en',
      {
        user: 'ada',
        hash: '#/project-settings/escalation-project-settings',
        container: '[data-testid="page-escalation-project-settings"]',
        ready: '.page',
      },
    ],
    [
      'admin page',
      'en',
      { user: 'ada', hash: '#/apps/escalation-admin', container: '[data-testid="page-escalation-admin"]', ready: '.page' },
    ],
    [
      'review page',
      'de',
      { user: 'klaus', hash: '#/apps/escalation-review', container: '[data-testid="page-escalation-review"]', ready: '.page' },
    ],
  ];

  it.each(PAGES)('the %s (%s)', async (_, lang, target) => {
    const frame = await openAppFrame(page, server.url, target);
    const found: Record<string, string[]> = {};
    const shown = leaks(await renderedText(frame), lang);
    if (shown.length) found.page = shown;
    for (const tab of await frame.locator('[role="tab"]').all()) {
      await tab.click();
      await rendered(frame);
      const inTab = leaks(await renderedText(frame), lang);
      if (inTab.length) found[`tab ${await tab.innerText()}`] = inTab;
    }
    expect(found).toEqual({});
  });

  it("a German reader gets the server's refusals in German on the admin pages", async () => {
    const frame = await openAppFrame(page, server.url, {
      user: 'klaus',
      hash: '#/apps/escalation-review',
      container: '[data-testid="page-escalation-review"]',
      ready: '.page',
    });
    await frame.getByTestId('tab-template').click();
    await frame.getByTestId('template-project-key').fill('NOPE');
    await frame.getByTestId('template-project-key').press('Enter');
    const banner = frame.getByTestId('error-banner');
    await banner.waitFor();
    expect(leaks(await banner.innerText(), 'de')).toEqual([]);
    expect(await banner.innerText()).not.toMatch(/\b(?:the|not|does|project|must)\b/i);
  });
});
