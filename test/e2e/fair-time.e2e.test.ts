/**
 * A paused clock in the panel, in Chromium over the real sandbox (English for Sam, German for Klaus): the
 * contractor's preliminary plan waits for the client's overdue decision, so the level's time frame stands
 * still and says whom it waits for, since when. Screenshots go to test-output/screenshots/fair-time-*.png.
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { type DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { SCREENSHOT_DIR } from './support/browser';
import { openDemoProjectSession, type SandboxSession } from './support/sandbox-session';
import { expectText, openPanelAs, panelOf } from './support/app-frame';

jest.setTimeout(120_000);

const HOUR = 3_600_000;
const ISSUE = 'DEMO-3';

describe('a paused clock in the browser', () => {
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
    const card = panel().getByTestId('deadlines');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(SCREENSHOT_DIR, `fair-time-${name}.png`) });
  };
  const as = (user: keyof typeof DEMO_USERS) => openPanelAs(page, server.url, user, ISSUE);

  it('shows the level time frame paused, waiting for the client since its decision ran out', async () => {
    await act(sandbox, 'sam', ISSUE, 'startEscalation', {
      trigger: 'other',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: false,
    });
    await act(sandbox, 'sam', ISSUE, 'recordClientNotified', { channel: 'phone', note: 'Called Klaus' });
    await act(sandbox, 'sam', ISSUE, 'draftActionPlan', { stage: 'preliminary', text: 'Failover first' });
    await act(sandbox, 'sam', ISSUE, 'submitActionPlan', { planVersion: 1 });
    await sandbox.advanceClock(50 * HOUR); // Wed 11:00 Berlin: the decision is two hours overdue

    await as('sam');
    const pausedEn = panel().getByTestId('deadline-paused');
    await expectText(pausedEn, /Paused: waiting for the client since .*Nov.*9:00/s);
    await shot('en');

    await as('klaus');
    const pausedDe = panel().getByTestId('deadline-paused');
    await expectText(pausedDe, /Pausiert: wartet seit .*9:00.* auf den Auftraggeber/s);
    await shot('de');
    expect(pageErrors).toEqual([]);
  });
});
