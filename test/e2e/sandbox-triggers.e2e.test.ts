/**
 * Every product-event trigger of the app can be tried in the sandbox's issue view (issue 14), in Chromium over
 * the real sandbox with events delivered at once, as under `npm start`:
 * - the priority is edited in the issue view (`PUT /rest/api/3/issue/{key}`), the update trigger sees the
 *   changelog and the panel proposes an escalation for the now critical issue;
 * - a comment's @mention picker finds people through Jira's user search, the comment is saved as ADF with a
 *   `mention` node, and the comment trigger records that the client was notified.
 * Screenshots: test-output/screenshots/sandbox-triggers-*.png (English light wide, German dark narrow).
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { act, configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { expectText, expectTextToBe, switchUser } from './support/app-frame';

jest.setTimeout(120_000);

const APP = { kind: 'app' as const };
const START = '2026-03-02T08:00:00.000Z';

describe('trying the triggers in the sandbox issue view', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel'],
      startAt: START,
      deliverEventsAtOnce: true,
      prepare: async (s) => {
        await configureDemoProject(s);
        // A critical problem whose client has not been told yet: a comment mentioning the client can tell them.
        await act(s, 'sam', 'DEMO-3', 'startEscalation', {
          trigger: 'sla-breach',
          critical: true,
          problem: 'Backup-Wiederherstellung für Mandant 4711 schlägt fehl.',
          impact: 'Keine Wiederherstellung möglich.',
        });
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const panel = (): FrameLocator => page.frameLocator('[data-testid="panel-escalation-panel"] iframe');
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `sandbox-triggers-${name}.png`), fullPage: true });

  async function as(user: keyof typeof DEMO_USERS, hash: string, look: { dark?: boolean; width?: number } = {}): Promise<void> {
    await page.setViewportSize({ width: look.width ?? 1440, height: 900 });
    await page.goto(`${server.url}/${hash}`);
    await switchUser(page, user);
    await page.getByTestId('theme-switch').selectOption(look.dark ? 'dark' : 'light');
    await page.goto(`${server.url}/${hash}`);
    await page.getByTestId('issue-view').waitFor();
  }

  async function issueOf(key: string): Promise<{ id: string; fields: { priority: { name: string } } }> {
    const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${key}?fields=priority` }, APP);
    expect(r.status).toBe(200);
    return JSON.parse(r.body) as { id: string; fields: { priority: { name: string } } };
  }

  it('edits the priority through Jira’s REST API; the update trigger runs at once and the panel proposes an escalation', async () => {
    await as('sam', '#/browse/DEMO-6');
    const select = page.getByTestId('priority-select');
    // The priorities arrive after the issue: wait for the render that shows the issue's own.
    await expectTextToBe(select.locator('option:checked'), 'Low');
    await expect(panel().getByTestId('critical-proposal').count()).resolves.toBe(0);
    await select.selectOption({ label: 'Highest' });
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history').getByText('Highest').waitFor();
    expect((await issueOf('DEMO-6')).fields.priority.name).toBe('Highest');

    // No clock step: the trigger ran because the event was delivered at once.
    await sandbox.eventsSettled();
    expect(sandbox.now().toISOString()).toBe(START);
    await page.reload();
    const proposal = panel().getByTestId('critical-proposal');
    await expectText(proposal, /Priority Highest makes this issue a critical problem/);
    await shot('en-light-wide-priority');

    await as('carla', '#/browse/DEMO-6', { dark: true, width: 420 });
    await expectText(panel().getByTestId('critical-proposal'), /Die Priorität Highest macht/);
    // Narrow: the issue's details and the comment box, each as an element (the page scrolls inside its frame).
    await page.locator('.issue-side').screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox-triggers-de-dark-narrow-priority.png') });
  });

  it('mentions the client through the picker; the comment trigger records the client notified', async () => {
    const issue = await issueOf('DEMO-3');
    const before = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issue.id));
    expect(before.some((e) => e.type === 'client-notified')).toBe(false);

    await as('sam', '#/browse/DEMO-3');
    const input = page.getByTestId('comment-input');
    await input.click();
    await input.pressSequentially('Restore failed again, @');
    await page.getByTestId('mention-picker').getByText('Type a name to mention someone').waitFor();
    await input.pressSequentially('kla');
    const option = page.getByTestId('mention-picker').getByRole('option', { name: /Klaus Kunde/ });
    await option.waitFor();
    await shot('en-light-wide-mention');
    await input.press('Enter');
    await input.pressSequentially('please check tenant 4711.');
    await expect(input.inputValue()).resolves.toBe('Restore failed again, @Klaus Kunde please check tenant 4711.');
    await page.getByTestId('comment-save').click();
    await page.getByTestId('comments').locator('.mention', { hasText: '@Klaus Kunde' }).waitFor();

    const comments = await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3/comment' }, APP);
    const [comment] = (JSON.parse(comments.body) as { comments: { id: string; body: { content: { content: unknown[] }[] } }[] }).comments;
    expect(comment!.body.content[0]!.content).toEqual([
      { type: 'text', text: 'Restore failed again, ' },
      { type: 'mention', attrs: { id: DEMO_USERS.klaus.accountId, text: '@Klaus Kunde', accessLevel: '' } },
      { type: 'text', text: ' please check tenant 4711.' },
    ]);

    await sandbox.eventsSettled();
    expect(sandbox.now().toISOString()).toBe(START);
    const after = await sandbox.runAs(APP, () => kvsEscalationEventStore.load(issue.id));
    const notified = after.filter((e) => e.type === 'client-notified');
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ channel: 'jira', actor: { accountId: DEMO_USERS.sam.accountId } });
  });

  it('the picker in German, dark and narrow; Escape closes it and nothing is saved', async () => {
    await as('carla', '#/browse/DEMO-3', { dark: true, width: 420 });
    const input = page.getByTestId('comment-input');
    await input.click();
    await input.pressSequentially('@eri');
    await page
      .getByTestId('mention-picker')
      .getByRole('option', { name: /Erika Executive/ })
      .waitFor();
    await page.getByTestId('comments').screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox-triggers-de-dark-narrow-mention.png') });
    await page.locator('.topbar').screenshot({ path: path.join(SCREENSHOT_DIR, 'sandbox-triggers-de-dark-narrow-topbar.png') });
    await input.pressSequentially('xyz');
    await page.getByTestId('mention-picker').getByText('Niemand gefunden').waitFor();
    await input.press('Escape');
    await expect(page.getByTestId('mention-picker').count()).resolves.toBe(0);
    await page.getByTestId('theme-switch').selectOption('light');
    expect(pageErrors).toEqual([]);
  });
});
