/**
 * A transition screen in the sandbox (issue 14): the demo workflow's looped "Change escalation level" has the
 * Escalation level field on its screen, so Jira shows the field's edit view (`jira:customField` edit, experience
 * `issue-transition`) before the transition runs; the view works through the panel's resolvers and what it
 * submits goes with the transition. Chromium over the real sandbox and the demo (`loadAppDemo`).
 * Screenshots: test-output/screenshots/transition-screen-*.png (English light wide, German dark narrow).
 */
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { kvsEscalationEventStore } from '../../src/infrastructure/storage/escalation-event-store';
import { SCREENSHOT_DIR } from './support/browser';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { switchUser } from './support/app-frame';

jest.setTimeout(120_000);

const APP = { kind: 'app' as const };

describe('the Escalation level field on a transition screen', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['panel', 'field-edit'],
      startAt: '2026-03-02T08:00:00.000Z',
      deliverEventsAtOnce: true,
      prepare: async (s) => {
        await loadAppDemo(s);
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
  });
  afterAll(async () => session?.close());

  const screen = () => page.getByTestId('transition-screen');
  const fieldEdit = (): FrameLocator => screen().frameLocator('iframe');

  async function as(user: keyof typeof DEMO_USERS, hash: string, look: { dark?: boolean; width?: number } = {}): Promise<void> {
    await page.setViewportSize({ width: look.width ?? 1440, height: 900 });
    await page.goto(`${server.url}/${hash}`);
    await switchUser(page, user);
    await page.getByTestId('theme-switch').selectOption(look.dark ? 'dark' : 'light');
    await page.goto(`${server.url}/${hash}`);
    await page.getByTestId('issue-view').waitFor();
  }

  async function issueId(key: string): Promise<string> {
    const r = await sandbox.jira({ method: 'GET', path: `/rest/api/3/issue/${key}?fields=status` }, APP);
    return (JSON.parse(r.body) as { id: string }).id;
  }

  it('shows the edit view before the transition; its proposal is recorded and the transition runs with the submitted value', async () => {
    await as('sam', '#/browse/DEMO-1');
    await page.getByTestId('transitions').getByRole('button', { name: 'Change escalation level' }).click();
    await expect(screen().getByRole('heading').innerText()).resolves.toBe('Change escalation level');
    await fieldEdit().getByText('Current level').waitFor();
    await expect(fieldEdit().getByText(/^2 · /).count()).resolves.toBe(1);
    await fieldEdit().getByLabel('Reason (required for the proposal)').fill('Failover stable for 24 hours.');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'transition-screen-en-light-wide.png') });
    await fieldEdit().getByRole('button', { name: 'Propose de-escalation to level 1' }).click();
    await fieldEdit().getByTestId('proposal-waiting').waitFor();

    const log = await sandbox.runAs(APP, async () => kvsEscalationEventStore.load(await issueId('DEMO-1')));
    expect(log.filter((e) => e.type === 'change-proposed').at(-1)).toMatchObject({
      change: 'de-escalate',
      actor: { accountId: DEMO_USERS.sam.accountId },
    });

    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/jira/rest/api/3/issue/DEMO-1/transitions'));
    await page.getByTestId('transition-screen-confirm').click();
    // Jira sends the screen's values with the transition: here the value the edit view submitted (still level 2).
    const sent = (await posted).postDataJSON() as { transition: unknown; fields: Record<string, unknown> };
    const fieldId = sandbox.customFieldId('escalation-level');
    expect(sent.transition).toEqual({ id: '71' });
    expect(Object.keys(sent.fields)).toEqual([fieldId]);
    expect(sent.fields[fieldId]).toMatchObject({ level: 2, status: 'open' });
    await expect(screen().count()).resolves.toBe(0);
    await expect(page.getByTestId('transition-error').count()).resolves.toBe(0);
    const changelog = await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/changelog' }, APP);
    const last = (
      JSON.parse(changelog.body) as { values: { author?: { accountId: string }; items: { field: string; toString: string }[] }[] }
    ).values.at(-1);
    expect(last).toMatchObject({ author: { accountId: DEMO_USERS.sam.accountId }, items: [{ field: 'status', toString: 'Escalated' }] });
  });

  it('in German, dark and narrow; cancelling runs no transition', async () => {
    await as('carla', '#/browse/DEMO-1', { dark: true, width: 420 });
    const before = (
      JSON.parse((await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/changelog' }, APP)).body) as {
        values: unknown[];
      }
    ).values.length;
    await page.getByTestId('transitions').getByRole('button', { name: 'Change escalation level' }).click();
    await fieldEdit().getByText('Aktuelle Stufe').waitFor();
    // The blanket behind the dialog is Jira's dark one (--ds-blanket of @atlaskit/tokens' dark theme), not the light one.
    const blanket = await page.locator('.transition-screen-backdrop').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(blanket).toBe('rgba(16, 18, 20, 0.6)');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'transition-screen-de-dark-narrow.png') });
    await page.getByTestId('transition-screen-cancel').click();
    await expect(screen().count()).resolves.toBe(0);
    const after = (
      JSON.parse((await sandbox.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-1/changelog' }, APP)).body) as {
        values: unknown[];
      }
    ).values.length;
    expect(after).toBe(before);
    await page.getByTestId('theme-switch').selectOption('light');
    expect(pageErrors).toEqual([]);
  });
});
