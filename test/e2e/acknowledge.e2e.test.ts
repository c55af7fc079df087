/**
 * The client's acknowledgement and a meeting proposal in the panel, in Chromium over the real sandbox: the
 * client contact (Klaus in German, Erika in English) finds the acknowledgement at the top of the panel and
 * gives it with one click; the contractor proposes meeting dates and the client confirms one. Screenshots go
 * to test-output/screenshots/acknowledge-*.png and meeting-*.png.
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

describe('acknowledging the notice and confirming a meeting in the browser', () => {
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
  const shot = async (testId: string, name: string) => {
    const part = panel().getByTestId(testId);
    await part.scrollIntoViewIfNeeded();
    await part.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  };
  /** As from the notice's e-mail: the issue's address with `escalation=acknowledge` (the sandbox routes by the
   * hash, so the parameter sits before it; the panel cannot read it either way and shows the step regardless). */
  const as = (user: keyof typeof DEMO_USERS, issueKey: string) => openPanelAs(page, server.url, user, issueKey, '?escalation=acknowledge');

  async function notified(issueKey: string): Promise<void> {
    await act(sandbox, 'sam', issueKey, 'startEscalation', {
      trigger: 'sla-breach',
      problem: 'Restore fails',
      impact: 'No backup',
      critical: true,
    });
    await act(sandbox, 'sam', issueKey, 'notifyClientNow', { assessment: 'Backups fail since 02:00; restore tested today.' });
  }

  it('Klaus (German) acknowledges receipt with one click at the top of the panel', async () => {
    await notified('DEMO-3');
    await as('klaus', 'DEMO-3');
    const banner = panel().getByTestId('acknowledge-banner');
    await expectText(banner, /Bitte bestätigen Sie den Eingang der Eskalationsmeldung.*Backups fail since 02:00/s);
    await shot('acknowledge-banner', 'acknowledge-de');
    await panel().getByTestId('acknowledge-now').click();
    await panel().getByTestId('acknowledge-banner').waitFor({ state: 'detached' });
    await expectText(panel().getByTestId('timeline'), /hat den Eingang der Eskalationsmeldung bestätigt/);
    await shot('timeline', 'acknowledge-done-de');
    // The contractor never sees the client's step.
    await as('sam', 'DEMO-3');
    await panel().getByTestId('timeline').waitFor();
    expect(await panel().getByTestId('acknowledge-banner').count()).toBe(0);
  });

  it('Erika (English) sees the same step in English', async () => {
    await notified('DEMO-4');
    await as('erika', 'DEMO-4');
    const banner = panel().getByTestId('acknowledge-banner');
    await expectText(banner, /Please acknowledge receipt of the escalation notice.*Acknowledging stops the reminders/s);
    await shot('acknowledge-banner', 'acknowledge-en');
    await panel().getByTestId('acknowledge-now').click();
    await panel().getByTestId('acknowledge-banner').waitFor({ state: 'detached' });
    await expectText(panel().getByTestId('timeline'), /acknowledged receipt of the escalation notice/);
  });

  it('the contractor proposes meeting dates at level 2; the client confirms one in the panel', async () => {
    const p = (await act(sandbox, 'sam', 'DEMO-3', 'proposeEscalation', { note: 'Middle management needed' })).escalation!.proposal!;
    await act(sandbox, 'klaus', 'DEMO-3', 'answerProposal', { proposalSeq: p.seq, accept: true });
    const tomorrow = new Date(sandbox.now().getTime() + 24 * HOUR).toISOString();
    const later = new Date(sandbox.now().getTime() + 48 * HOUR).toISOString();
    await act(sandbox, 'sam', 'DEMO-3', 'proposeMeeting', {
      subject: 'Abstimmungsgespräch mittleres Management',
      candidates: [tomorrow, later],
    });

    await as('klaus', 'DEMO-3');
    const meeting = panel().getByTestId('meeting-T1');
    await expectText(meeting, /Wartet auf die Antwort der anderen Partei/i);
    await panel().getByTestId('record-action-meeting-answer-T1').click();
    await panel().getByTestId('record-form-meeting-answer-T1').locator('select').selectOption(later);
    await shot('records-meetings', 'meeting-confirm-de');
    await panel().getByTestId('record-form-meeting-answer-T1').getByRole('button', { name: 'Antwort erfassen' }).click();
    await expectText(meeting, /Bestätigt für/i);

    await as('sam', 'DEMO-3');
    await expectText(panel().getByTestId('meeting-T1'), /Confirmed for .*Nov/i);
    await shot('records-meetings', 'meeting-confirmed-en');
    expect(pageErrors).toEqual([]);
  });
});
