/**
 * The panel as each person's work surface, in Chromium over the real sandbox: the next-steps box names what
 * the person looking must do (the client's pending decision for the client), and the panel follows the issue
 * live (the sweep's escalation and the clock's steps show without a reload). Screenshots of the box go to
 * test-output/screenshots/next-steps-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { type DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { SCREENSHOT_DIR } from './support/browser';
import { openDemoProjectSession, type SandboxSession } from './support/sandbox-session';
import { expectText, expectTextToBe, openPanelAs, panelOf, textChanged } from './support/app-frame';

jest.setTimeout(180_000);

const HOUR = 3_600_000;

const DAY = 24 * HOUR;

describe('next steps first, and live', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openDemoProjectSession(['panel']);
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const panel = (): FrameLocator => panelOf(page);
  const shot = async (name: string) => {
    const box = panel().getByTestId('next-steps');
    await box.scrollIntoViewIfNeeded();
    await box.screenshot({ path: path.join(SCREENSHOT_DIR, `next-steps-${name}.png`) });
  };
  const as = (user: keyof typeof DEMO_USERS, issue: string) => openPanelAs(page, server.url, user, issue);

  it('names the client’s pending decision to the client, and the contractor’s own duties to the contractor', async () => {
    const issue = 'DEMO-3';
    await act(sandbox, 'sam', issue, 'startEscalation', {
      trigger: 'other',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: false,
    });
    await act(sandbox, 'sam', issue, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
    await act(sandbox, 'sam', issue, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', issue, 'submitActionPlan', { planVersion: 1 });

    await as('klaus', issue);
    const box = panel().getByTestId('next-steps');
    await expectTextToBe(box.getByRole('heading'), 'Ihre nächsten Schritte', { textContent: true });
    const decision = box.getByTestId('next-step-decide-action-plan');
    await expectText(decision, 'Aktionsplan (vorläufig, Version 1) genehmigen oder Änderungen verlangen');
    await expectText(box.getByTestId('next-steps-outcome'), /Stufe 2 beginnt automatisch am Do.*26.*Nov.*09:00/s);
    await shot('client-de');
    // Its one action takes the client to the plan, with the keyboard focus on its decision.
    await decision.getByRole('button').click();
    await expect(panel().locator(':focus').getAttribute('data-testid')).resolves.toBe('plan-decide-1-approve');

    await as('erika', issue);
    await expectText(
      panel().getByTestId('next-step-decide-action-plan'),
      'Approve the preliminary action plan (version 1) or request changes',
    );
    await shot('client-en');

    await as('sam', issue);
    const own = panel().getByTestId('next-steps');
    await expectText(own.getByTestId('next-steps-waiting'), /Waiting for the client — open items: \d+/);
    await expect(own.getByTestId('next-step-decide-action-plan').count()).resolves.toBe(0);
    await expectText(own.getByTestId('next-steps-outcome'), /Level 2 starts automatically on Thu, Nov 26, 09:00 AM/s);
    await shot('contractor-en');
    // The contractor's own items first (open, then done); both parties side by side on demand.
    const level1 = panel().getByTestId('section-level-1');
    await expect(level1.locator('[data-party="client"]').count()).resolves.toBe(0);
    await level1.scrollIntoViewIfNeeded();
    await level1.screenshot({ path: path.join(SCREENSHOT_DIR, 'next-steps-checklist-mine-en.png') });
    await panel().getByTestId('checklist-both').click();
    await expect(level1.locator('[data-party="client"]').count()).resolves.toBe(10);

    await as('carla', issue);
    await expectTextToBe(panel().getByTestId('next-steps').getByRole('heading'), 'Ihre nächsten Schritte', { textContent: true });
    await shot('contractor-de');
    expect(pageErrors).toEqual([]);
  });

  it('follows the sweep’s escalation and the clock’s steps without a reload', async () => {
    const issue = 'DEMO-2';
    await act(sandbox, 'sam', issue, 'startEscalation', {
      trigger: 'other',
      problem: 'Slow queries',
      impact: 'Reports late',
      critical: false,
    });
    await as('sam', issue);
    const header = panel().getByTestId('escalation-header').locator('.header__level');
    await expectTextToBe(header, 'Level 1', { textContent: true });
    const levelClock = panel().locator('[data-testid^="deadline-level-1@"]');
    const before = (await levelClock.locator('.deadline__remaining').textContent()) ?? '';
    await expectText(levelClock.getByTestId('deadline-counting'), /Business hours \(08:00–17:00, Europe\/Berlin\)/);
    await expectText(levelClock.getByTestId('deadline-explain'), 'when this level was reached');

    // A clock step in the sandbox's top bar: the panel's remaining time follows without a reload.
    await page.getByTestId('advance-1h').click();
    await textChanged(levelClock.locator('.deadline__remaining'), before);

    // Three days on the sweep escalates (the level's time frame ran out): the panel says level 2 by itself.
    await sandbox.advanceClock(3 * DAY);
    await expectTextToBe(header, 'Level 2', { textContent: true });
    // The field beside the panel and the issue property say the same.
    const read = await sandbox.jira(
      { method: 'GET', path: `/rest/api/3/issue/${issue}/properties/escalation`, headers: {} },
      { kind: 'app' },
    );
    expect((JSON.parse(read.body) as { value: { level: number } }).value.level).toBe(2);
    expect(pageErrors).toEqual([]);
  });
});
