/**
 * Workflow rule configuration in the sandbox, as a Jira admin does it: the Workflow page lists the
 * transitions with the app's rules; each validator / post function shows its configuration view (the app's
 * rule-config Custom UI) in a frame; Save asks the frame for its configuration (`workflowRules.onConfigure`)
 * and stores it on the transition. The admin turns the "Escalate" transition from "start" into "escalate",
 * swaps its condition, and a user's transition then records the escalation to level 2.
 * Every frame runs under Forge's Content-Security-Policy; no violation may be reported.
 */
import path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { act, loadAppDemo } from '../../sandbox/app-demo/demo-escalations';
import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { DEMO_USERS } from '../../sandbox/platform/demo/seed-demo-jira';
import type { RunningServer } from '../../sandbox/web/server';
import { SCREENSHOT_DIR } from './support/browser';
import { completeMandatory } from './support/complete-obligations';
import { openSandboxSession, type SandboxSession } from './support/sandbox-session';
import { switchUser } from './support/app-frame';

jest.setTimeout(120_000);

const ISSUE = 'DEMO-2'; // In Progress, escalation started at level 1 by the demo
const ESCALATE = 21; // "Escalate": In Progress → Escalated, demo rules: not-started condition, validator + post function "start"
const DE_ESCALATE = 31; // "De-escalate": Escalated → In Progress, no rules in the demo

describe('workflow rules configured in the sandbox', () => {
  let session: SandboxSession;
  let sandbox: PlatformSandbox;
  let server: RunningServer;
  let page: Page;
  let pageErrors: string[];
  const cspConsole: string[] = [];

  beforeAll(async () => {
    session = await openSandboxSession({
      needs: ['rule-config', 'field-view'],
      startAt: '2026-11-23T08:00:00.000Z',
      prepare: async (sandbox) => {
        await loadAppDemo(sandbox);
        // On DEMO-2 the client has done its part of level 1, and the contractor let its immediate assessment
        // (L1-C-01, one working hour) run out: the client may escalate at once, before the level's time frame ends.
        await completeMandatory((party, key, payload) => act(sandbox, party === 'contractor' ? 'sam' : 'klaus', ISSUE, key, payload), {
          party: 'client',
        });
        await sandbox.advanceClock(2 * 3_600_000);
      },
    });
    ({ sandbox, server, page, pageErrors } = session);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspConsole.push(message.text());
    });
  });

  afterAll(async () => session?.close());

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `workflow-${name}.png`), fullPage: true });
  const rules = (transitionId: number): Locator => page.getByTestId(`transition-rules-${transitionId}`);
  const card = (transitionId: number, moduleKey: string): Locator => rules(transitionId).locator(`[data-module-key="${moduleKey}"]`);
  const frameOf = (scope: Locator): FrameLocator => scope.frameLocator('iframe');

  async function switchTo(user: keyof typeof DEMO_USERS, hash: string): Promise<void> {
    await page.goto(`${server.url}/${hash}`);
    await switchUser(page, user);
    await page.locator(`.app[data-user="${DEMO_USERS[user].accountId}"]`).waitFor();
  }

  /** Opens a rule's configuration view for editing, picks a step, saves; the view then shows the saved step. */
  async function changeStep(transitionId: number, moduleKey: string, from: string, step: string, shownAfterSave: string): Promise<void> {
    const rule = card(transitionId, moduleKey);
    await rule.getByTestId('rule-edit').click();
    const editor = frameOf(rule.getByTestId('rule-editor'));
    await waitForValue(editor.getByTestId('rule-action'), from);
    await editor.getByTestId('rule-action').selectOption(step);
    await rule.getByTestId('rule-save').click();
    await frameOf(card(transitionId, moduleKey).getByTestId('rule-view')).getByTestId('rule-summary').getByText(shownAfterSave).waitFor();
  }

  /**
   * The rule-config app renders its form with a default step before `view.getContext()` answers, then
   * switches to the saved one: wait for that (see the report: a Save in between would store the default).
   */
  async function waitForValue(select: Locator, value: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let current = '';
    while (Date.now() < deadline) {
      current = await select.inputValue();
      if (current === value) return;
      await page.waitForTimeout(50);
    }
    throw new Error(`expected the configuration view to show "${value}", it shows "${current}"`);
  }

  it('hides the workflow editor from users who are not Jira administrators', async () => {
    await switchTo('sam', '#/workflow');
    await page.getByTestId('workflow-denied').waitFor();
    await expect(page.getByTestId('nav-workflow').count()).resolves.toBe(0);
    const response = await fetch(`${server.url}/api/workflow`, { headers: { 'x-sandbox-user': DEMO_USERS.sam.accountId } });
    expect(response.status).toBe(403);
  });

  it('changes the Escalate transition from start to escalate, and the next transition escalates', async () => {
    // Before: the demo's Escalate only starts escalations, so an issue with one open is not offered it.
    const before = JSON.parse(
      (
        await sandbox.jira(
          { method: 'GET', path: `/rest/api/3/issue/${ISSUE}/transitions` },
          { kind: 'user', accountId: DEMO_USERS.erika.accountId },
        )
      ).body,
    ) as { transitions: { id: string }[] };
    expect(before.transitions.map((t) => t.id)).not.toContain(String(ESCALATE));

    await switchTo('ada', '#/');
    await page.getByTestId('nav-workflow').click();
    await page.getByTestId(`transition-${ESCALATE}`).click();
    await frameOf(card(ESCALATE, 'escalation-transition-validator').getByTestId('rule-view')).getByText('start (level 1)').waitFor();
    await frameOf(card(ESCALATE, 'escalation-transition-post-function').getByTestId('rule-view')).getByText('start (level 1)').waitFor();
    await shot('en-transition-before');

    // Edit view: the saved step is preselected (entryPoint "edit" with the saved config in the context).
    const validator = card(ESCALATE, 'escalation-transition-validator');
    await validator.getByTestId('rule-edit').click();
    const editor = frameOf(validator.getByTestId('rule-editor'));
    await waitForValue(editor.getByTestId('rule-action'), 'start');
    await editor.getByTestId('rule-action').selectOption('escalate');
    await shot('en-editing-validator');
    await validator.getByTestId('rule-save').click();
    await frameOf(card(ESCALATE, 'escalation-transition-validator').getByTestId('rule-view')).getByText('move up one level').waitFor();
    await changeStep(ESCALATE, 'escalation-transition-post-function', 'start', 'escalate', 'move up one level');

    // Swap the condition: "not started" out, "may escalate" in (conditions have no configuration view).
    await card(ESCALATE, 'escalation-not-started').getByTestId('rule-remove').click();
    await card(ESCALATE, 'escalation-not-started').waitFor({ state: 'detached' });
    await rules(ESCALATE).getByTestId('add-rule-module').selectOption('escalation-can-escalate');
    await rules(ESCALATE).getByTestId('add-rule-submit').click();
    await card(ESCALATE, 'escalation-can-escalate').waitFor();
    await shot('en-transition-after');

    // Stored on the transition as Jira would: the string the configuration view returned.
    const escalate = (await sandbox.workflow()).transitions.find((t) => t.id === ESCALATE)!;
    const byModule = Object.fromEntries(escalate.rules.map((r) => [r.moduleKey, r.configuration]));
    expect(byModule).toEqual({
      'escalation-transition-validator': JSON.stringify({ action: 'escalate' }),
      'escalation-transition-post-function': JSON.stringify({ action: 'escalate' }),
      'escalation-can-escalate': null,
    });

    // A user runs the transition: the validator lets it through, the post function records "escalate".
    await switchTo('erika', `#/browse/${ISSUE}`);
    await page.locator(`[data-transition="Escalate"]`).click();
    await page.locator('.status-row .lozenge', { hasText: 'Escalated' }).waitFor();
    // The field's own view in the issue view names the level in the reader's language (Erika reads English).
    await page
      .frameLocator('[data-testid="app-field"] iframe')
      .locator('.field-view__level', { hasText: 'Level 2: Middle management involvement' })
      .waitFor();
    await expect(page.getByTestId('transition-error').count()).resolves.toBe(0);
    const view = await act(sandbox, 'sam', ISSUE, 'getEscalation', {});
    expect(view.escalation?.level).toBe(2);
    expect(view.escalation?.timeline.filter((e) => e.type === 'level-changed')).toMatchObject([
      { from: 1, to: 2, reason: 'other-party-defaulted' },
    ]);
    // Then the app's notification of level 2's contacts.
    expect(view.escalation?.timeline.at(-1)?.type).toBe('notification-sent');
    await shot('en-issue-escalated');
  });

  it('adds a post function through its create view', async () => {
    await switchTo('ada', `#/workflow/${DE_ESCALATE}`);
    await rules(DE_ESCALATE).getByTestId('add-rule-module').selectOption('escalation-transition-post-function');
    const creator = frameOf(rules(DE_ESCALATE).getByTestId('rule-creator'));
    await creator.getByTestId('rule-action').selectOption('de-escalate');
    await rules(DE_ESCALATE).getByTestId('add-rule-submit').click();
    await frameOf(card(DE_ESCALATE, 'escalation-transition-post-function').getByTestId('rule-view'))
      .getByText('move down one level')
      .waitFor();
    const deEscalate = (await sandbox.workflow()).transitions.find((t) => t.id === DE_ESCALATE)!;
    expect(deEscalate.rules.map((r) => [r.moduleKey, r.configuration])).toEqual([
      ['escalation-transition-post-function', JSON.stringify({ action: 'de-escalate' })],
    ]);
  });

  it('shows the workflow editor and the configuration views in German', async () => {
    // A German-speaking admin: the demo's admin with her Jira language set to German.
    sandbox.db.prepare("UPDATE jira_user SET locale = 'de-DE' WHERE account_id = ?").run(DEMO_USERS.ada.accountId);
    try {
      await switchTo('ada', `#/workflow/${ESCALATE}`);
      await page.getByTestId('nav-workflow').getByText('Workflow').waitFor();
      await rules(ESCALATE).getByText('Validatoren').waitFor();
      await frameOf(card(ESCALATE, 'escalation-transition-validator').getByTestId('rule-view'))
        .getByText('eine Stufe höher gehen')
        .waitFor();
      await shot('de-transition');
      const postFunction = card(ESCALATE, 'escalation-transition-post-function');
      await postFunction.getByTestId('rule-edit').click();
      await frameOf(postFunction.getByTestId('rule-editor')).getByText('Eskalationsschritt dieses Übergangs').waitFor();
      await shot('de-editing-post-function');
      await postFunction.getByTestId('rule-cancel').click();
    } finally {
      sandbox.db.prepare("UPDATE jira_user SET locale = 'en-US' WHERE account_id = ?").run(DEMO_USERS.ada.accountId);
    }
  });

  it('ran every frame under the Content-Security-Policy without a violation', async () => {
    const reports = (await (await fetch(`${server.url}/api/csp-reports`)).json()) as unknown[];
    expect(reports).toEqual([]);
    expect(cspConsole).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
